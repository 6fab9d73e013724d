/**
 * The zoomable Swap device view, as data: where each pixel column's slots come from (the
 * worker's slot window, else the snapshot's swapUse buckets) and which slots are drawn one by
 * one at a zoom. Slot states are SS_* (numbered as the PS_* states whose colours they take),
 * so the columns are the Anon layer's strip columns. The zoom levels are Physical memory's:
 * a slot box names as much as a frame box. Pure, no DOM.
 */
import {
  SS_FREE,
  SS_LABEL,
  SS_USED,
  SUMMARY_STRIDE,
  type SlotWindow,
  type SwapUse,
} from "../../contract/wire/protocol";
import { FRAME_BOX_MIN, FRAME_MIN_VIEW } from "./frameStrip";
import { visibleCells, type StripSource } from "./zoomStrip";

/** CSS colour of each SS_* state (indexes 2 and 3 are no slot state). */
export const SLOT_STATE_COLORS = ["--empty", "--line-strong", "--empty", "--empty", "--swap"] as const;

/** The swap device's slots: usable ones (SwapDoc.deviceSlots) after slot 0, the label. */
export const deviceLength = (deviceSlots: number): number => deviceSlots + 1;

/** The snapshot's slot buckets as a strip source: slots in use, slot 0 the label, the rest free. */
export function swapUseSource(u: SwapUse, total: number): StripSource {
  const counts = new Uint32Array(u.buckets * SUMMARY_STRIDE);
  for (let b = 0; b < u.buckets; b++) {
    const size = Math.max(0, Math.min(u.slotsPerBucket, total - b * u.slotsPerBucket));
    const label = b === 0 && size > 0 ? 1 : 0;
    const used = Math.min(size - label, u.counts[b]!);
    counts[b * SUMMARY_STRIDE + SS_LABEL] = label;
    counts[b * SUMMARY_STRIDE + SS_USED] = used;
    counts[b * SUMMARY_STRIDE + SS_FREE] = size - label - used;
  }
  return { from: 0, count: total, per: u.slotsPerBucket, counts };
}

export interface SlotCell {
  readonly slot: number;
  /** the anon the slot holds, 0 = none */
  readonly anon: number;
  readonly state: number;
  /** left edge and width on screen */
  readonly x: number;
  readonly w: number;
}

/** The slots of [lo, hi) one by one over [x0, x0 + areaW], or null when the window lacks one. */
export function visibleSlots(
  w: SlotWindow | null,
  lo: number,
  hi: number,
  x0: number,
  areaW: number,
): SlotCell[] | null {
  if (!w || w.detail.kind !== "slots") return null;
  const { anon, state } = w.detail;
  return visibleCells(w.from, w.count, lo, hi, x0, areaW, (slot, k, x, cw) => ({
    slot,
    anon: anon[k]!,
    state: state[k]!,
    x,
    w: cw,
  }));
}

/**
 * Where a close-up of the slots in use ends when they are few and all near the device's start:
 * [0, end) shows each as a box naming its anon (0: they do not fit, show the whole device).
 */
export function closeUpEnd(lastUsed: number, areaW: number): number {
  if (lastUsed <= 0) return 0;
  const end = Math.max(FRAME_MIN_VIEW, lastUsed + 2);
  return end * FRAME_BOX_MIN <= areaW ? end : 0;
}
