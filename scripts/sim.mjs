// Starts the bundled CLI, rebuilding it first when a source file is newer (a developer's
// checkout); a fresh `npm ci` has already built it.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "dist-cli", "sim.mjs");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.(ts|c)$/.test(e.name) && !e.name.endsWith(".test.ts")) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const srcTime = Math.max(
  newest(join(root, "src", "engine")),
  newest(join(root, "src", "contract")),
  newest(join(root, "src", "scenarios")),
  newest(join(root, "src", "cli")),
  newest(join(root, "src", "lab")),
  // the walkthrough draws with the app's layout code and the worker's snapshot
  newest(join(root, "src", "ui", "layout")),
  newest(join(root, "src", "worker")),
  statSync(join(root, "src", "ui", "app.css")).mtimeMs,
  statSync(join(root, "src", "ui", "colors.ts")).mtimeMs,
);
if (!existsSync(out) || statSync(out).mtimeMs < srcTime) {
  const r = spawnSync(process.execPath, [join(root, "scripts", "build-cli.mjs")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) process.exit(1);
}
await import(pathToFileURL(out).href);
