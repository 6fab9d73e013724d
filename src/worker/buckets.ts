/**
 * What the frame and slot windows share: clamping a query to the axis, and counting a long
 * span in buckets of SUMMARY_STRIDE counts where most items are in one state (free frames,
 * free slots) and only the others are visited.
 */
import { PAGE_STATES, SUMMARY_STRIDE, WINDOW_CELLS_MAX, type SegSummary } from "../contract/wire/protocol";

export interface Clamped {
  readonly from: number;
  readonly count: number;
  readonly cells: number;
}

/** A query's span [from, from + count) within [0, total), and its cells within WINDOW_CELLS_MAX. */
export function clampSpan(q: { from: number; count: number; cells: number }, total: number): Clamped {
  const cells = Math.max(1, Math.min(WINDOW_CELLS_MAX, Math.floor(q.cells) || 1));
  const from = Math.max(0, Math.min(total, Math.floor(q.from) || 0));
  const count = Math.max(0, Math.min(total - from, Math.floor(q.count) || 0));
  return { from, count, cells };
}

/**
 * Buckets over `count` items, at most `cells` of them. `scan(add)` reports the items not in
 * state `rest` (k counts from the span's start); every other item counts as `rest`.
 */
export function bucketSummary(
  count: number,
  cells: number,
  rest: number,
  scan: (add: (k: number, state: number) => void) => void,
): SegSummary {
  const per = Math.ceil(count / Math.max(1, cells)) || 1;
  const buckets = Math.ceil(count / per);
  const counts = new Uint32Array(buckets * SUMMARY_STRIDE);
  scan((k, state) => {
    if (k >= 0 && k < count) counts[Math.floor(k / per) * SUMMARY_STRIDE + state]!++;
  });
  for (let b = 0; b < buckets; b++) {
    const size = Math.min(per, count - b * per);
    let held = 0;
    for (let s = 0; s < PAGE_STATES; s++) if (s !== rest) held += counts[b * SUMMARY_STRIDE + s]!;
    counts[b * SUMMARY_STRIDE + rest] = size - held;
  }
  return { kind: "summary", buckets, pagesPerBucket: per, counts };
}
