/// <reference types="vitest/config" />
import { defineConfig, runnerImport, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type * as FirstReply from "./src/worker/firstReply";

type FirstReplyModule = typeof FirstReply;

/**
 * Writes asset-manifest.json: every file of the build (source maps aside), relative to the
 * site's root, for the service worker (public/sw.js) to cache on install.
 */
function assetManifest(): Plugin {
  return {
    name: "anonscope-asset-manifest",
    apply: "build",
    enforce: "post",
    generateBundle(_opts, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith(".map") && f !== "asset-manifest.json")
        .sort();
      this.emitFile({
        type: "asset",
        fileName: "asset-manifest.json",
        source: `${JSON.stringify({ files }, null, 1)}\n`,
      });
    },
  };
}

/**
 * `NAME.vms?menu`: a preset file's header lines that the preset menu needs before any text is
 * loaded (`# title:`, `# start:`, `# beside:`), as a string module (src/scenarios/presetMenu.ts).
 * The texts and their `# idea:` lines are loaded on first use.
 */
function vmsMenuHeaders(): Plugin {
  const KEEP = /^#\s*(title|start|beside)\s*:/;
  return {
    name: "anonscope-vms-menu",
    enforce: "pre",
    async load(id) {
      if (!id.endsWith(".vms?menu")) return null;
      const text = await readFile(id.slice(0, -"?menu".length), "utf8");
      const head: string[] = [];
      for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === "") continue;
        if (!line.startsWith("#")) break;
        if (KEEP.test(line)) head.push(line);
      }
      return `export default ${JSON.stringify(head.join("\n"))};`;
    },
  };
}

/**
 * `virtual:first-frame`: the engine's reply to loading the default preset, run at build time
 * (src/worker/firstReply.ts), as JSON text. A first visit paints it at once and fetches the
 * worker after that paint (src/state/firstFrame.ts); the worker's own reply is the same.
 */
function firstFrame(): Plugin {
  const ID = "virtual:first-frame";
  const PRESET = "src/scenarios/presets/00-default.vms";
  return {
    name: "anonscope-first-frame",
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    async load(id) {
      if (id !== `\0${ID}`) return null;
      const root = fileURLToPath(new URL(".", import.meta.url));
      this.addWatchFile(root + PRESET);
      const text = await readFile(root + PRESET, "utf8");
      const { module } = await runnerImport<FirstReplyModule>("/src/worker/firstReply.ts", {
        root,
        configFile: false,
        logLevel: "warn",
      });
      return `export default ${JSON.stringify(module.firstReplyJson(text))};`;
    },
  };
}

/**
 * The Content-Security-Policy is in index.html, for the built app (the e2e suite runs under
 * it). The dev server serves the page without it: React refresh and Vite's hot reload inject
 * inline scripts and styles that the policy forbids.
 */
function cspOnlyInBuild(): Plugin {
  return {
    name: "anonscope-csp-only-in-build",
    apply: "serve",
    transformIndexHtml: (html) => html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ""),
  };
}

/**
 * V8's compile hint on the page's own chunk: compile every function while the file streams in,
 * off the main thread, rather than each on the main thread at its first call. Nearly all of the
 * chunk runs before the first paint (React's renderer, the panels), and on a slow laptop those
 * lazy compiles were a fifth of the first frame (bench/README.md, "Fifth pass"). V8 reads the
 * comment only on the file's first line, so it goes in after Vite has added its own first line.
 */
function compileHint(): Plugin {
  const HINT = "//# allFunctionsCalledOnLoad";
  return {
    name: "anonscope-compile-hint",
    apply: "build",
    enforce: "post",
    generateBundle: {
      // after Vite's own first line (the lazy chunks' list, __vite__mapDeps)
      order: "post",
      handler(_opts, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== "chunk" || !chunk.isEntry) continue;
          chunk.code = `${HINT}\n${chunk.code}`;
          // its source map: every generated line moves down one
          const map = bundle[`${chunk.fileName}.map`];
          if (map?.type === "asset" && typeof map.source === "string") {
            const json = JSON.parse(map.source) as { mappings: string };
            map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
          }
        }
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), vmsMenuHeaders(), firstFrame(), assetManifest(), compileHint(), cspOnlyInBuild()],
  base: "./",
  worker: { format: "es" },
  build: {
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Everything the page imports statically in one chunk: left to itself the bundler splits
        // the modules the lazy chunks share with it into a dozen small chunks, all fetched before
        // the first paint anyway, which gzip worse apart (5 KB) and cost a request each.
        codeSplitting: { groups: [{ name: "app", tags: ["$initial"] }] },
      },
    },
  },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one on CI's two. Many files wait on
    // child processes (the CLI, gcc), so two workers took the suite from 192 s to 127 s there;
    // a machine with more cores keeps the default
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
