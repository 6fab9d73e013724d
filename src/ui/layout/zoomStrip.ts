/**
 * What each pixel column of a zoomable strip shows: the pages it covers at the current zoom
 * and the state most of them are in (as the density strips: a lone touched page still shows),
 * read from the best data at hand for that column: the window the worker sent for the view,
 * else the snapshot's summary. Also the anon_hdr chunk track: which chunks of the top-level
 * array exist and how full they are. Pure functions, a few small arrays per call.
 */
import {
  PAGE_STATES,
  SUMMARY_MAPPED,
  SUMMARY_STRIDE,
  SUMMARY_WRITABLE,
  type SegSummary,
} from "../../contract/wire/protocol";
import { dominant } from "./strip";

/** Pages [from, from + count) of one row, per page (per = 1, state/hat) or bucketed (counts). */
export interface StripSource {
  readonly from: number;
  readonly count: number;
  readonly per: number;
  /** SUMMARY_STRIDE counts per bucket */
  readonly counts?: Uint32Array;
  /** per page: PS_* state and HAT prot bits */
  readonly state?: ArrayLike<number>;
  readonly hat?: ArrayLike<number>;
}

/** A column with no data (past the row's pages). */
export const NO_DATA = 255;
export const HAT_NONE = 0;
export const HAT_RO = 1;
export const HAT_RW = 2;

export interface StripCols {
  readonly state: Uint8Array;
  /** HAT_NONE, HAT_RO or HAT_RW: whether most mapped pages are writable; none if none mapped */
  readonly hat: Uint8Array;
}

const covers = (s: StripSource, p0: number, p1: number): boolean =>
  s.from <= p0 + 1e-6 && p1 <= s.from + s.count + 1e-6;

/** Column states for pages [lo, hi) over `columns` columns, from the first source covering each. */
export function stripColumns(
  sources: readonly StripSource[],
  lo: number,
  hi: number,
  columns: number,
): StripCols {
  const n = Math.max(1, Math.floor(columns));
  const state = new Uint8Array(n).fill(NO_DATA);
  const hat = new Uint8Array(n);
  const acc = new Uint32Array(SUMMARY_STRIDE);
  const k = (hi - lo) / n;
  for (let c = 0; c < n; c++) {
    const p0 = lo + c * k;
    const p1 = p0 + k;
    const src =
      sources.find((s) => covers(s, p0, p1)) ?? sources.find((s) => s.from < p1 && p0 < s.from + s.count);
    if (!src) continue;
    const nb = Math.ceil(src.count / src.per);
    const b0 = Math.max(0, Math.min(nb - 1, Math.floor((p0 - src.from) / src.per)));
    const b1 = Math.min(nb, Math.max(b0 + 1, Math.ceil((p1 - src.from) / src.per)));
    acc.fill(0);
    for (let b = b0; b < b1; b++) {
      if (src.counts) {
        for (let s = 0; s < SUMMARY_STRIDE; s++) acc[s]! += src.counts[b * SUMMARY_STRIDE + s]!;
      } else {
        acc[src.state![b]!]!++;
        const h = src.hat![b]!;
        if (h) {
          acc[SUMMARY_MAPPED]!++;
          if (h & 2) acc[SUMMARY_WRITABLE]!++;
        }
      }
    }
    state[c] = dominant(acc, 0);
    const mapped = acc[SUMMARY_MAPPED]!;
    hat[c] = mapped === 0 ? HAT_NONE : acc[SUMMARY_WRITABLE]! * 2 >= mapped ? HAT_RW : HAT_RO;
  }
  return { state, hat };
}

/** The anon_hdr of a row: used slots per chunk (-1: NULL chunk pointer), and where the row starts in it. */
export interface ChunkTrack {
  readonly fill: Int16Array;
  readonly chunkSlots: number;
  /** svd->anon_index: the slot of the row's page 0 */
  readonly anonIndex: number;
}

export interface ChunkSpan {
  readonly chunk: number;
  /** the pages (row indexes, fractional at the view's edges not clipped) it covers */
  readonly p0: number;
  readonly p1: number;
  /** used slots, -1 when the chunk was never allocated */
  readonly used: number;
}

/** The chunks that pages [lo, hi) of the row fall in, in order. */
export function chunkSpans(t: ChunkTrack, lo: number, hi: number, max = 4096): ChunkSpan[] {
  const cs = t.chunkSlots;
  const c0 = Math.max(0, Math.floor((lo + t.anonIndex) / cs));
  const c1 = Math.min(t.fill.length, Math.ceil((hi + t.anonIndex) / cs));
  const out: ChunkSpan[] = [];
  for (let c = c0; c < c1 && out.length < max; c++)
    out.push({ chunk: c, p0: c * cs - t.anonIndex, p1: (c + 1) * cs - t.anonIndex, used: t.fill[c]! });
  return out;
}

/** Per column: -2 no chunk, -1 only NULL chunks, else the used fraction (0..1) of the allocated ones. */
export function chunkColumns(t: ChunkTrack, lo: number, hi: number, columns: number): Float32Array {
  const n = Math.max(1, Math.floor(columns));
  const out = new Float32Array(n).fill(-2);
  const k = (hi - lo) / n;
  const cs = t.chunkSlots;
  for (let col = 0; col < n; col++) {
    const s0 = lo + col * k + t.anonIndex;
    const c0 = Math.max(0, Math.floor(s0 / cs));
    const c1 = Math.min(t.fill.length, Math.max(c0 + 1, Math.ceil((s0 + k) / cs)));
    let used = 0;
    let alloc = 0;
    let any = false;
    for (let c = c0; c < c1; c++) {
      any = true;
      const f = t.fill[c]!;
      if (f >= 0) {
        used += f;
        alloc++;
      }
    }
    if (any) out[col] = alloc ? used / (alloc * cs) : -1;
  }
  return out;
}

const NO_HAT = new Uint8Array(0);

/** A window of one axis (frames by pfn, swap slots by number): one by one or in buckets. */
export interface AxisDetail {
  readonly from: number;
  readonly count: number;
  readonly detail: { readonly kind: "frames" | "slots"; readonly state: Uint8Array } | SegSummary;
}

/** A window of one axis as a strip source: per item, or its buckets. */
export function axisSource(w: AxisDetail): StripSource {
  const d = w.detail;
  if (d.kind === "summary") return { from: w.from, count: w.count, per: d.pagesPerBucket, counts: d.counts };
  // these axes have no translation lane: a zero hat per item
  const hat = d.state.length ? new Uint8Array(d.state.length) : NO_HAT;
  return { from: w.from, count: w.count, per: 1, state: d.state, hat };
}

/**
 * Items [lo, hi) of a window held one by one ([from, from + count)), placed over
 * [x0, x0 + areaW] (those cut by the edges included: the caller clips), or null when the
 * window does not hold each of them. `make(n, k, x, w)`: item n, k-th of the window.
 */
export function visibleCells<T>(
  from: number,
  count: number,
  lo: number,
  hi: number,
  x0: number,
  areaW: number,
  make: (n: number, k: number, x: number, w: number) => T,
): T[] | null {
  const p0 = Math.max(0, Math.floor(lo));
  const p1 = Math.ceil(hi);
  if (p0 < from || p1 > from + count) return null;
  const k = areaW / Math.max(1e-9, hi - lo);
  const out: T[] = [];
  for (let n = p0; n < p1; n++) out.push(make(n, n - from, x0 + (n - lo) * k, k));
  return out;
}

/** Items per state (PAGE_STATES of them) over the whole window, bucketed or not. */
export function axisCounts(w: AxisDetail): number[] {
  const out = new Array<number>(PAGE_STATES).fill(0);
  const d = w.detail;
  if (d.kind !== "summary") for (const s of d.state) out[s]!++;
  else
    for (let b = 0; b < d.buckets; b++)
      for (let s = 0; s < PAGE_STATES; s++) out[s]! += d.counts[b * SUMMARY_STRIDE + s]!;
  return out;
}
