import { describe, expect, it } from "vitest";
import { perWanted, spanFits, wantedSpan } from "../zoom/span";
import { FRAME_BOX_MIN, FRAME_CELL_MIN, FRAME_COMPACT_MIN, frameLevel } from "./frameStrip";

describe("frame view levels", () => {
  it("goes from strip to cells to boxes as frames widen", () => {
    expect(frameLevel(320, 0, 524_288)).toBe("strip");
    expect(frameLevel(320, 0, 320 / FRAME_CELL_MIN)).toBe("cells");
    expect(frameLevel(320, 0, 320 / FRAME_CELL_MIN + 1)).toBe("strip");
    expect(frameLevel(320, 100, 100 + 320 / (FRAME_BOX_MIN + 0.01))).toBe("boxes");
  });
  it("has a compact box level before the full box only where asked", () => {
    expect(frameLevel(320, 0, 320 / (FRAME_COMPACT_MIN + 0.01), true)).toBe("compact");
    expect(frameLevel(320, 0, 320 / FRAME_COMPACT_MIN)).toBe("cells");
    expect(frameLevel(320, 0, 320 / FRAME_COMPACT_MIN + 0.5, true)).toBe("cells");
    expect(frameLevel(320, 0, 320 / (FRAME_BOX_MIN + 0.01), true)).toBe("boxes");
  });
});

describe("which span to ask the worker for", () => {
  it("zoomed out: everything, a cell per pixel", () => {
    expect(wantedSpan(0, 524_288, 524_288, 320, 8192)).toEqual({ from: 0, count: 524_288, cells: 320 });
  });
  it("zoomed in: the view and as much around it, frame by frame once they fit", () => {
    const s = wantedSpan(1000, 1010, 524_288, 320, 8192);
    expect(s.from).toBeLessThanOrEqual(1000);
    expect(s.from + s.count).toBeGreaterThanOrEqual(1010);
    expect(s.cells).toBe(s.count);
  });
  it("a window fits while it covers the view finely enough", () => {
    const w = { from: 0, count: 524_288, per: 1639 };
    expect(spanFits(w, 0, 524_288, 524_288, 320)).toBe(true);
    // zoomed ×16, the same buckets are too coarse
    expect(spanFits(w, 0, 524_288 / 16, 524_288, 320)).toBe(false);
    expect(perWanted(0, 100, 320)).toBe(1);
    expect(spanFits({ from: 50, count: 100, per: 1 }, 40, 60, 1000, 320)).toBe(false);
  });
});
