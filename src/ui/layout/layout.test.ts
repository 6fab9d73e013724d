import { describe, expect, it } from "vitest";
import { addressLayout, fitHeights, MIN_LABEL_BAND } from "./addressSpace";
import { anonLayout, CELL_CAP, chooseMode, DETAIL_MAX_PAGES } from "./anonLayer";
import { gridLayout } from "./grid";
import { boxLink, hLink, vLink } from "./links";
import { fitWidth, spread1D } from "./spread";
import { columnStates, runsOf, summaryColumns } from "./strip";
import { PS_ANON, PS_EMPTY, PS_SHARED, SUMMARY_STRIDE } from "../../worker/protocol";

const overlaps = (a: { x: number; w: number }, b: { x: number; w: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w;

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

describe("anonLayout", () => {
  const slots = (ids: number[]) => Int32Array.from(ids);

  it("picks detail, grid or density mode by size", () => {
    expect(chooseMode([{ proc: "P1", pages: 4, slots: slots([1, 2, 3, 4]) }])).toBe("detail");
    expect(
      chooseMode([{ proc: "P1", pages: DETAIL_MAX_PAGES + 1, slots: new Int32Array(DETAIL_MAX_PAGES + 1) }]),
    ).toBe("grid");
    expect(chooseMode([{ proc: "P1", pages: CELL_CAP + 1, slots: new Int32Array(CELL_CAP + 1) }])).toBe(
      "density",
    );
    expect(chooseMode([{ proc: "P1", pages: 10, slots: null }])).toBe("density");
    // a narrow panel turns a row of 40 slots into a grid
    expect(chooseMode([{ proc: "P1", pages: 40, slots: new Int32Array(40) }], 300)).toBe("grid");
    expect(chooseMode([{ proc: "P1", pages: 40, slots: new Int32Array(40) }], 800)).toBe("detail");
  });

  it("after fork: both rows point at the same anon boxes; a COW copy adds one", () => {
    const lay = anonLayout(
      [
        { proc: "P1", pages: 4, slots: slots([1, 2, 3, 4]) },
        { proc: "P2", pages: 4, slots: slots([1, 5, 3, 4]) },
      ],
      [],
      { width: 700 },
    );
    expect(lay.mode).toBe("detail");
    expect(lay.anons.map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
    expect(lay.links).toHaveLength(8);
    // rows sit on either side of the anon band
    expect(lay.rows[0]!.above).toBe(true);
    expect(lay.rows[1]!.above).toBe(false);
    expect(lay.rows[0]!.area.y + lay.rows[0]!.area.h).toBeLessThanOrEqual(lay.band.y);
    expect(lay.rows[1]!.area.y).toBeGreaterThanOrEqual(lay.band.y + lay.band.h);
    // no two anon boxes overlap, and all stay inside
    for (let i = 1; i < lay.anons.length; i++) expect(overlaps(lay.anons[i - 1]!, lay.anons[i]!)).toBe(false);
    for (const a of lay.anons) expect(a.x + a.w).toBeLessThanOrEqual(700);
    // no two cells of a row overlap
    for (const r of lay.rows)
      for (let i = 1; i < r.cells.length; i++) expect(overlaps(r.cells[i - 1]!, r.cells[i]!)).toBe(false);
  });

  it("keeps detail cells readable: thin gaps once cells are narrow", () => {
    const lay = anonLayout([{ proc: "P1", pages: 24, slots: new Int32Array(24) }], [], { width: 700 });
    expect(lay.mode).toBe("detail");
    const c = lay.rows[0]!.cells;
    expect(c[0]!.w).toBeGreaterThanOrEqual(16);
    expect(c[1]!.x - (c[0]!.x + c[0]!.w)).toBe(2);
  });

  it("falls back to a grid when the anons would not fit as readable boxes", () => {
    const ids = Int32Array.from({ length: 30 }, (_, i) => i + 1);
    const other = Int32Array.from({ length: 30 }, (_, i) => i + 100);
    const lay = anonLayout(
      [
        { proc: "P1", pages: 30, slots: ids },
        { proc: "P2", pages: 30, slots: other },
      ],
      [],
      { width: 800 },
    );
    expect(lay.mode).toBe("grid");
  });

  it("shows an anon no slot points at yet (the COW copy before the slot is re-pointed)", () => {
    const lay = anonLayout([{ proc: "P2", pages: 2, slots: slots([1, 2]) }], [9], { width: 600 });
    expect(lay.anons.map((a) => a.id)).toEqual([1, 2, 9]);
    expect(lay.links.some((l) => l.anon === 9)).toBe(false);
  });

  it("wraps a grid and shrinks its cells to fit the height", () => {
    const big = { proc: "P1", pages: 600, slots: new Int32Array(600) };
    const lay = anonLayout([big, { ...big, proc: "P2" }], [], { width: 700, height: 260 });
    expect(lay.mode).toBe("grid");
    expect(lay.anons).toHaveLength(0);
    expect(lay.height).toBeLessThanOrEqual(260 + 60);
    const c = lay.rows[0]!.cells;
    expect(c[c.length - 1]!.y).toBeGreaterThan(c[0]!.y);
  });

  it("draws no cells in density mode", () => {
    const lay = anonLayout([{ proc: "P1", pages: 262144, slots: null }], [], { width: 700 });
    expect(lay.mode).toBe("density");
    expect(lay.rows[0]!.cells).toHaveLength(0);
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
