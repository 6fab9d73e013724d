/**
 * The wire protocol between the main thread and the engine worker: versioned string-literal
 * unions only. Every request carries an `id`; every reply carries the `id` it answers and a
 * worker-wide sequence number `seq`, so the client can drop stale replies. Snapshots carry the
 * generation `gen` of the timeline they were taken from (one generation per loaded scenario).
 *
 * Snapshots are `kind: "full"` today; the union leaves room for compact/incremental kinds later.
 */
import type { ParseError } from "../scenarios/ast";
import type { PmapLine } from "../engine/report/text";
import type { VmDoc, SwapDoc } from "../engine/report/doc";
import type { EventRefs } from "../engine/types";

export const PROTOCOL_VERSION = 1 as const;

export interface Position {
  readonly step: number;
  /** -1: the end of the step; e >= 0: right after event e of the step */
  readonly event: number;
}

/** Where to go after a load: an exact position (clamped by the worker) or the last step's end. */
export type LoadTarget = Position | "end";

export interface EventInfo {
  readonly fn: string;
  readonly src: string;
  readonly say: string;
  readonly refs?: EventRefs;
}

export interface StepInfo {
  readonly n: number;
  readonly line: number;
  readonly text: string;
  readonly result: string;
  readonly events: readonly EventInfo[];
}

/** Per-page slot state, as the density strips colour it. */
export const PS_EMPTY = 0;
export const PS_FILE = 1;
export const PS_ANON = 2;
export const PS_SHARED = 3;
export const PS_SWAPPED = 4;
export const PAGE_STATES = 5;
/** In a summary bucket, the count of pages with a translation loaded sits after the states. */
export const SUMMARY_STRIDE = PAGE_STATES + 1;

export interface SegTotals {
  /** slots holding an anon */
  readonly filled: number;
  /** resident anons held by more than one slot (an_refcnt > 1) */
  readonly shared: number;
  /** anons whose page is on the swap device only */
  readonly swapped: number;
  /** pages with a translation loaded in this process */
  readonly mapped: number;
  /** pages mapped to a file page (no anon) */
  readonly file: number;
}

/** Per-page arrays, sent for segments up to SEG_DETAIL_MAX pages. */
export interface SegPages {
  readonly kind: "pages";
  /** anon id in the slot, 0 = empty */
  readonly anon: Int32Array;
  /** page_t id of this process's translation, 0 = none */
  readonly frame: Int32Array;
  /** prot bits of the translation (1 r, 2 w, 4 x), 0 = none */
  readonly hat: Uint8Array;
}

/** Bucketed counts for bigger segments: `buckets` groups of pages, SUMMARY_STRIDE counts each. */
export interface SegSummary {
  readonly kind: "summary";
  readonly buckets: number;
  readonly pagesPerBucket: number;
  readonly counts: Uint32Array;
}

export interface SegSnap {
  readonly name: string;
  readonly first: number;
  /** s_base as 0x + 16 hex digits */
  readonly base: string;
  /** s_base as a virtual page number (exact: below 2^53) */
  readonly vpn: number;
  readonly pages: number;
  readonly prot: string;
  readonly share: "private" | "shared";
  readonly noreserve: boolean;
  readonly source: string;
  /** svd->offset in pages (file mappings) */
  readonly offset: number;
  /** anon_map id, 0 = NULL */
  readonly amp: number;
  readonly anonIndex: number;
  /** what pmap -x prints in its Mapped File column for this segment */
  readonly label: string;
  readonly totals: SegTotals;
  readonly detail: SegPages | SegSummary;
}

export interface ProcSnap {
  readonly name: string;
  readonly pid: number;
  readonly alive: boolean;
  readonly segs: readonly SegSnap[];
}

export interface AmpSnap {
  readonly id: number;
  readonly refcnt: number;
  readonly pages: number;
  readonly slots: number;
  readonly levels: 1 | 2;
  readonly chunks: number;
}

/** The anon structs, one column per field, indexed by anon id (refcnt 0 = not live). */
export interface AnonTable {
  readonly count: number;
  readonly refcnt: Int32Array;
  /** page_t id of its page when resident, else 0 */
  readonly frame: Int32Array;
  /** swap device slot, 0 = none */
  readonly swapSlot: Int32Array;
}

export const FK_FREE = 0;
export const FK_ANON = 1;
export const FK_FILE = 2;

/** page_t, indexed by page id (kind FK_FREE = no identity). */
export interface FrameTable {
  readonly count: number;
  readonly kind: Uint8Array;
  /** anon id (FK_ANON) or file index (FK_FILE) */
  readonly owner: Int32Array;
  /** offset in pages into the vnode (swapfs offset of an anon page = its anon id) */
  readonly offset: Int32Array;
  readonly pfn: Int32Array;
  /** 1 when some translation maps it */
  readonly mapped: Uint8Array;
}

export interface Snapshot {
  readonly kind: "full";
  readonly gen: number;
  readonly pos: Position;
  readonly arch: string;
  readonly pageSize: number;
  readonly ramPages: number;
  readonly files: readonly string[];
  readonly procs: readonly ProcSnap[];
  readonly amps: readonly AmpSnap[];
  readonly anons: AnonTable;
  readonly frames: FrameTable;
  readonly swap: SwapDoc;
  readonly pmap: Readonly<Record<string, readonly PmapLine[]>>;
  readonly text: {
    readonly swapS: string;
    readonly swapL: string;
    readonly pmapX: Readonly<Record<string, string>>;
  };
}

export type Request =
  | {
      readonly v: 1;
      readonly type: "load";
      readonly id: number;
      readonly text: string;
      readonly to: LoadTarget;
    }
  | {
      readonly v: 1;
      readonly type: "seek";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
    }
  | {
      readonly v: 1;
      readonly type: "doc";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
    };

export type Reply =
  | {
      readonly v: 1;
      readonly type: "loaded";
      readonly id: number;
      readonly seq: number;
      readonly gen: number;
      readonly steps: readonly StepInfo[];
      readonly snapshot: Snapshot;
    }
  | {
      readonly v: 1;
      readonly type: "parse-error";
      readonly id: number;
      readonly seq: number;
      readonly error: ParseError;
    }
  | {
      readonly v: 1;
      readonly type: "snapshot";
      readonly id: number;
      readonly seq: number;
      readonly snapshot: Snapshot;
    }
  | { readonly v: 1; readonly type: "doc"; readonly id: number; readonly seq: number; readonly doc: VmDoc }
  | {
      readonly v: 1;
      readonly type: "failed";
      readonly id: number;
      readonly seq: number;
      readonly message: string;
    };

/** Buffers of a reply that can be transferred instead of copied. */
export function transferables(r: Reply): ArrayBuffer[] {
  if (r.type !== "loaded" && r.type !== "snapshot") return [];
  const s = r.snapshot;
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView): void => {
    if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  for (const a of [s.anons.refcnt, s.anons.frame, s.anons.swapSlot]) add(a);
  for (const a of [s.frames.kind, s.frames.owner, s.frames.offset, s.frames.pfn, s.frames.mapped]) add(a);
  for (const p of s.procs)
    for (const g of p.segs) {
      if (g.detail.kind === "pages") for (const a of [g.detail.anon, g.detail.frame, g.detail.hat]) add(a);
      else add(g.detail.counts);
    }
  return out;
}
