import { describe, expect, it } from "vitest";
import {
  PS_ANON,
  PS_EMPTY,
  PS_SHARED,
  SUMMARY_MAPPED,
  SUMMARY_STRIDE,
  SUMMARY_WRITABLE,
} from "../../worker/protocol";
import { chunkColumns, chunkSpans, HAT_NONE, HAT_RO, HAT_RW, NO_DATA, stripColumns } from "./zoomStrip";
import { pageScale, showsSlots, zoomGeometry, zoomSlots, ZOOM_ROW_H } from "./zoomView";

describe("zoomGeometry", () => {
  it("puts the first half of the rows above the band, the rest below, none overlapping", () => {
    const g = zoomGeometry(["P1", "P2", "P3"], 700, 400);
    expect(g.rows.map((r) => r.above)).toEqual([true, true, false]);
    const spans = [...g.rows.map((r) => [r.top, r.top + ZOOM_ROW_H]), [g.band.y, g.band.y + g.band.h]].sort(
      (a, b) => a[0]! - b[0]!,
    );
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]!);
    // lanes inside each row block, the slot lane next to the band
    const [a, , c] = g.rows;
    expect(a!.slotY).toBeGreaterThan(a!.hatY);
    expect(c!.slotY).toBeLessThan(c!.hatY);
    expect(g.x0 + g.areaW).toBeLessThanOrEqual(700);
  });
  it("uses low anon boxes when the panel is short", () => {
    expect(zoomGeometry(["P1", "P2"], 700, 400).boxLevel).toBe("full");
    expect(zoomGeometry(["P1", "P2"], 700, 170).boxLevel).toBe("compact");
  });
});

describe("zoomSlots", () => {
  const g = zoomGeometry(["P1", "P2"], 708, 230);
  it("draws single slots only once they are wide enough", () => {
    expect(showsSlots(g, 0, 1000)).toBe(false);
    expect(showsSlots(g, 100, 110)).toBe(true);
  });
  it("places cells at the scale's positions, one arrow per used slot, shared anons once", () => {
    const s = pageScale(g, 100.5, 110.5);
    // P1 and P2 share anon 1000+i, except P2's copies at 100..104
    const rows = [
      { proc: "P1", pages: 1000, anonAt: (i: number) => 1000 + i },
      { proc: "P2", pages: 1000, anonAt: (i: number) => (i < 105 ? 5000 + i : 1000 + i) },
    ];
    const lay = zoomSlots(g, rows, s);
    const cells = lay.rows[0]!.cells;
    expect(cells.map((c) => c.i)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110]);
    // page 100 is half cut by the area's left edge (the caller clips it)
    expect(cells[0]!.x).toBeCloseTo(s.x(100) + 3);
    expect(cells[0]!.x).toBeLessThan(g.x0);
    expect(cells[1]!.x - cells[0]!.x).toBeCloseTo(s.x(1) - s.x(0));
    const ids = lay.anons.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(11 + 5);
    expect(lay.links).toHaveLength(22);
    // the anon boxes stay inside the area and do not overlap in a lane
    const lanes = new Map<number, typeof lay.anons>();
    for (const a of lay.anons) lanes.set(a.y, [...(lanes.get(a.y) ?? []), a]);
    for (const lane of lanes.values()) {
      const xs = [...lane].sort((a, b) => a.x - b.x);
      for (let i = 1; i < xs.length; i++)
        expect(xs[i]!.x).toBeGreaterThanOrEqual(xs[i - 1]!.x + xs[i - 1]!.w - 0.01);
      for (const a of lane) expect(a.x + a.w).toBeLessThanOrEqual(g.x0 + g.areaW + 0.01);
    }
  });
  it("splits the band into two lanes when one line of boxes could not show their ids", () => {
    const s = pageScale(g, 0, 14);
    const rows = [
      { proc: "P1", pages: 100, anonAt: (i: number) => 1 + i },
      { proc: "P2", pages: 100, anonAt: (i: number) => 500 + i },
    ];
    const lay = zoomSlots(g, rows, s);
    const p1 = lay.anons.filter((a) => a.id < 500);
    const p2 = lay.anons.filter((a) => a.id >= 500);
    expect(new Set(p1.map((a) => a.y)).size).toBe(1);
    expect(p2[0]!.y).toBeGreaterThan(p1[0]!.y);
    expect(p1[0]!.w).toBeGreaterThanOrEqual(26);
  });
});

describe("zoom strips", () => {
  it("reads each column from the first source covering it, the summary elsewhere", () => {
    const summary = new Uint32Array(4 * SUMMARY_STRIDE);
    for (let b = 0; b < 4; b++) summary[b * SUMMARY_STRIDE + PS_SHARED] = 25;
    const win = {
      from: 25,
      count: 25,
      per: 1,
      state: new Uint8Array(25).fill(PS_ANON),
      hat: new Uint8Array(25).fill(3),
    };
    const cols = stripColumns([win, { from: 0, count: 100, per: 25, counts: summary }], 0, 100, 4);
    expect([...cols.state]).toEqual([PS_SHARED, PS_ANON, PS_SHARED, PS_SHARED]);
    expect([...cols.hat]).toEqual([HAT_NONE, HAT_RW, HAT_NONE, HAT_NONE]);
  });
  it("tells read-only translations from writable ones and marks columns without data", () => {
    const c = new Uint32Array(2 * SUMMARY_STRIDE);
    c[PS_ANON] = 10;
    c[SUMMARY_MAPPED] = 10;
    c[SUMMARY_WRITABLE] = 1;
    c[SUMMARY_STRIDE + PS_EMPTY] = 10;
    const cols = stripColumns([{ from: 0, count: 20, per: 10, counts: c }], 0, 40, 4);
    expect([...cols.state]).toEqual([PS_ANON, PS_EMPTY, NO_DATA, NO_DATA]);
    expect(cols.hat[0]).toBe(HAT_RO);
  });
  it("lays out the anon_hdr's chunks: which exist and how full, from the segment's anon_index", () => {
    const t = { fill: Int16Array.from([512, -1, 100, 0]), chunkSlots: 512, anonIndex: 256 };
    const spans = chunkSpans(t, 0, 1024);
    expect(spans.map((s) => [s.chunk, s.p0, s.used])).toEqual([
      [0, -256, 512],
      [1, 256, -1],
      [2, 768, 100],
    ]);
    const cols = chunkColumns(t, 0, 1024, 4);
    expect(cols[0]).toBe(1);
    expect(cols[1]).toBe(-1);
    expect(cols[3]).toBeCloseTo(100 / 512);
  });
});
