/**
 * Reading the snapshot's anon and frame tables, dense (row = id) or sparse (a sorted id list,
 * row = index): the UI never indexes the columns by id itself. Pure and allocation-free; a
 * sparse lookup is a binary search over at most a few thousand ids.
 */
import type { AnonTable, FrameTable, SegWindow, Snapshot } from "./protocol";

type Table = AnonTable | FrameTable;

/** The row holding `id`, or -1 when the table does not carry it. */
export function rowOf(t: Table, id: number): number {
  if (id <= 0 || id >= t.count) return -1;
  const ids = t.ids;
  if (!ids) return id;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The id in a row (rows run from 0 to rowCount - 1; row 0 of a dense table is id 0, never live). */
export const idAt = (t: Table, row: number): number => (t.ids ? t.ids[row]! : row);
export const rowCount = (t: Table): number => (t.ids ? t.ids.length : t.count);

export interface AnonInfo {
  readonly refcnt: number;
  readonly frame: number;
  readonly swapSlot: number;
}

/** An anon struct's fields, or null when the table does not carry it or it is not live. */
export function anonIn(t: AnonTable, id: number): AnonInfo | null {
  const r = rowOf(t, id);
  if (r < 0 || t.refcnt[r]! <= 0) return null;
  return { refcnt: t.refcnt[r]!, frame: t.frame[r]!, swapSlot: t.swapSlot[r]! };
}

/** an_refcnt of an anon (0 when unknown or not live). */
export function refcntIn(t: AnonTable, id: number): number {
  const r = rowOf(t, id);
  return r < 0 ? 0 : Math.max(0, t.refcnt[r]!);
}

export interface FrameInfo {
  readonly kind: number;
  readonly owner: number;
  readonly offset: number;
  readonly pfn: number;
  readonly mapped: boolean;
  readonly cached: boolean;
}

export function frameIn(t: FrameTable, id: number): FrameInfo | null {
  const r = rowOf(t, id);
  if (r < 0) return null;
  return {
    kind: t.kind[r]!,
    owner: t.owner[r]!,
    offset: t.offset[r]!,
    pfn: t.pfn[r]!,
    mapped: t.mapped[r]! > 0,
    cached: t.cached[r]! > 0,
  };
}

/** An anon from the snapshot, else from the window on screen (zoomed slots name anons the snapshot may not carry). */
export function anonOf(snap: Snapshot, id: number, win?: SegWindow | null): AnonInfo | null {
  return anonIn(snap.anons, id) ?? (win ? anonIn(win.anons, id) : null);
}

/** Call fn(id, row) for every live anon the table carries. */
export function forEachAnon(t: AnonTable, fn: (id: number, row: number) => void): void {
  const n = rowCount(t);
  for (let r = 0; r < n; r++) if (t.refcnt[r]! > 0) fn(idAt(t, r), r);
}
