// Bundles the headless CLI (src/cli/sim.ts and the engine) into dist-cli/sim.mjs, so that
// `npm run sim` starts in plain Node with no TypeScript step. Run by `npm ci` (prepare), and by
// scripts/sim.mjs when a source file is newer than the bundle.
//
// Several CLIs may start at once on a stale bundle (graders run it in parallel): each builds
// into a directory of its own and then renames the bundle into place, which is atomic, so no
// run ever sees dist-cli/sim.mjs missing or half written.
import { build } from "vite";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(root, "dist-cli");
const tmp = join(outDir, `.build-${process.pid}-${Date.now()}`);
mkdirSync(outDir, { recursive: true });
try {
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: "warn",
    build: {
      ssr: "src/cli/sim.ts",
      outDir: tmp,
      emptyOutDir: true,
      target: "node20",
      minify: false,
      sourcemap: false,
      rollupOptions: { output: { entryFileNames: "sim.mjs", format: "es" } },
    },
  });
  renameSync(join(tmp, "sim.mjs"), join(outDir, "sim.mjs"));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
