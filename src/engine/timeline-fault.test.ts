import { describe, expect, it } from "vitest";
import type { Statement } from "../contract/ast";
import { parseScenario } from "../scenarios/parse";
import { buildDoc } from "./report/doc";
import { runScenario } from "./run";
import { buildTimeline, clampPosition, stateAt } from "./timeline";

/**
 * An exception inside a step (an engine bug) never escapes the timeline: it stops before the
 * step that threw, every position left is exactly what a straight run gives, and `fault` says
 * which step threw and why.
 */

const text =
  "machine ram=64 swap=64\nspawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

function scenario() {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

describe("a step that throws", () => {
  it("inside runStep (a statement the engine cannot run): the steps before it stay, exactly", () => {
    const sc = scenario();
    // a statement no parser makes: dispatch throws "unknown statement" from inside the step
    const bogus = { ...sc.steps[3]!, op: "teleport" } as unknown as Statement;
    const broken = { ...sc, steps: [...sc.steps.slice(0, 3), bogus, sc.steps[4]!] };
    const tl = buildTimeline(broken);
    expect(tl.fault).toMatchObject({ step: 4, line: 5, text: "P1 fork P2" });
    expect(tl.fault?.message).toContain("unknown statement");
    expect(tl.steps).toHaveLength(3);
    expect(clampPosition(tl, { step: 99, event: -1 })).toEqual({ step: 3, event: -1 });
    for (let s = 0; s <= 3; s++) {
      expect(buildDoc(stateAt(tl, { step: s, event: -1 }), [])).toEqual(
        buildDoc(runScenario(sc, s).state, []),
      );
    }
  });

  it("from a hook before the step: the same, and a clean run has no fault", () => {
    const sc = scenario();
    const tl = buildTimeline(sc, {
      beforeStep: (n) => {
        if (n === 2) throw new Error("boom");
      },
    });
    expect(tl.fault).toEqual({
      step: 2,
      line: 3,
      text: "P1 mmap buf /dev/zero 4 rw private",
      message: "boom",
    });
    expect(tl.steps).toHaveLength(1);
    expect(buildTimeline(sc).fault).toBeNull();
  });
});
