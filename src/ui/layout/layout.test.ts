import { describe, expect, it } from "vitest";
import { addressLayout, fitHeights, MIN_LABEL_BAND } from "./addressSpace";
import { gridLayout } from "./grid";
import { boxLink, hLink, vLink } from "./links";
import { fitWidth, spread1D } from "./spread";
import { columnStates, runsOf, summaryColumns } from "./strip";
import { PS_ANON, PS_EMPTY, PS_SHARED, SUMMARY_STRIDE } from "../../contract/wire/protocol";

describe("spread1D", () => {
  it("keeps boxes at their ideal spots when they do not collide", () => {
    expect(spread1D([0, 100, 200], 50, 4, 0, 400)).toEqual([0, 100, 200]);
  });
  it("pushes colliding boxes apart in order and keeps them inside", () => {
    const xs = spread1D([100, 100, 100, 380], 60, 6, 0, 400);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(66);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs) + 60).toBeLessThanOrEqual(400);
  });
  it("squeezes evenly when nothing can fit", () => {
    const xs = spread1D([0, 0, 0, 0], 100, 0, 0, 200);
    expect(xs[0]).toBe(0);
    expect(xs[3]).toBe(100);
  });
  it("fitWidth caps and divides", () => {
    expect(fitWidth(2, 1000, 10, 96)).toBe(96);
    expect(fitWidth(10, 210, 10, 96)).toBe(12);
  });
});

describe("density strips", () => {
  it("takes the state most pages of a column hold", () => {
    const states = [PS_ANON, PS_ANON, PS_SHARED, PS_SHARED, PS_SHARED, PS_EMPTY];
    expect([...columnStates(6, 2, (i) => states[i]!)]).toEqual([PS_ANON, PS_SHARED]);
  });
  it("shows a lone touched page among untouched ones; empty only when all are", () => {
    expect([...columnStates(100, 1, (i) => (i === 50 ? PS_SHARED : PS_EMPTY))]).toEqual([PS_SHARED]);
    expect([...columnStates(4, 2, (i) => (i < 2 ? PS_EMPTY : PS_ANON))]).toEqual([PS_EMPTY, PS_ANON]);
  });
  it("merges equal neighbours into runs that cover the width", () => {
    const runs = runsOf(Uint8Array.from([1, 1, 2, 2, 2, 0]), 600);
    expect(runs).toEqual([
      { x: 0, w: 200, state: 1 },
      { x: 200, w: 300, state: 2 },
      { x: 500, w: 100, state: 0 },
    ]);
  });
  it("reads a worker summary", () => {
    const counts = new Uint32Array(4 * SUMMARY_STRIDE);
    counts[0 * SUMMARY_STRIDE + PS_ANON] = 10;
    counts[1 * SUMMARY_STRIDE + PS_ANON] = 10;
    counts[2 * SUMMARY_STRIDE + PS_SHARED] = 10;
    counts[3 * SUMMARY_STRIDE + PS_EMPTY] = 10;
    expect([...summaryColumns(4, counts, 2)]).toEqual([PS_ANON, PS_SHARED]);
  });
});

describe("addressLayout", () => {
  const procs = [
    {
      name: "P1",
      segs: [
        { key: "text@0", vpn: 1024, pages: 4 },
        { key: "data@0", vpn: 1044, pages: 2 },
        { key: "heap@0", vpn: 1046, pages: 4 },
        { key: "buf@0", vpn: 2 ** 40, pages: 4 },
      ],
    },
    {
      name: "P2",
      segs: [
        { key: "text@0", vpn: 1024, pages: 4 },
        { key: "data@0", vpn: 1044, pages: 2 },
        { key: "heap@0", vpn: 1046, pages: 8 },
      ],
    },
  ];
  const lay = addressLayout(procs, { width: 600, height: 300 });

  it("gives each process a column and never overlaps segments in a column", () => {
    expect(lay.columns.map((c) => c.proc)).toEqual(["P1", "P2"]);
    for (const col of lay.columns) {
      const segs = lay.segs.filter((s) => s.proc === col.proc).sort((a, b) => a.y - b.y);
      for (let i = 1; i < segs.length; i++)
        expect(segs[i]!.y).toBeGreaterThanOrEqual(segs[i - 1]!.y + segs[i - 1]!.h);
      for (const s of segs) expect(s.x).toBe(col.x);
    }
  });
  it("puts the same address at the same height in every column", () => {
    const y = (p: string, k: string) => lay.segs.find((s) => s.proc === p && s.key === k)!.y;
    expect(y("P1", "heap@0")).toBe(y("P2", "heap@0"));
    const h = (p: string) => lay.segs.find((s) => s.proc === p && s.key === "heap@0")!.h;
    expect(h("P2")).toBeGreaterThan(h("P1"));
  });
  it("breaks the axis between far-apart clusters and fits the height", () => {
    expect(lay.breaks.length).toBe(2);
    expect(lay.height).toBeLessThanOrEqual(300.001);
  });
  it("keeps a readable band when the panel is short", () => {
    const small = addressLayout(procs, { width: 600, height: 60 });
    for (const s of small.segs) expect(s.h).toBeGreaterThanOrEqual(MIN_LABEL_BAND - 2);
  });
  it("fitHeights takes back what the floor added", () => {
    const h = fitHeights([5, 100, 100], 20, 200, 150);
    expect(h[0]).toBe(20);
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(150, 0);
  });
});

describe("gridLayout", () => {
  it("uses full cells when they fit, smaller ones when not", () => {
    expect(gridLayout([{ key: "a", count: 4 }], { width: 300, height: 200 }).size.level).toBe("full");
    expect(gridLayout([{ key: "a", count: 20 }], { width: 300, height: 200 }).size.level).toBe("compact");
    expect(gridLayout([{ key: "a", count: 600 }], { width: 300, height: 200 }).size.level).toBe("tiny");
  });
  it("stacks sections with a header each and skips empty ones", () => {
    const g = gridLayout(
      [
        { key: "anon", count: 3 },
        { key: "none", count: 0 },
        { key: "file", count: 2 },
      ],
      { width: 300, height: 400 },
    );
    expect(g.sections.map((s) => s.key)).toEqual(["anon", "file"]);
    expect(g.sections[1]!.y).toBeGreaterThan(g.sections[0]!.cells[2]!.y);
  });
});

describe("links", () => {
  it("draws S-curves between points", () => {
    expect(vLink({ x: 0, y: 0 }, { x: 10, y: 20 })).toBe("M0,0 C0,10 10,10 10,20");
    expect(hLink({ x: 0, y: 0 }, { x: 20, y: 10 })).toBe("M0,0 C10,0 10,10 20,10");
  });
  it("joins boxes on the sides that face each other", () => {
    expect(boxLink({ x: 0, y: 0, w: 10, h: 10 }, { x: 100, y: 0, w: 10, h: 10 })).toMatch(/^M10,5 /);
    expect(boxLink({ x: 0, y: 0, w: 10, h: 10 }, { x: 0, y: 100, w: 10, h: 10 })).toMatch(/^M5,10 .* 5,100$/);
  });
});
