import { describe, expect, it } from "vitest";
import {
  PS_ANON,
  PS_EMPTY,
  PS_SHARED,
  SUMMARY_MAPPED,
  SUMMARY_STRIDE,
  SUMMARY_WRITABLE,
} from "../../contract/wire/protocol";
import { chunkColumns, chunkSpans, HAT_NONE, HAT_RO, HAT_RW, NO_DATA, stripColumns } from "./zoomStrip";
import { spanOf } from "./anonBand";
import { pageScale, pageTicks } from "./pageScale";
import { showsSlots, zoomGeometry } from "./zoomGeometry";
import { zoomSlots } from "./zoomSlots";

describe("zoomGeometry", () => {
  it("puts rows on both sides of the band as the detail view does, none overlapping", () => {
    const g = zoomGeometry(["P1", "P2", "P3"], 700, 400);
    expect(g.rows.map((r) => r.above)).toEqual([true, false, true]);
    const spans = [...g.rows.map((r) => [r.top, r.top + g.m.rowH]), [g.band.y, g.band.y + g.band.h]].sort(
      (a, b) => a[0]! - b[0]!,
    );
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]!);
    // lanes inside each row block, the slot lane next to the band
    const [a, b] = g.rows;
    expect(a!.slotY).toBeGreaterThan(a!.hatY);
    expect(b!.slotY).toBeLessThan(b!.hatY);
    expect(g.x0 + g.areaW).toBeLessThanOrEqual(700);
  });
  it("scales every lane with the unit", () => {
    const one = zoomGeometry(["P1", "P2"], 700, 400);
    const two = zoomGeometry(["P1", "P2"], 1400, 800, 2);
    expect(two.m.rowH).toBeCloseTo(one.m.rowH * 2);
    expect(two.x0).toBeCloseTo(one.x0 * 2);
    expect(two.band.y).toBeCloseTo(one.band.y * 2);
  });
});

describe("zoomSlots", () => {
  const g = zoomGeometry(["P1", "P2"], 765, 258);
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
    expect(cells[0]!.x).toBeLessThan(g.x0);
    expect(cells[1]!.x - cells[0]!.x).toBeCloseTo(s.x(1) - s.x(0));
    const ids = lay.anons.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(11 + 5);
    expect(lay.links).toHaveLength(22);
    // each anon in its column, none overlapping another
    for (const a of lay.anons) {
      const col = a.id >= 5000 ? a.id - 5000 : a.id - 1000;
      const c = cells.find((x) => x.i === col)!;
      expect(a.x).toBeGreaterThanOrEqual(c.x - 0.01);
      expect(a.x + a.w).toBeLessThanOrEqual(c.x + c.w + 0.01);
    }
    for (const a of lay.anons)
      for (const b of lay.anons)
        if (a !== b)
          expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
  });
  it("names anons in full at the deepest zoom, even with six-digit ids", () => {
    const s = pageScale(g, 131068, 131068 + 4);
    const rows = [
      { proc: "P1", pages: 262144, anonAt: (i: number) => i + 2 },
      { proc: "P2", pages: 262144, anonAt: (i: number) => i + 2 },
    ];
    const lay = zoomSlots(g, rows, s, spanOf(262146, 4096, 262146));
    expect(["full", "compact", "narrow", "line"]).toContain(lay.anons[0]!.level);
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

describe("page ticks", () => {
  it("a phone's narrow strip gets fewer ticks, never labels running into each other", () => {
    // 524,288 frames across 360 design px: 100,000 apart would be 69 px for 51 px labels
    const narrow = pageTicks(0, 524_288, 360);
    expect(narrow).toEqual([0, 200_000, 400_000]);
    // a desktop's strip keeps one about every 90 px
    expect(pageTicks(0, 524_288, 600)).toEqual([0, 100_000, 200_000, 300_000, 400_000, 500_000]);
  });
});
