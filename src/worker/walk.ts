/**
 * Reading a segment's pages from engine state, a chunk of the anon_hdr and a page table of the
 * HAT at a time: the per-page state the strips colour, and bucketed counts of a page range.
 */
import { forEachRun } from "../engine/seg_runs";
import { PROT_WRITE, type Proc, type Seg, type VmState } from "../engine/types";
import {
  PS_ANON,
  PS_EMPTY,
  PS_FILE,
  PS_SHARED,
  PS_SWAPPED,
  SUMMARY_MAPPED,
  SUMMARY_STRIDE,
  SUMMARY_WRITABLE,
  type SegSummary,
} from "../contract/wire/protocol";

/** The state a density strip colours a page with. */
export function pageState(st: VmState, anon: number, frame: number): number {
  if (anon) {
    if (!st.anon.an_page[anon] && st.anon.an_pslot[anon]) return PS_SWAPPED;
    if (st.anon.an_refcnt[anon]! > 1) return PS_SHARED;
    return PS_ANON;
  }
  return frame ? PS_FILE : PS_EMPTY;
}

/**
 * Call fn(i, anon, frame, prot) for pages [from, from + n) of segment s in process p, reading
 * the anon_hdr a chunk and the HAT a page table at a time (the same values as anon_get_ptr and
 * hat_get per page, without a lookup per page).
 */
export function walkSeg(
  st: VmState,
  p: Proc,
  s: Seg,
  from: number,
  n: number,
  fn: (i: number, anon: number, frame: number, prot: number) => void,
): void {
  forEachRun(st, p, s, from, n, ({ i, len, slots, soff, hat, j0 }) => {
    for (let k = 0; k < len; k++) {
      const ap = slots ? (slots[soff + k] ?? 0) : 0;
      const prot = hat ? hat.prot[j0 + k]! : 0;
      fn(i + k, ap, prot ? hat!.page[j0 + k]! : 0, prot);
    }
  });
}

/** Bucketed counts of pages [from, from + n): SUMMARY_STRIDE counts per bucket. */
export function summarise(st: VmState, p: Proc, s: Seg, from: number, n: number, cells: number): SegSummary {
  const buckets = Math.max(1, Math.min(cells, n));
  const per = Math.max(1, Math.ceil(n / buckets));
  const used = Math.max(1, Math.ceil(n / per));
  const counts = new Uint32Array(used * SUMMARY_STRIDE);
  walkSeg(st, p, s, from, n, (i, ap, pg, prot) => {
    const b = Math.floor((i - from) / per) * SUMMARY_STRIDE;
    counts[b + pageState(st, ap, pg)]!++;
    if (prot) {
      counts[b + SUMMARY_MAPPED]!++;
      if (prot & PROT_WRITE) counts[b + SUMMARY_WRITABLE]!++;
    }
  });
  return { kind: "summary", buckets: used, pagesPerBucket: per, counts };
}
