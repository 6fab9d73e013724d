import { describe, expect, it } from "vitest";
import type { FrameWindow, SegWindow, Snapshot } from "../../contract/wire/protocol";
import { planWindow, usableWindow, type ZoomView } from "./zoomWindow";

/** Stand-ins: only gen, pos and what a cover reads matter here. */
const snap = (gen: number, step: number) => ({ gen, pos: { step, event: -1 } }) as unknown as Snapshot;
const frames = (gen: number, step: number, from: number, count: number, per = 1): FrameWindow =>
  ({
    gen,
    pos: { step, event: -1 },
    seq: 1,
    from,
    count,
    detail: per === 1 ? { kind: "frames" } : { kind: "summary", pagesPerBucket: per },
  }) as unknown as FrameWindow;

const view = (patch: Partial<ZoomView<"frames">> = {}): ZoomView<"frames"> => ({
  key: "frames:pfn|100000",
  kind: "frames",
  own: false,
  lo: 5000,
  hi: 5100,
  areaW: 800,
  total: 100_000,
  wanted: true,
  ask: (s) => s,
  cover: (w) => [
    { from: w.from, count: w.count, per: w.detail.kind === "summary" ? w.detail.pagesPerBucket : 1 },
  ],
  ...patch,
});

describe("a zoomed view's window, the pure part of useZoomWindow", () => {
  it("keeps a window that covers the visible items sharply at the snapshot's position", () => {
    expect(planWindow(view(), frames(1, 3, 4900, 400), snap(1, 3))).toEqual({ kind: "keep" });
  });

  it("asks around the visible items when the window is of another position, too short or too coarse", () => {
    const asked = {
      kind: "ask",
      query: { key: "frames:pfn|100000", kind: "frames", query: { from: 4950, count: 200, cells: 200 } },
    };
    // the same window, a step earlier: the position's own is asked for
    expect(planWindow(view(), frames(1, 2, 4900, 400), snap(1, 3))).toEqual(asked);
    expect(planWindow(view(), frames(1, 3, 5050, 400), snap(1, 3))).toEqual(asked);
    expect(planWindow(view(), frames(1, 3, 0, 100_000, 125), snap(1, 3))).toEqual(asked);
    expect(planWindow(view(), null, snap(1, 3))).toEqual(asked);
  });

  it("forgets its window when the snapshot's summary is enough", () => {
    expect(planWindow(view({ wanted: false }), frames(1, 3, 4900, 400), snap(1, 3))).toEqual({
      kind: "drop",
    });
  });

  it("checks every row of a mapping on its own length", () => {
    const win = {
      gen: 1,
      pos: { step: 3, event: -1 },
      seq: 1,
      rows: [
        { from: 0, count: 64, pages: 64, detail: { kind: "pages" } },
        { from: 0, count: 40, pages: 40, detail: { kind: "pages" } },
      ],
    } as unknown as SegWindow;
    const v: ZoomView<"pages"> = {
      key: "anon:buf",
      kind: "pages",
      own: true,
      lo: 10,
      hi: 50,
      areaW: 800,
      total: 64,
      wanted: true,
      ask: (s) => ({ seg: { name: "buf", first: 0 }, procs: ["P1", "P2"], ...s }),
      cover: (w) => w.rows.map((r) => ({ from: r.from, count: r.count, per: 1, total: r.pages })),
    };
    // the shorter row ends at its own last page, which is all of it there is
    expect(planWindow(v, win, snap(1, 3))).toEqual({ kind: "keep" });
    expect(
      planWindow(
        { ...v, cover: (w) => w.rows.map((r) => ({ from: r.from, count: r.count, per: 1 })) },
        win,
        snap(1, 3),
      ).kind,
    ).toBe("ask");
  });

  it("draws only the position's own window for an own view, the timeline's last for another", () => {
    const w = frames(1, 2, 0, 10);
    expect(usableWindow(w, snap(1, 2), true)).toEqual({ win: w, fresh: true });
    expect(usableWindow(w, snap(1, 3), true)).toEqual({ win: null, fresh: false });
    expect(usableWindow(w, snap(1, 3), false)).toEqual({ win: w, fresh: false });
    expect(usableWindow(w, snap(2, 2), false)).toEqual({ win: null, fresh: false });
    expect(usableWindow(null, snap(1, 2), false)).toEqual({ win: null, fresh: false });
  });
});
