// The shapes both snapshots and zoomed windows are made of: per-page states, bucketed counts,
// and the anon and page_t tables (one column per field, dense or sparse).

/** Per-page slot state, as the density strips colour it. */
export const PS_EMPTY = 0;
export const PS_FILE = 1;
export const PS_ANON = 2;
export const PS_SHARED = 3;
export const PS_SWAPPED = 4;
export const PAGE_STATES = 5;
/** In a summary bucket, after the states: pages with a translation loaded, then writable ones. */
export const SUMMARY_MAPPED = PAGE_STATES;
export const SUMMARY_WRITABLE = PAGE_STATES + 1;
export const SUMMARY_STRIDE = PAGE_STATES + 2;
/** Bucketed counts for bigger segments: `buckets` groups of pages, SUMMARY_STRIDE counts each. */
export interface SegSummary {
  readonly kind: "summary";
  readonly buckets: number;
  readonly pagesPerBucket: number;
  readonly counts: Uint32Array;
}
/**
 * The anon structs, one column per field (refcnt 0 = not live). Dense (`ids` null): row = anon
 * id, every id below `count`. Sparse (big states): only the ids listed, ascending; row = index
 * in `ids`. Use tables.ts to read it.
 */
export interface AnonTable {
  /** ids handed out so far (the next id) */
  readonly count: number;
  /** anon structs live in the whole system */
  readonly live: number;
  readonly ids: Int32Array | null;
  readonly refcnt: Int32Array;
  /** page_t id of its page when resident, else 0 */
  readonly frame: Int32Array;
  /** swap device slot, 0 = none */
  readonly swapSlot: Int32Array;
}

// a frame's kind: 0 for a free frame (no identity), or one of these
export const FK_ANON = 1;
export const FK_FILE = 2;

/** page_t (kind 0 = free, no identity); dense or sparse as AnonTable. */
export interface FrameTable {
  /** page ids handed out so far */
  readonly count: number;
  readonly ids: Int32Array | null;
  readonly kind: Uint8Array;
  /** anon id (FK_ANON) or file index (FK_FILE) */
  readonly owner: Int32Array;
  /** offset in pages into the vnode (swapfs offset of an anon page = its anon id) */
  readonly offset: Int32Array;
  readonly pfn: Int32Array;
  /** 1 when some translation maps it */
  readonly mapped: Uint8Array;
  /** 1 when it is free on the cachelist (unmapped, clean, still named) */
  readonly cached: Uint8Array;
}
