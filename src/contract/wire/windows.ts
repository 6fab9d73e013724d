import type { Position } from "./steps";
import type { AnonTable, FrameTable, SegSummary } from "./columns";
import { PS_ANON, PS_EMPTY, PS_FILE, PS_SHARED, PS_SWAPPED } from "./columns";

// Zoomed views: which part of a mapping, of physical memory or of the swap device a view shows
// (the query) and what the worker answers for it (the window).
/** The most cells a window may ask for, and the most rows (processes) it reads. */
export const WINDOW_CELLS_MAX = 8192;
export const WINDOW_ROWS_MAX = 8;

/** Which part of which mapping a zoomed view shows; `from` counts pages from the segment's start. */
export interface WindowQuery {
  readonly seg: { readonly name: string; readonly first: number };
  /** the processes whose piece of that mapping to read (rows of the Anon layer) */
  readonly procs: readonly string[];
  readonly from: number;
  readonly count: number;
  /** the most cells the view can use: more pages than this come bucketed (SegSummary) */
  readonly cells: number;
}

/** Per-page slots of a window, for every page of it. */
export interface WindowPages {
  readonly kind: "pages";
  readonly anon: Int32Array;
  /** an_refcnt of the slot's anon, 0 = empty slot */
  readonly refcnt: Int32Array;
  readonly frame: Int32Array;
  readonly hat: Uint8Array;
  /** PS_* per page */
  readonly state: Uint8Array;
}

export interface WindowRow {
  readonly proc: string;
  /** this process's piece: first mapping page, pages, and the window clamped to it */
  readonly first: number;
  readonly pages: number;
  readonly from: number;
  readonly count: number;
  readonly detail: WindowPages | SegSummary;
}

/** A window of a mapping at one position: the rows, and the anons and frames their slots name. */
export interface SegWindow {
  readonly gen: number;
  readonly pos: Position;
  /** worker sequence number of the reply that carried it (newest wins) */
  readonly seq: number;
  readonly query: WindowQuery;
  readonly rows: readonly WindowRow[];
  readonly anons: AnonTable;
  readonly frames: FrameTable;
}

/**
 * Frame states of the Physical memory view, numbered as the PS_* page states they share a
 * colour with, so the density strips' code colours frames too (4: a page free on the
 * cachelist, still named).
 */
export const FS_FREE = PS_EMPTY;
export const FS_FILE = PS_FILE;
export const FS_ANON = PS_ANON;
export const FS_SHARED = PS_SHARED;
export const FS_CACHED = PS_SWAPPED;

/** Which frames a zoomed Physical memory view shows: pfns [from, from + count). */
export interface FrameQuery {
  readonly from: number;
  readonly count: number;
  /** the most cells the view can use: more frames than this come bucketed */
  readonly cells: number;
}

/** Per-frame detail of a frame window: the page_t in each frame (0 = free) and its FS_* state. */
export interface FramePages {
  readonly kind: "frames";
  readonly page: Int32Array;
  readonly state: Uint8Array;
}

/**
 * A window of physical memory at one position: frames by pfn, one by one or in buckets of
 * SUMMARY_STRIDE counts (FS_* states; the mapped / writable counts stay 0), with the pages and
 * anons the frames hold.
 */
export interface FrameWindow {
  readonly gen: number;
  readonly pos: Position;
  readonly seq: number;
  readonly query: FrameQuery;
  readonly from: number;
  readonly count: number;
  readonly detail: FramePages | SegSummary;
  readonly frames: FrameTable;
  readonly anons: AnonTable;
}

/**
 * Swap device slot states of the zoomed Swap view, numbered as the PS_* page states they share
 * a colour with, so the density strips' code colours slots too (slot 0 is the device label).
 */
export const SS_FREE = PS_EMPTY;
export const SS_LABEL = PS_FILE;
export const SS_USED = PS_SWAPPED;

/** Which swap device slots a zoomed Swap view shows: slots [from, from + count). */
export interface SlotQuery {
  readonly from: number;
  readonly count: number;
  /** the most cells the view can use: more slots than this come bucketed */
  readonly cells: number;
}

/** Per-slot detail of a slot window: the anon each slot holds (0 = none) and its SS_* state. */
export interface SwapSlots {
  readonly kind: "slots";
  readonly anon: Int32Array;
  readonly state: Uint8Array;
}

/**
 * A window of the swap device at one position: slots by number, one by one or in buckets of
 * SUMMARY_STRIDE counts (SS_* states), with the anons the slots hold.
 */
export interface SlotWindow {
  readonly gen: number;
  readonly pos: Position;
  readonly seq: number;
  readonly query: SlotQuery;
  readonly from: number;
  readonly count: number;
  readonly detail: SwapSlots | SegSummary;
  readonly anons: AnonTable;
}
