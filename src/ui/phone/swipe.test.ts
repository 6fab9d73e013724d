import { describe, expect, it } from "vitest";
import { SWIPE_MIN, SWIPE_MS, swipeDirection } from "./swipe";

describe("a swipe steps", () => {
  it("a quick sideways move: left is forward, right is back", () => {
    expect(swipeDirection(-120, 10, 200)).toBe(1);
    expect(swipeDirection(120, -10, 200)).toBe(-1);
  });
  it("too short, too slow or too upright is no step", () => {
    expect(swipeDirection(-(SWIPE_MIN - 1), 0, 100)).toBe(0);
    expect(swipeDirection(-200, 0, SWIPE_MS + 1)).toBe(0);
    expect(swipeDirection(-100, 80, 100)).toBe(0);
  });
});
