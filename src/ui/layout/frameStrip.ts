/**
 * The zoomable Physical memory view, as data: where each pixel column's frames come from (the
 * worker's frame window, else the snapshot's pfn buckets), which frames are drawn one by one at
 * a zoom, and how deep the drawing goes. Frame states are FS_* (numbered as the PS_* page
 * states), so the columns are the anon layer's strip columns (stripColumns). Pure, no DOM.
 */
import {
  FS_ANON,
  FS_FILE,
  FS_FREE,
  PHYS_ANON,
  PHYS_FILE,
  PHYS_STRIDE,
  SUMMARY_STRIDE,
  type FrameWindow,
  type PhysSummary,
} from "../../contract/wire/protocol";
import { axisCounts, axisSource, visibleCells, type StripSource } from "./zoomStrip";

/** Frame states in FS_* order: what the legend and the screen reader call them. */
export const FRAME_STATE_NAMES = [
  "free",
  "file page",
  "anon page, an_refcnt 1",
  "shared anon page",
  "file page on the cachelist",
] as const;
/** CSS colour of each FS_* state (the anon layer's where the meaning is the same). */
export const FRAME_STATE_COLORS = ["--empty", "--file", "--anon", "--shared", "--file-soft"] as const;

/** Below this cell width the view is a density strip; from it, frames one by one. */
export const FRAME_CELL_MIN = 14;
/** From this cell width (where asked) a frame is a compact box: the same four lines, smaller. */
export const FRAME_COMPACT_MIN = 84;
/** From this cell width a frame is a box naming its page (pp, vnode, offset). */
export const FRAME_BOX_MIN = 96;
/** The deepest zoom shows this many frames across. */
export const FRAME_MIN_VIEW = 3;

export type FrameLevel = "strip" | "cells" | "compact" | "boxes";

/** How deep a strip draws at a zoom; `compact`: a compact box level comes before the full one. */
export function frameLevel(areaW: number, lo: number, hi: number, compact = false): FrameLevel {
  const w = areaW / Math.max(1e-9, hi - lo);
  if (w >= FRAME_BOX_MIN) return "boxes";
  if (compact && w >= FRAME_COMPACT_MIN) return "compact";
  return w >= FRAME_CELL_MIN ? "cells" : "strip";
}

/** The snapshot's pfn buckets as a strip source: anon or file pages, the rest free. */
export function physSource(ph: PhysSummary, ramPages: number): StripSource {
  const counts = new Uint32Array(ph.buckets * SUMMARY_STRIDE);
  for (let b = 0; b < ph.buckets; b++) {
    const a = ph.counts[b * PHYS_STRIDE + PHYS_ANON]!;
    const f = ph.counts[b * PHYS_STRIDE + PHYS_FILE]!;
    const size = Math.max(0, Math.min(ph.pfnsPerBucket, ramPages - b * ph.pfnsPerBucket));
    counts[b * SUMMARY_STRIDE + FS_ANON] = a;
    counts[b * SUMMARY_STRIDE + FS_FILE] = f;
    counts[b * SUMMARY_STRIDE + FS_FREE] = Math.max(0, size - a - f);
  }
  return { from: 0, count: ramPages, per: ph.pfnsPerBucket, counts };
}

/** A frame window as a strip source (per frame, or its buckets). */
export const frameSource = (w: FrameWindow): StripSource => axisSource(w);

/** Frames per FS_* state over the whole window (bucketed or not). */
export const frameCounts = (w: FrameWindow): number[] => axisCounts(w);

export interface FrameCell {
  readonly pfn: number;
  /** page_t id in the frame, 0 = free */
  readonly page: number;
  readonly state: number;
  /** left edge and width on screen */
  readonly x: number;
  readonly w: number;
}

/**
 * The frames of pfns [lo, hi) one by one, placed over [x0, x0 + areaW] (those cut by the
 * edges included: the caller clips), or null when the window does not hold each of them.
 */
export function visibleFrames(
  w: FrameWindow | null,
  lo: number,
  hi: number,
  x0: number,
  areaW: number,
): FrameCell[] | null {
  if (!w || w.detail.kind !== "frames") return null;
  const { page, state } = w.detail;
  return visibleCells(w.from, w.count, lo, hi, x0, areaW, (pfn, k, x, cw) => ({
    pfn,
    page: page[k]!,
    state: state[k]!,
    x,
    w: cw,
  }));
}
