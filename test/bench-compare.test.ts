import { describe, expect, it } from "vitest";
import { compare } from "../bench/compare.mjs";

const marks = (base: Parameters<typeof compare>[0], now: Parameters<typeof compare>[1]) =>
  Object.fromEntries(compare(base, now).map((r) => [r.k, r.mark]));

describe("bench comparison", () => {
  it("marks a time or size much worse than the baseline, and only those", () => {
    const base = {
      engine: { fork1GiBms: 1.5, touch1GiBms: 558, forkOverLoopCopy: 2.3 },
      browser: { stepDefaultP95Ms: 10, bundleGzipKB: 217, panZoomFrames: 300, panZoomDroppedFrames: 0 },
    };
    const now = {
      engine: { fork1GiBms: 1.9, touch1GiBms: 1200, forkOverLoopCopy: 2.5 },
      browser: { stepDefaultP95Ms: 9, bundleGzipKB: 400, panZoomFrames: 900, panZoomDroppedFrames: 4 },
    };
    expect(marks(base, now)).toEqual({
      fork1GiBms: "", // 1.3× and under a millisecond more: noise
      touch1GiBms: "WORSE ×2.2",
      forkOverLoopCopy: "",
      stepDefaultP95Ms: "",
      bundleGzipKB: "WORSE ×1.8",
      panZoomFrames: "", // a count of frames measured, not a cost
      panZoomDroppedFrames: "WORSE (was 0)",
    });
  });
  it("says when a figure of the baseline is no longer measured", () => {
    expect(marks({ engine: { gone: 1 } }, { engine: {} })).toEqual({ gone: "missing" });
  });
});
