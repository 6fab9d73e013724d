#!/usr/bin/env node
// Makes a regression visible: compares the figures of the last `npm run bench`
// (bench/engine-results.json, bench/browser-results.json) with bench/baseline.json, the run
// whose figures bench/README.md reports, and marks each figure that is much worse.
//
//   node bench/compare.mjs          print the comparison (npm run bench ends with it)
//   node bench/compare.mjs --save   make the last run the new baseline
//
// It never fails the run: these machines are noisy, and a figure 1.3× worse can be the box.
// "WORSE" marks a time or size at least 1.5× the baseline (and 1 ms / 1 KB / 1 MB more).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format } from "prettier";

const dir = fileURLToPath(new URL(".", import.meta.url));
const read = (f) => (existsSync(dir + f) ? JSON.parse(readFileSync(dir + f, "utf8")) : null);

export function current() {
  const engine = read("engine-results.json");
  const browser = read("browser-results.json");
  return {
    engine: engine?.results ?? {},
    browser: browser?.results ?? {},
    machine: browser?.machine ?? null,
  };
}

/** Only figures where bigger is worse are judged: times, sizes, dropped frames, ratios. */
const judged = (k) => /(ms|KB|MB|DroppedFrames|Over\w+|Late\w*)$/i.test(k);

export function compare(base, now, ratio = 1.5) {
  const rows = [];
  for (const part of ["engine", "browser"])
    for (const [k, b] of Object.entries(base[part] ?? {})) {
      const v = now[part]?.[k];
      if (typeof v !== "number" || typeof b !== "number") {
        rows.push({ part, k, v: v ?? null, b, mark: "missing" });
        continue;
      }
      const worse = judged(k) && v >= b * ratio && v - b >= 1;
      const by = b > 0 ? `×${(v / b).toFixed(1)}` : `(was ${b})`;
      rows.push({ part, k, v, b, mark: worse ? `WORSE ${by}` : "" });
    }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const now = current();
  if (process.argv.includes("--save")) {
    const text = JSON.stringify({ engine: now.engine, browser: now.browser, machine: now.machine });
    writeFileSync(dir + "baseline.json", await format(text, { parser: "json" }));
    console.log("bench/baseline.json now holds the last run's figures");
  } else {
    const base = read("baseline.json");
    if (!base) {
      console.log("no bench/baseline.json: run `node bench/compare.mjs --save` once");
      process.exit(0);
    }
    const rows = compare(base, now);
    console.log(`\n${"figure".padEnd(34)} ${"now".padStart(10)} ${"baseline".padStart(10)}`);
    for (const r of rows)
      console.log(
        `${`${r.part}.${r.k}`.padEnd(34)} ${String(r.v).padStart(10)} ${String(r.b).padStart(10)}  ${r.mark}`,
      );
    const bad = rows.filter((r) => r.mark.startsWith("WORSE"));
    console.log(
      bad.length
        ? `${bad.length} figure(s) much worse than the baseline: re-run on a quiet box before calling it a regression.`
        : "no figure is much worse than the baseline.",
    );
  }
}
