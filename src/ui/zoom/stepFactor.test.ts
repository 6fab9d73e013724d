import { describe, expect, it } from "vitest";
import { stepFactor, ZOOM_STEP } from "./useZoomController";

describe("button zoom steps", () => {
  it("step ×4 when no level of detail lies between", () => {
    expect(stepFactor(524_288, [5], true)).toBe(ZOOM_STEP);
    expect(stepFactor(8, [], true)).toBe(ZOOM_STEP);
    expect(stepFactor(30, [5], false)).toBe(1 / ZOOM_STEP);
  });
  it("stop at a level a ×4 step would jump over, in and out", () => {
    // from 8 across, ×4 would show 2: stop just inside 5 across
    expect(8 / stepFactor(8, [5], true)).toBeCloseTo(5 * 0.999);
    // from 2 across, ÷4 would show 8: stop at 5
    expect(2 / stepFactor(2, [5], false)).toBeCloseTo(5);
    // already at the stop: the next step goes on
    expect(stepFactor(5 * 0.999, [5], true)).toBe(ZOOM_STEP);
  });
});
