// Bundles the headless CLI (src/cli/sim.ts and the engine) into dist-cli/sim.mjs, so that
// `npm run sim` starts in plain Node with no TypeScript step. Run by `npm ci` (prepare).
import { build } from "vite";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
await build({
  root,
  configFile: false,
  logLevel: "warn",
  build: {
    ssr: "src/cli/sim.ts",
    outDir: "dist-cli",
    emptyOutDir: true,
    target: "node20",
    minify: false,
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: "sim.mjs", format: "es" } },
  },
});
