#!/usr/bin/env node
// The walkthrough export (issue 14): times `sim -- FILE --walkthrough DIR` as a lecturer runs it,
// whole process (npm left out: node scripts/sim.mjs), for the default preset and the 1 GB fork,
// SVG alone and all three formats, and writes bench/walkthrough-results.json: per case the median
// wall time (ms), the frames, the bytes of each kind of file and the peak RSS (from GNU time,
// when /usr/bin/time is there). `node bench/walkthrough.mjs --quick`: one run per case.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "prettier";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const RUNS = quick ? 1 : 3;
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const CASES = [
  ["default", "src/scenarios/presets/00-default.vms"],
  ["largeFork", "src/scenarios/presets/90-large-fork.vms"],
];
const FORMATS = [
  ["Svg", "svg"],
  ["All", "svg,png,gif"],
];

// a run first, so the CLI bundle is fresh and no run below pays for a rebuild
spawnSync(process.execPath, [join(root, "scripts/sim.mjs"), "--help"], { stdio: "ignore" });
const out = {};
const tmp = mkdtempSync(join(tmpdir(), "anonscope-walk-bench-"));
try {
  for (const [name, file] of CASES)
    for (const [fname, formats] of FORMATS) {
      const times = [];
      let rss = 0;
      for (let i = 0; i < RUNS; i++) {
        const dir = join(tmp, `${name}${fname}${i}`);
        const args = [
          join(root, "scripts/sim.mjs"),
          join(root, file),
          "--walkthrough",
          dir,
          "--format",
          formats,
        ];
        const t0 = performance.now();
        const r = TIME
          ? spawnSync(TIME, ["-f", "%M", process.execPath, ...args], { encoding: "utf8" })
          : spawnSync(process.execPath, args, { encoding: "utf8" });
        times.push(performance.now() - t0);
        if (r.status !== 0) throw new Error(`${name} ${formats}: exit ${r.status}: ${r.stderr}`);
        if (TIME) rss = Math.max(rss, Number(r.stderr.trim().split("\n").at(-1)) / 1024);
        const files = readdirSync(dir);
        const bytes = (ext) =>
          files.filter((f) => f.endsWith(ext)).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
        const k = `${name}${fname}`;
        out[`${k}Frames`] = files.filter((f) => f.endsWith(".svg")).length;
        out[`${k}SvgKB`] = Math.round(bytes(".svg") / 1024);
        if (formats.includes("png")) out[`${k}PngKB`] = Math.round(bytes(".png") / 1024);
        if (formats.includes("gif")) out[`${k}GifKB`] = Math.round(bytes(".gif") / 1024);
      }
      times.sort((a, b) => a - b);
      out[`${name}${fname}Ms`] = Math.round(times[Math.floor(times.length / 2)]);
      if (TIME) out[`${name}${fname}RssMB`] = Math.round(rss);
    }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
out.loadAverage = Math.round(loadavg()[0] * 10) / 10;
out.cores = cpus().length;
const text = await format(JSON.stringify(out), { parser: "json" });
writeFileSync(join(root, "bench/walkthrough-results.json"), text);
process.stdout.write(text);
