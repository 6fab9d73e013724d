import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareRun, type StepCompare } from "../../src/lab/compare/compare";
import { expectedText, simulateLab } from "../../src/lab/expected";
import { parseReal, type LabRun } from "../../src/lab/parse/lab";
import { parseScenario } from "../../src/scenarios/parse";

/**
 * The comparison of a real run with the simulation: rows matched by segment, every difference
 * marked, the expected ones explained. On the captured Linux run of the default preset, and on
 * an illumos-shaped run constructed from the expected output (NOT a capture: no real illumos run
 * is stored here) with what a real machine adds: other addresses and pids, the lab program's own
 * image, libc's rows, other processes' swap.
 */

const source = readFileSync(new URL("../../src/scenarios/presets/00-default.vms", import.meta.url), "utf8");
const parsed = parseScenario(source);
if (!parsed.ok) throw new Error("the default preset does not parse");
const sc = parsed.scenario;
const sim = simulateLab(sc);

function labRun(text: string): LabRun {
  const r = parseReal(text);
  if (!r.ok || r.input.kind !== "lab") throw new Error(r.ok ? "not a lab run" : r.problem.message);
  return r.input;
}
const unexplained = (steps: readonly StepCompare[]): number =>
  steps.reduce((n, s) => n + s.differences - s.explained, 0);

/** The expected output made to look like a real illumos run (see the file's comment). */
function illumosLike(change: (line: string) => string = (l) => l): string {
  let used = 0;
  return expectedText(sc, "default")
    .replace("-- machine: the anonscope simulator", "-- machine: SunOS 5.11 illumos-c0ffee i86pc")
    .split("\n")
    .flatMap((l) => {
      const shifted = l
        .replace(/FFFFFD7FFF3F0000/g, "FFFFFD7FFEE30000")
        .replace(/\b(10[12])\b/g, (p) => String(Number(p) + 4000));
      if (/^total: /.test(l)) {
        used += 1000; // other processes reserve swap between the steps
        return [
          shifted
            .replace(/= (\d+)k used/, (_, u) => `= ${Number(u) + used}k used`)
            .replace(/\+ (\d+)k reserved/, (_, r) => `+ ${Number(r) + used}k reserved`),
        ];
      }
      if (/^0000000000400000 +16 /.test(l)) return [l.replace(/ 16 /, " 24 ")]; // the lab's own text
      if (/^FFFFFD7FFF3F0000/.test(l))
        return [
          change(shifted),
          "FFFFFD7FFF200000       1352       1072          -          - r-x--  libc.so.1",
        ];
      return [shifted];
    })
    .join("\n")
    .replace(/total Kb +\d+ +\d+ +\d+ +[-\d]+/g, "") // totals would no longer add up: drop them (a cut listing)
    .replace(/\n-{16}( -{10}){4}\n/g, "\n");
}

describe("comparing a real run with the simulation", () => {
  it("the captured Linux run: every difference is marked and explained (image, Linux's VM)", () => {
    const steps = compareRun(
      labRun(readFileSync(new URL("runs/00-default-linux.txt", import.meta.url), "utf8")),
      sim,
    );
    expect(steps.map((s) => s.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(steps.every((s) => s.resultSame)).toBe(true);
    expect(unexplained(steps)).toBe(0);
    const s3 = steps[3]!.procs[0]!;
    const buf = s3.rows.find((r) => r.segment === "buf")!;
    expect(buf.cells.map((c) => [c.name, c.sim, c.real])).toEqual([
      ["Kbytes", "16", "16"],
      ["RSS", "16", "16"],
      ["Anon", "16", "16"],
      ["Mode", "rw---", "rw---"],
    ]);
    expect(buf.differs).toBe(false);
    expect(s3.others.count).toBeGreaterThan(5); // libc, ld.so, vdso, ...
    const text = s3.rows.find((r) => r.segment === "text")!;
    expect(text.differs && text.why?.kind).toBe("image");
    const p1at4 = steps[4]!.procs[0]!.rows.find((r) => r.segment === "buf")!;
    expect(p1at4.cells.find((c) => c.name === "Anon")).toMatchObject({ sim: "-", real: "16", same: false });
    expect(p1at4.why?.kind).toBe("linux");
    expect(steps[1]!.swap[0]).toMatchObject({ label: "used (Linux: Committed_AS)", sim: 32 });
  });

  it("an illumos-shaped run: addresses and pids differ, rows still pair; libc counts as other rows", () => {
    const steps = compareRun(labRun(illumosLike()), sim);
    expect(unexplained(steps)).toBe(0);
    const s3 = steps[3]!;
    expect(s3.procs[0]!.realPid).toBe(4101);
    expect(s3.procs[0]!.others).toEqual({ count: 1, kbytes: 1352 });
    expect(s3.procs[0]!.rows.find((r) => r.segment === "buf")!.differs).toBe(false);
    expect(s3.procs[0]!.rows.find((r) => r.segment === "text")!.why?.kind).toBe("image");
    expect(s3.swap.map((s) => [s.label, s.sim, s.real])).toEqual([
      ["allocated", 16, 16],
      ["reserved", -16, -16 + 1000],
      ["used", 0, 1000],
    ]);
    expect(s3.swap[1]!.why?.kind).toBe("swap");
  });

  it("a difference the lab does not expect is marked unexplained", () => {
    // step 3 writes 4 pages: a real run that shows only 8 KB resident in buf is a surprise
    let n = 0;
    const steps = compareRun(
      labRun(
        illumosLike((l) => (n++ === 1 ? l.replace(/ 16 +16 +16 /, "         16          8          8 ") : l)),
      ),
      sim,
    );
    const s3 = steps[3]!;
    const buf = s3.procs[0]!.rows.find((r) => r.segment === "buf")!;
    expect(buf.differs).toBe(true);
    expect(buf.why).toBeNull();
    expect(unexplained(steps)).toBe(1);
  });

  it("a skipped pageout explains the RSS it leaves behind", () => {
    const src = readFileSync(
      new URL("../../src/scenarios/presets/06-pageout-cow.vms", import.meta.url),
      "utf8",
    );
    const p = parseScenario(src);
    if (!p.ok) throw new Error("preset 06");
    const text = expectedText(p.scenario, "06")
      .replace("-- machine: the anonscope simulator", "-- machine: SunOS 5.11 illumos i86pc")
      .replace(
        "-- (page daemon): ok",
        "-- skipped: a user program cannot make the page daemon push chosen pages out",
      );
    // after the skipped pageout the page is still resident: step 5's buf rows keep 16 KB of RSS
    const real = text.replace(
      /(== step 5:[^]*?)(FFFFFD7FFF3F0000 +16 +)12( )/g,
      (_, a: string, b: string, c: string) => `${a}${b}16${c}`,
    );
    const steps = compareRun(labRun(real), simulateLab(p.scenario));
    expect(steps[5]!.realResult).toBe("skipped");
    expect(steps[5]!.resultWhy?.kind).toBe("pageout");
    const rows = steps[5]!.procs.flatMap((q) => q.rows).filter((r) => r.differs);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.why?.kind === "pageout")).toBe(true);
  });
});
