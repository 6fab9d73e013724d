import { describe, expect, it } from "vitest";
import type { StepInfo } from "../../contract/wire/protocol";
import { copiesBetween, durationFor, isStep } from "./when";

const ev = (fn: string, refs?: StepInfo["events"][number]["refs"]) => ({
  fn,
  src: "",
  say: "",
  depth: 0,
  ...(refs ? { refs } : {}),
});
const step = (n: number, events: StepInfo["events"]): StepInfo =>
  ({ n, line: n, text: `s${n}`, result: "ok", events }) as unknown as StepInfo;
const STEPS = [
  step(1, [ev("a"), ev("b")]),
  step(2, [ev("trap"), ev("page_create_va", { frame: 6, from: 3 }), ev("anon_set_ptr"), ev("hat_memload")]),
  step(3, [ev("x")]),
];
const view = { playing: false, speed: 2 } as Parameters<typeof durationFor>[0];

describe("when a transition plays", () => {
  it("for a step of one event or one whole step, not for a jump", () => {
    expect(isStep(STEPS, { step: 1, event: 0 }, { step: 1, event: -1 })).toBe(true);
    expect(isStep(STEPS, { step: 2, event: 1 }, { step: 2, event: 0 })).toBe(true);
    expect(isStep(STEPS, { step: 1, event: -1 }, { step: 2, event: -1 })).toBe(true);
    expect(isStep(STEPS, { step: 0, event: -1 }, { step: 2, event: -1 })).toBe(false);
    expect(isStep(STEPS, { step: 2, event: 0 }, { step: 2, event: 2 })).toBe(false);
    expect(isStep(STEPS, { step: 2, event: 0 }, { step: 2, event: 0 })).toBe(false);
  });

  it("150–300 ms; none under reduced motion, none when playing too fast to see it", () => {
    expect(durationFor(view, false)).toBeGreaterThanOrEqual(150);
    expect(durationFor(view, false)).toBeLessThanOrEqual(300);
    expect(durationFor(view, true)).toBe(0);
    expect(durationFor({ ...view, playing: true, speed: 4 }, false)).toBe(200);
    expect(durationFor({ ...view, playing: true, speed: 8 }, false)).toBe(0);
  });

  it("passes ppcopy's going forward over it, never going back", () => {
    expect(copiesBetween(STEPS, { step: 2, event: 0 }, { step: 2, event: 1 })).toEqual([{ from: 3, to: 6 }]);
    expect(copiesBetween(STEPS, { step: 1, event: -1 }, { step: 2, event: -1 })).toEqual([
      { from: 3, to: 6 },
    ]);
    expect(copiesBetween(STEPS, { step: 2, event: 1 }, { step: 2, event: 2 })).toEqual([]);
    expect(copiesBetween(STEPS, { step: 2, event: 1 }, { step: 2, event: 0 })).toEqual([]);
  });
});
