/**
 * Density strips: many pages drawn as one pixel column per group of pages, each column
 * coloured by the state most of its touched pages are in (empty only if none is touched). Works from per-page states or from the
 * worker's bucketed summary, and merges equal neighbours into runs so a strip is a handful
 * of rectangles (or one canvas row).
 */
import { PAGE_STATES, PS_EMPTY, SUMMARY_STRIDE, type SegSnap } from "../../contract/wire/protocol";

export interface Run {
  readonly x: number;
  readonly w: number;
  readonly state: number;
}

/** When counts tie, the more telling state wins (shared over anon over file over empty). */
const PRIORITY = [0, 1, 2, 4, 3];

/**
 * The state a column shows: the most common among its non-empty pages, so a lone touched page
 * in a sea of untouched ones still shows; a column is empty only when all its pages are.
 */
export function dominant(counts: ArrayLike<number>, at: number): number {
  let best = PS_EMPTY;
  let bestN = 0;
  for (let s = 0; s < PAGE_STATES; s++) {
    if (s === PS_EMPTY) continue;
    const n = counts[at + s]!;
    if (n > bestN || (n === bestN && n > 0 && PRIORITY[s]! > PRIORITY[best]!)) {
      best = s;
      bestN = n;
    }
  }
  return best;
}

/**
 * Column states for a strip `columns` wide over `pages` pages. `stateOf(i)` gives page i's
 * state; for a summary, pass `fromSummary`. Columns past the last page are PS_EMPTY.
 */
export function columnStates(pages: number, columns: number, stateOf: (i: number) => number): Uint8Array {
  const cols = Math.max(1, Math.floor(columns));
  const out = new Uint8Array(cols);
  const counts = new Uint32Array(PAGE_STATES);
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * pages) / cols);
    const hi = Math.max(lo + 1, Math.floor(((c + 1) * pages) / cols));
    if (lo >= pages) break;
    counts.fill(0);
    for (let i = lo; i < Math.min(hi, pages); i++) counts[stateOf(i)]!++;
    out[c] = dominant(counts, 0);
  }
  return out;
}

/** Column states from a bucketed summary (each column takes the buckets it covers). */
export function summaryColumns(buckets: number, counts: Uint32Array, columns: number): Uint8Array {
  const cols = Math.max(1, Math.floor(columns));
  const out = new Uint8Array(cols);
  const acc = new Uint32Array(PAGE_STATES);
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * buckets) / cols);
    const hi = Math.max(lo + 1, Math.floor(((c + 1) * buckets) / cols));
    if (lo >= buckets) break;
    acc.fill(0);
    for (let b = lo; b < Math.min(hi, buckets); b++)
      for (let s = 0; s < PAGE_STATES; s++) acc[s]! += counts[b * SUMMARY_STRIDE + s]!;
    out[c] = dominant(acc, 0);
  }
  return out;
}

/** Merge equal neighbouring columns into runs, scaled to `width` pixels. */
export function runsOf(cols: Uint8Array, width: number): Run[] {
  const out: Run[] = [];
  const k = width / cols.length;
  let start = 0;
  for (let c = 1; c <= cols.length; c++) {
    if (c === cols.length || cols[c] !== cols[start]) {
      out.push({ x: start * k, w: (c - start) * k, state: cols[start]! });
      start = c;
    }
  }
  return out;
}

/** Column states for a segment as the snapshot carries it, with a per-page state function. */
export function segColumns(
  g: SegSnap,
  columns: number,
  stateOf: (anon: number, frame: number) => number,
): Uint8Array {
  const d = g.detail;
  if (d.kind === "summary") return summaryColumns(d.buckets, d.counts, columns);
  return columnStates(g.pages, columns, (i) => stateOf(d.anon[i]!, d.frame[i]!));
}
