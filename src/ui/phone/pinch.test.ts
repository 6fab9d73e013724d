import { describe, expect, it } from "vitest";
import { IDENTITY, MAX_SCALE, constrain, cssOf, isZoomed, pan, pinch } from "./pinch";

const W = 390;
const H = 400;

describe("pinch and drag on a diagram", () => {
  it("fingers twice as far apart: twice the scale, the point between them stays under them", () => {
    const t = pinch(
      IDENTITY,
      { x: 150, y: 200 },
      { x: 250, y: 200 },
      { x: 100, y: 200 },
      { x: 300, y: 200 },
      W,
      H,
    );
    expect(t.k).toBeCloseTo(2);
    // the drawing's point (200, 200) is still at (200, 200) on screen
    expect(200 * t.k + t.x).toBeCloseTo(200);
    expect(200 * t.k + t.y).toBeCloseTo(200);
    expect(isZoomed(t)).toBe(true);
    expect(cssOf(t)).toMatch(/scale\(2\.0000\)/);
  });

  it("never smaller than the view, never deeper than MAX_SCALE", () => {
    const out = pinch(
      IDENTITY,
      { x: 100, y: 100 },
      { x: 300, y: 100 },
      { x: 190, y: 100 },
      { x: 210, y: 100 },
      W,
      H,
    );
    expect(out).toEqual(IDENTITY);
    expect(cssOf(out)).toBe("");
    const deep = pinch(
      IDENTITY,
      { x: 190, y: 100 },
      { x: 200, y: 100 },
      { x: 0, y: 100 },
      { x: 390, y: 100 },
      W,
      H,
    );
    expect(deep.k).toBe(MAX_SCALE);
  });

  it("a drag moves a zoomed drawing, but never lets its edge into the view", () => {
    const z = constrain({ k: 2, x: -100, y: -100 }, W, H);
    expect(pan(z, 30, -20, W, H)).toEqual({ k: 2, x: -70, y: -120 });
    expect(pan(z, 500, 500, W, H)).toEqual({ k: 2, x: 0, y: 0 });
    expect(pan(z, -5000, -5000, W, H)).toEqual({ k: 2, x: W - 2 * W, y: H - 2 * H });
    // zoomed out, nothing moves
    expect(pan(IDENTITY, 80, 0, W, H)).toEqual(IDENTITY);
  });
});
