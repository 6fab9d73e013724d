import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRun } from "../../src/lab/compare/compare";
import { simulateLab } from "../../src/lab/expected";
import { parseReal, type RealResult } from "../../src/lab/parse/lab";
import { parseScenario } from "../../src/scenarios/parse";

/**
 * Hostile input for the compare view: whatever is pasted, the parser answers (the text's parts,
 * or a problem naming a line of the text) and never throws, and the comparison of whatever it
 * read with the simulation never throws either.
 */

const run = readFileSync(new URL("runs/00-default-linux.txt", import.meta.url), "utf8");
const preset = parseScenario(
  readFileSync(new URL("../../src/scenarios/presets/00-default.vms", import.meta.url), "utf8"),
);
if (!preset.ok) throw new Error("the default preset does not parse");
const sim = simulateLab(preset.scenario);

function answers(text: string): RealResult {
  const r = parseReal(text);
  const lines = text.split(/\r?\n/).length;
  if (!r.ok) {
    expect(r.problem.line).toBeGreaterThanOrEqual(1);
    expect(r.problem.line).toBeLessThanOrEqual(lines + 1);
    expect(r.problem.message.length).toBeGreaterThan(10);
  } else if (r.input.kind === "lab") {
    const steps = compareRun(r.input, sim);
    for (const s of steps) expect(s.explained).toBeLessThanOrEqual(s.differences + s.procs.length);
  }
  return r;
}

const fragment = fc.oneof(
  fc.constantFrom(
    "== anonscope lab: x",
    "-- machine: SunOS 5.11 illumos-x i86pc, page size 4096 bytes",
    "-- machine: Linux 6.1, page size 4096 bytes",
    "-- scenario page size: 4096 bytes (x86)",
    "== end",
    "== lab failed: nope",
    "-- skipped: why",
    "         Address     Kbytes        RSS       Anon     Locked Mode   Mapped File",
    " Address  Kbytes     RSS    Anon  Locked Mode   Mapped File",
    "---------------- ---------- ---------- ---------- ----------",
    "        total Kb         64         20         20          -",
    "-- smaps of pid 7: address range, Size, Rss and Anonymous in KB, mode, mapping",
    "\t",
    "",
  ),
  fc.nat({ max: 12 }).map((n) => `== step ${n}: P1 write buf 0-3`),
  fc
    .tuple(
      fc.constantFrom("P1", "P2", "(page daemon)", "Q"),
      fc.nat(),
      fc.constantFrom("ok", "SIGSEGV", "EAGAIN", "bad"),
    )
    .map(([p, pid, r]) => `-- ${p} (pid ${pid}): ${r}: detail`),
  fc
    .tuple(
      fc.nat(),
      fc.array(
        fc.tuple(fc.constantFrom("buf", "heap", "text", "stack"), fc.bigInt(0n, 2n ** 64n - 1n), fc.nat()),
        { maxLength: 5 },
      ),
    )
    .map(
      ([pid, segs]) =>
        `-- map P1 (pid ${pid}):${segs.map(([n, a, p]) => ` ${n} ${a.toString(16).toUpperCase()}+${p}`).join("")}`,
    ),
  fc.nat().map((pid) => `${pid}:\tP1`),
  fc
    .tuple(
      fc.bigInt(0n, 2n ** 64n - 1n),
      fc.array(fc.oneof(fc.constant("-"), fc.nat().map(String)), { minLength: 4, maxLength: 4 }),
      fc.constantFrom("rw---", "r-x--", "rw-s-", "xx"),
    )
    .map(
      ([a, cells, mode]) =>
        `${a.toString(16).toUpperCase().padStart(16, "0")}${cells.map((c) => c.padStart(11)).join("")} ${mode}    [ anon ]`,
    ),
  fc
    .tuple(fc.nat(), fc.nat(), fc.nat())
    .map(([a, r, v]) => `total: ${a}k bytes allocated + ${r}k reserved = ${a + r}k used, ${v}k available`),
  fc
    .tuple(fc.bigInt(0n, 2n ** 48n), fc.nat(), fc.nat())
    .map(
      ([a, k, r]) =>
        `${a.toString(16).padStart(16, "0")}-${(a + 4096n).toString(16).padStart(16, "0")} ${String(k).padStart(10)} ${String(r).padStart(10)}          0 rw---  [ anon ]`,
    ),
  fc.string({ maxLength: 80 }),
);

describe("the real-output parser under hostile input", () => {
  it("reads the captured Linux run of the default preset, and every step compares", () => {
    const r = answers(run);
    if (!r.ok || r.input.kind !== "lab") throw new Error("the captured run is not read as a lab run");
    expect(r.input.platform).toBe("linux");
    expect(r.input.steps).toHaveLength(8);
    expect(compareRun(r.input, sim)).toHaveLength(8);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: "grapheme" }), (s) => void answers(s)),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: "binary" }), (s) => void answers(s)),
      { numRuns: 150 },
    );
  });

  it("never throws on lines that look like the lab's, in any order", () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 80 }), (lines) => void answers(lines.join("\n"))),
      { numRuns: 400 },
    );
  });

  it("never throws on a real run with lines dropped, doubled, cut or changed", () => {
    const lines = run.split("\n");
    const edit = fc.tuple(
      fc.nat({ max: lines.length - 1 }),
      fc.constantFrom("drop", "double", "cut", "char"),
      fc.nat(),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        const ls = [...lines];
        for (const [i, what, at, s] of edits) {
          const l = ls[i % ls.length] ?? "";
          if (what === "drop") ls.splice(i % ls.length, 1);
          else if (what === "double") ls.splice(i % ls.length, 0, l);
          else if (what === "cut") ls[i % ls.length] = l.slice(0, at % (l.length + 1));
          else ls[i % ls.length] = l.slice(0, at % (l.length + 1)) + s + l.slice((at % (l.length + 1)) + 1);
        }
        answers(ls.join("\n"));
      }),
      { numRuns: 300 },
    );
  });

  it("answers huge and binary input with a message, in linear time", () => {
    expect(parseReal("x".repeat(20_000_001)).ok).toBe(false);
    expect(answers("== step 0: x\n\u0000").ok).toBe(false);
    const long = `== step 0: (start)\n-- map P1 (pid 1):${" buf 1+1".repeat(100_000)}\n${"-- P1 (pid 1): ok: ".padEnd(1_000_000, "a")}\n`;
    const r = answers(long);
    expect(r.ok && r.input.kind === "lab" && r.input.problems.length).toBe(1);
    const rows = `1:\tP1\n         Address     Kbytes        RSS       Anon     Locked Mode   Mapped File\n${"0000000000400000         16          -          -          - r-x--  demo\n".repeat(50_000)}`;
    const p = answers(rows);
    expect(p.ok && p.input.kind === "pmap" && p.input.block.rows.length).toBe(50_000);
  });

  it("names the line and column of a bad pmap row", () => {
    const bad =
      "1:\tP1\n         Address     Kbytes        RSS       Anon     Locked Mode   Mapped File\n0000000000400000         16          0          -          - r-x--  demo\n";
    const r = parseReal(bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problem).toMatchObject({
        line: 3,
        column: 38,
        message: expect.stringMatching(/"-" for zero/) as unknown,
      });
  });
});
