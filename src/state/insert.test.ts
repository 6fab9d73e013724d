import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenarios/parse";
import { insertAfter, newlyFailing } from "./insert";
import { defaultTarget, namesIn, scenarioOf } from "./scenarioFacts";
import { freeName } from "./statements";

const TEXT = `# title: t
machine ram=64m
spawn P1
P1 mmap buf /dev/zero 4 rw private
# the fork
P1 fork P2
P2 write buf 1
`;
const lines = (t: string) => t.split("\n");
const stepsOf = (t: string) =>
  parseScenario(t).ok ? scenarioOf(t)!.steps.map((s) => ({ line: s.where.line })) : [];

describe("an operation's statement goes right after the step on screen", () => {
  const steps = stepsOf(TEXT);

  it("after step 2: before the comment that belongs to step 3", () => {
    const t = insertAfter(TEXT, steps, 2, "P1 write buf 0");
    expect(lines(t).slice(3, 7)).toEqual([
      "P1 mmap buf /dev/zero 4 rw private",
      "P1 write buf 0",
      "# the fork",
      "P1 fork P2",
    ]);
    const r = parseScenario(t);
    expect(r.ok && r.scenario.steps.map((s) => s.where.text)[2]).toBe("P1 write buf 0");
  });

  it("at the start: after the header and the machine line, as step 1", () => {
    const t = insertAfter(TEXT, steps, 0, "spawn P9");
    expect(lines(t).slice(0, 4)).toEqual(["# title: t", "machine ram=64m", "spawn P9", "spawn P1"]);
    const r = parseScenario(t);
    expect(r.ok && r.scenario.steps[0]!.where.text).toBe("spawn P9");
  });

  it("after the last step, and into a scenario with no step yet", () => {
    expect(insertAfter(TEXT, steps, 4, "P2 exit")).toBe(`${TEXT.trimEnd()}\nP2 exit\n`);
    expect(insertAfter("# just a comment\n\n", [], 0, "spawn P1")).toBe("# just a comment\nspawn P1\n\n");
    expect(insertAfter("", [], 0, "spawn P1")).toBe("spawn P1\n");
  });

  it("keeps Windows line ends", () => {
    const crlf = TEXT.replace(/\n/g, "\r\n");
    const t = insertAfter(crlf, stepsOf(crlf), 1, "P1 sbrk 4");
    expect(t.split("\r\n")).toContain("P1 sbrk 4");
    expect(t.replace(/\r\n/g, "")).not.toContain("\n");
  });
});

describe("what a statement put in the middle did to the steps after it", () => {
  const r = (line: number, text: string, result: string) => ({ line, text, result });
  it("marks only the later steps that fail now and did not before", () => {
    const before = [
      r(1, "spawn P1", "ok"),
      r(2, "P1 fork P2", "ok"),
      r(3, "P2 write buf 1", "ok"),
      r(4, "P3 exit", "ESRCH"),
    ];
    const after = [
      r(1, "spawn P1", "ok"),
      r(2, "P1 exit", "ok"),
      r(3, "P1 fork P2", "ESRCH"),
      r(4, "P2 write buf 1", "ESRCH"),
      r(5, "P3 exit", "ESRCH"),
    ];
    // step 2 is the new one; step 3 and 4 broke; step 5 failed before already
    expect(newlyFailing(before, after, 2)).toEqual([
      { step: 3, line: 3, text: "P1 fork P2", result: "ESRCH" },
      { step: 4, line: 4, text: "P2 write buf 1", result: "ESRCH" },
    ]);
    expect(
      newlyFailing(before, [...before.slice(0, 1), r(2, "P1 read buf 0", "ok"), ...before.slice(1)], 2),
    ).toEqual([]);
  });
});

describe("names for new processes and mappings are unique in the whole scenario", () => {
  it("counts every process and mapping any step names, and the standard segments", () => {
    const n = namesIn(scenarioOf(TEXT));
    expect([...n.procs].sort()).toEqual(["P1", "P2"]);
    expect(freeName(n.procs, "P")).toBe("P3");
    expect(freeName(n.segs, "buf")).toBe("buf2");
    expect(freeName(n.segs, "heap")).toBe("heap2");
  });

  it("a scenario opens with its first process and the first mapping that process names", () => {
    expect(defaultTarget(scenarioOf(TEXT))).toEqual({ proc: "P1", seg: "buf" });
    expect(defaultTarget(scenarioOf("spawn P1\nP1 sbrk 4\n"))).toEqual({ proc: "P1", seg: "heap" });
    expect(defaultTarget(scenarioOf("spawn Q empty\n"))).toEqual({ proc: "Q", seg: null });
    expect(defaultTarget(scenarioOf("# nothing\n"))).toEqual({ proc: null, seg: null });
  });
});
