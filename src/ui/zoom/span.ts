/**
 * Which part of a zoomable axis (pages of a mapping, frames by pfn) to ask the worker for, and
 * whether what is at hand still draws the view sharply. Shared by every zoomable view: the
 * Anon layer's window, the Physical memory frames, the Address spaces strips. Pure.
 */

/** Smallest span worth asking for. */
const MIN_SPAN = 64;

export interface Span {
  readonly from: number;
  readonly count: number;
  /** cells the view can use: a longer span comes bucketed to this many */
  readonly cells: number;
}

/** Items per cell a source may have for the view [lo, hi) over areaW pixels to draw it without blur. */
export const perWanted = (lo: number, hi: number, areaW: number): number =>
  Math.max(1, (1.5 * (hi - lo)) / Math.max(1, areaW));

/** The visible items and as many again around them, a cell per pixel (capped to cellsMax). */
export function wantedSpan(lo: number, hi: number, total: number, areaW: number, cellsMax: number): Span {
  const v = Math.max(1, hi - lo);
  const count = Math.min(total, Math.ceil(Math.max(2 * v, MIN_SPAN)));
  const from = Math.max(0, Math.min(total - count, Math.floor(lo - (count - v) / 2)));
  const w = Math.max(1, areaW);
  const cells = v <= w ? count : Math.ceil((w * count) / v);
  return { from, count, cells: Math.min(cellsMax, cells) };
}

/** Whether a source of items [from, from + count), `per` items a cell, covers [lo, hi) sharply enough. */
export function spanFits(
  src: { readonly from: number; readonly count: number; readonly per: number },
  lo: number,
  hi: number,
  total: number,
  areaW: number,
): boolean {
  const a = Math.max(0, Math.floor(lo));
  const b = Math.min(total, Math.ceil(hi));
  return src.from <= a && src.from + src.count >= b && src.per <= perWanted(lo, hi, areaW);
}
