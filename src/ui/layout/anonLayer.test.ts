import { describe, expect, it } from "vitest";
import { spanOf } from "./anonBand";
import { anonLayout, CELL_CAP, chooseMode, DETAIL_MAX_PAGES, sides } from "./anonLayer";
import type { AnonLayout, AnonRowIn } from "./anonTypes";
import type { Box } from "./links";

const ids = (...a: number[]) => Int32Array.from(a);
const row = (proc: string, order: number, slots: Int32Array): AnonRowIn => ({
  proc,
  order,
  pages: slots.length,
  slots,
});
/** The Anon layer's body at 1366×768 (u = 1). */
const PANEL = { width: 765, height: 258, u: 1, span: spanOf(99, 4096, 99) };

const hit = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.01 && a.x + a.w <= b.x + b.w + 0.01;

/** Everything a drawing must never do: boxes, cells and cards overlapping one another. */
function expectClean(lay: AnonLayout) {
  const boxes: Box[] = [...lay.anons];
  for (const r of lay.rows) boxes.push(r.card, ...r.cells);
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (hit(boxes[i]!, boxes[j]!)) pairs.push(`${i} × ${j}`);
  expect(pairs).toEqual([]);
  for (const a of lay.anons) expect(inside(a, lay.band)).toBe(true);
  // rows apart from each other and from the band
  const spans = [...lay.rows.map((r) => r.area), lay.band].sort((a, b) => a.y - b.y);
  for (let i = 1; i < spans.length; i++)
    expect(spans[i]!.y).toBeGreaterThanOrEqual(spans[i - 1]!.y + spans[i - 1]!.h);
}

describe("anonLayout: the picture of one mapping", () => {
  it("picks detail, grid or density mode by size", () => {
    expect(chooseMode([row("P1", 0, ids(1, 2, 3, 4))])).toBe("detail");
    expect(chooseMode([row("P1", 0, new Int32Array(DETAIL_MAX_PAGES + 1))])).toBe("grid");
    expect(chooseMode([row("P1", 0, new Int32Array(CELL_CAP + 1))])).toBe("density");
    expect(chooseMode([{ proc: "P1", pages: 10, slots: null }])).toBe("density");
    expect(chooseMode([row("P1", 0, new Int32Array(40))], 300)).toBe("grid");
    expect(chooseMode([row("P1", 0, new Int32Array(40))], 800)).toBe("detail");
  });

  it("puts processes on both sides by creation order, the first ones next to the band", () => {
    const six = [0, 1, 2, 3, 4, 5].map((o) => row(`P${o + 1}`, o, ids(1)));
    expect(sides(six)).toEqual([
      { above: true, dist: 0 },
      { above: false, dist: 0 },
      { above: true, dist: 1 },
      { above: false, dist: 1 },
      { above: true, dist: 2 },
      { above: false, dist: 2 },
    ]);
    // P2 exited: P1 and P3 keep their side
    expect(sides([row("P1", 0, ids(1)), row("P3", 2, ids(1))]).map((s) => s.above)).toEqual([true, true]);
  });

  it("after fork and a copy-on-write: an arrow per slot, each anon in its slot's column", () => {
    const lay = anonLayout([row("P1", 0, ids(1, 2, 3, 4)), row("P2", 1, ids(1, 5, 3, 4))], [], PANEL);
    expect(lay.mode).toBe("detail");
    expect(lay.height).toBeLessThanOrEqual(PANEL.height);
    expect(lay.links).toHaveLength(8);
    expect(lay.rows.map((r) => r.above)).toEqual([true, false]);
    const at = (id: number) => lay.anons.find((a) => a.id === id)!;
    const cell = (i: number) => lay.rows[0]!.cells[i]!;
    for (const [id, i] of [
      [1, 0],
      [2, 1],
      [5, 1],
      [3, 2],
      [4, 3],
    ] as const)
      expect(inside(at(id), cell(i))).toBe(true);
    // the child's copy sits under the parent's anon, next to the child's row
    expect(at(5).y).toBeGreaterThan(at(2).y);
    expectClean(lay);
    // the first anons say everything at 1366×768: name, refcount and page
    expect(["full", "compact"]).toContain(lay.anons[0]!.level);
  });

  it("draws one process as it will be drawn once forked: the fork moves nothing", () => {
    const one = anonLayout([row("P1", 0, ids(1, 2, 3, 4))], [], PANEL);
    const two = anonLayout([row("P1", 0, ids(1, 2, 3, 4)), row("P2", 1, ids(1, 2, 3, 4))], [], PANEL);
    expect(two.rows[0]).toEqual(one.rows[0]);
    expect(two.anons).toEqual(one.anons);
    expect(one.height).toBeLessThanOrEqual(two.height);
  });

  it("keeps every object in its place when an anon or a process appears", () => {
    const before = anonLayout([row("P1", 0, ids(1, 2, 3, 4)), row("P2", 1, ids(1, 2, 3, 4))], [], PANEL);
    // anon_private made anon:5 for P2's page 1 (no slot holds it yet), then the slot takes it
    const orphan = anonLayout([row("P1", 0, ids(1, 2, 3, 4)), row("P2", 1, ids(1, 2, 3, 4))], [5], {
      ...PANEL,
      orphanCol: 1,
    });
    const after = anonLayout([row("P1", 0, ids(1, 2, 3, 4)), row("P2", 1, ids(1, 5, 3, 4))], [], PANEL);
    for (const lay of [orphan, after]) {
      for (const a of before.anons) expect(lay.anons.find((b) => b.id === a.id)).toEqual(a);
      expect(lay.rows.map((r) => r.area)).toEqual(before.rows.map((r) => r.area));
    }
    expect(orphan.anons.find((a) => a.id === 5)).toEqual(after.anons.find((a) => a.id === 5));
    // a third process: the others keep their side, columns and lines
    const three = anonLayout(
      [row("P1", 0, ids(1, 2, 3, 4)), row("P2", 1, ids(1, 5, 3, 4)), row("P3", 2, ids(1, 5, 3, 4))],
      [],
      { ...PANEL, height: 600 },
    );
    expect(three.rows.map((r) => r.above)).toEqual([true, false, true]);
    const x = (l: AnonLayout) => l.anons.map((a) => [a.id, a.x]);
    expect(x(three)).toEqual(
      x(
        anonLayout(
          after.rows.map((_, i) => [row("P1", 0, ids(1, 2, 3, 4)), row("P2", 1, ids(1, 5, 3, 4))][i]!),
          [],
          { ...PANEL, height: 600 },
        ),
      ),
    );
  });

  it("six processes and 32 slots fit 1366×768 with every arrow, none through a row", () => {
    const base = Int32Array.from({ length: 32 }, (_, i) => i + 1);
    const rows = [0, 1, 2, 3, 4, 5].map((o) => {
      const s = Int32Array.from(base);
      if (o > 0) s[o * 5] = 100 + o; // each child copied one page
      return row(`P${o + 1}`, o, s);
    });
    const lay = anonLayout(rows, [], PANEL);
    expect(lay.mode).toBe("detail");
    expect(lay.height).toBeLessThanOrEqual(PANEL.height);
    expect(lay.links).toHaveLength(6 * 32);
    expectClean(lay);
    // an arrow from an outer row runs in the gap right of its column, clear of the cells
    const outer = lay.rows.findIndex((r) => r.above && r.labels === "above");
    const l = lay.links.find((k) => k.row === outer && k.i === 3)!;
    const xs = [...l.d.matchAll(/L([\d.]+),/g)].map((m) => Number(m[1]));
    const c = lay.rows[outer]!.cells;
    expect(xs.length).toBeGreaterThan(0);
    for (const x of xs) {
      expect(x).toBeGreaterThan(c[3]!.x + c[3]!.w);
      expect(x).toBeLessThan(c[4]!.x);
    }
  });

  it("grows with the unit: at u = 2 every size doubles", () => {
    const rows = [row("P1", 0, ids(1, 2)), row("P2", 1, ids(1, 3))];
    const one = anonLayout(rows, [], { ...PANEL, width: 700, height: 400 });
    const two = anonLayout(rows, [], { ...PANEL, width: 1400, height: 800, u: 2 });
    expect(two.anons.map((a) => a.level)).toEqual(one.anons.map((a) => a.level));
    for (let i = 0; i < one.anons.length; i++) {
      expect(two.anons[i]!.w).toBeCloseTo(one.anons[i]!.w * 2);
      expect(two.anons[i]!.y).toBeCloseTo(one.anons[i]!.y * 2);
    }
  });

  it("falls back to less text, then to a grid, when the panel is small", () => {
    const base = Int32Array.from({ length: 40 }, (_, i) => i + 1);
    const small = anonLayout([row("P1", 0, base), row("P2", 1, base)], [], { ...PANEL, width: 600 });
    expect(small.mode).toBe("detail");
    expect(["upright", "tiny"]).toContain(small.anons[0]!.level);
    const grid = anonLayout([row("P1", 0, new Int32Array(600))], [], PANEL);
    expect(grid.mode).toBe("grid");
    expect(grid.anons).toHaveLength(0);
    const c = grid.rows[0]!.cells;
    expect(c[c.length - 1]!.y).toBeGreaterThan(c[0]!.y);
  });

  it("draws no cells in density mode", () => {
    const lay = anonLayout([{ proc: "P1", pages: 262144, slots: null }], [], PANEL);
    expect(lay.mode).toBe("density");
    expect(lay.rows[0]!.cells).toHaveLength(0);
  });
});
