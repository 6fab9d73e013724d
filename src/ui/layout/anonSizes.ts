/**
 * The Anon layer's sizes and the choices made before any geometry: which mode a mapping is drawn
 * in (detail, grid or density), which side of the band each process's row goes on, and how
 * often a row can number its pages. Pure.
 */
import { spanOf, type LabelSpan } from "./anonBand";
import type { AnonMode, AnonRowIn } from "./anonTypes";
import { LH, LH_NAME, monoW } from "./type";

/** Most pages drawn a column each (detail mode); more become a grid. */
export const DETAIL_MAX_PAGES = 64;
/** Narrowest column (design pixels) of a slot in detail mode; below it the rows become a grid. */
const DETAIL_MIN_PITCH = 8;
/** Most slot cells drawn as DOM nodes in the whole panel. */
export const CELL_CAP = 2000;
/** Most process rows drawn; the panel counts the others. */
export const MAX_ROWS = 6;

/** Design sizes (CSS pixels at u = 1). */
export const A = {
  pad: 6,
  cardGap: 12,
  cardFullW: 172,
  cardCompactW: 78,
  cardFullH: LH_NAME + 2 * LH + 8,
  cardCompactH: LH_NAME + 4,
  labelH: 16,
  rowGap: 10,
  linkGap: 20,
  lineGap: 8,
  cellMaxW: 150,
  laneStep: 2.5,
  gridCellMax: 18,
  gridCellMin: 5,
} as const;

export interface AnonOptions {
  readonly width: number;
  /** room for the drawing; the layout picks the most detail that fits it */
  readonly height: number;
  /** the drawing unit (CSS pixels per design pixel) */
  readonly u: number;
  /** the longest labels boxes must hold */
  readonly span: LabelSpan;
  /** the column of an anon no slot points at yet (the page being faulted) */
  readonly orphanCol: number | null;
}

export const DEFAULTS: AnonOptions = {
  width: 700,
  height: 400,
  u: 1,
  span: spanOf(99, 4096, 99),
  orphanCol: null,
};

export function chooseMode(rows: readonly AnonRowIn[], areaW = Infinity, u = 1): AnonMode {
  const maxPages = Math.max(0, ...rows.map((r) => r.pages));
  const total = rows.reduce((s, r) => s + r.pages, 0);
  if (rows.some((r) => !r.slots) || total > CELL_CAP) return "density";
  const fits = maxPages * DETAIL_MIN_PITCH * u <= areaW;
  return maxPages <= DETAIL_MAX_PAGES && fits ? "detail" : "grid";
}

/** Which side of the band each row goes on, and how far out (0: next to the band). */
export function sides(rows: readonly AnonRowIn[]): { above: boolean; dist: number }[] {
  const order = rows.map((r, i) => r.order ?? i);
  const above = order.map((o) => o % 2 === 0 || rows.length === 1);
  // all on one side (P1 and P3 only): keep them there, nearest first
  return rows.map((_, i) => ({
    above: above[i]!,
    dist: order.filter((o, j) => above[j] === above[i] && o < order[i]!).length,
  }));
}

/** Page numbers a row can label without them touching: every `n`th. */
export function labelEvery(pitch: number, lastPage: number, u: number): number {
  const w = monoW(lastPage) * u + 6 * u;
  const n = Math.ceil(w / Math.max(1, pitch));
  // round steps read better: 1, 2, 4, 5, 10, 20, …
  return [1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500, 1000].find((s) => s >= n) ?? n;
}
