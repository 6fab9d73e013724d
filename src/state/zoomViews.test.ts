import { beforeEach, describe, expect, it } from "vitest";
import type { Snapshot, ViewQuery, ViewWindow } from "../contract/wire/protocol";
import { askView, dropView, keepWindows, movingViews, replaces, useZoomViews } from "./zoomViews";

const snap = (step: number) => ({ gen: 1, pos: { step, event: -1 } }) as unknown as Snapshot;
const query = (key: string): ViewQuery => ({ key, kind: "frames", query: { from: 0, count: 8, cells: 8 } });
const win = (key: string, step: number, seq: number): ViewWindow =>
  ({ key, kind: "frames", window: { gen: 1, pos: { step, event: -1 }, seq } }) as unknown as ViewWindow;

describe("the zoomed views on the main thread (the engine keeps none)", () => {
  beforeEach(() => useZoomViews.setState({ asked: {}, windows: {} }));

  it("a window of the snapshot's position beats a newer one of another position", () => {
    // an answer about the last position landing after the next position's snapshot and window
    expect(replaces(win("a", 2, 9), win("a", 3, 5), snap(3))).toBe(false);
    expect(replaces(win("a", 3, 5), win("a", 2, 9), snap(3))).toBe(true);
    expect(replaces(win("a", 3, 6), win("a", 3, 5), snap(3))).toBe(true);
    expect(replaces(win("a", 3, 4), win("a", 3, 5), snap(3))).toBe(false);
    expect(replaces(win("a", 1, 1), undefined, snap(3))).toBe(true);
  });

  it("moves carry the questions of own views only; a gone view's late answer is not kept", () => {
    askView(query("anon"), true);
    askView(query("frames"), false);
    expect(movingViews()).toEqual([query("anon")]);
    keepWindows([win("anon", 3, 1), win("frames", 3, 1), win("gone", 3, 1)], snap(3));
    expect(Object.keys(useZoomViews.getState().windows).sort()).toEqual(["anon", "frames"]);
    dropView("anon");
    expect(movingViews()).toEqual([]);
    keepWindows([win("anon", 4, 2)], snap(4));
    expect(Object.keys(useZoomViews.getState().windows)).toEqual(["frames"]);
  });
});
