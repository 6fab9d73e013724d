import type { PmapLine } from "../doc";
import type { SwapDoc } from "../doc";
import type { Position } from "./steps";
import type { AnonTable, FrameTable, SegSummary } from "./columns";

// What a snapshot of one position holds. Small states travel whole (dense tables indexed by id);
// big ones carry exact records only for what can be drawn one by one, plus bounded summaries.
// Read the tables through tables.ts, which handles the dense and the sparse form.

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
  /** slot pointers per second-level chunk (one page of pointers) */
  readonly chunkSlots: number;
  /**
   * Two levels: per chunk of the top array, how many of its slots are used, or -1 when the
   * chunk pointer is NULL (never allocated). Null for a flat anon_hdr.
   */
  readonly chunkFill: Int16Array | null;
}

/** Physical memory at a glance: frames by identity, and by pfn in buckets. */
export interface PhysSummary {
  /** frames holding a page with an identity (anon or file) */
  readonly used: number;
  readonly anon: number;
  readonly file: number;
  /** pages (anon or file) free on the cachelist, still named */
  readonly cached: number;
  /** frames holding pages of each file, by index into Snapshot.files */
  readonly perFile: readonly number[];
  readonly buckets: number;
  readonly pfnsPerBucket: number;
  /** PHYS_STRIDE counts per bucket: anon, file */
  readonly counts: Uint32Array;
}
export const PHYS_ANON = 0;
export const PHYS_FILE = 1;
export const PHYS_STRIDE = 2;

/** Swap device slots in use: the first ones by slot number with their anon, and buckets. */
export interface SwapUse {
  readonly used: number;
  /** ascending slot numbers (at most SWAP_LIST_MAX of them) and the anon each holds */
  readonly slots: Int32Array;
  readonly anons: Int32Array;
  readonly buckets: number;
  readonly slotsPerBucket: number;
  /** slots in use per bucket */
  readonly counts: Uint32Array;
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
  readonly phys: PhysSummary;
  readonly swapUse: SwapUse;
  readonly swap: SwapDoc;
  readonly pmap: Readonly<Record<string, readonly PmapLine[]>>;
  readonly text: {
    readonly swapS: string;
    readonly swapL: string;
    readonly pmapX: Readonly<Record<string, string>>;
  };
}

/** A step the engine threw inside (a bug); the timeline keeps only the steps before it. */
export interface StepFault {
  readonly step: number;
  readonly line: number;
  readonly text: string;
  readonly message: string;
}

/** Why a run stopped before the end of its scenario. */
export interface RunCut {
  /** steps run (the timeline's length) */
  readonly ran: number;
  /** the scenario's steps */
  readonly of: number;
  /** "budget": the time a load may take was spent; "hung": the next step alone outlasted the watchdog */
  readonly why: "budget" | "hung";
  readonly ms: number;
}
