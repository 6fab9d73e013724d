import type { Statement } from "../ast";
/**
 * The wire protocol between the main thread and the engine worker: versioned string-literal
 * unions only. Every request carries an `id`; every reply carries the `id` it answers and a
 * worker-wide sequence number `seq`, so the client can drop stale replies. Snapshots carry the
 * generation `gen` of the timeline they were taken from (one generation per loaded scenario).
 *
 * Snapshot size does not grow with the state: small states travel whole (dense tables indexed
 * by id); big ones carry exact records only for what can be drawn one by one (small segments,
 * the current step's objects, the first swap slots) plus bounded summaries (per-segment
 * buckets, frames by pfn, swap slots by number, anon_hdr chunk fill). Zooming into a big
 * segment asks for a `window` of it: per-page slots for a page range, capped to what fits on
 * screen. Read the tables through tables.ts, which handles both the dense and the sparse form.
 */
import type { ParseError } from "../ast";
import type { PmapLine } from "../doc";
import type { VmDoc, SwapDoc } from "../doc";
import type { DocView } from "../docView";
import type { EventRefs } from "../events";
import type { Question } from "../question";
import type { Change } from "../change";

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
  /**
   * Call depth: 0 for the step's outermost function; an event at depth d + 1 right after one
   * at depth d ran inside it (engine/types.ts VmEvent.depth). Callers come before callees.
   */
  readonly depth: number;
  readonly refs?: EventRefs;
}

export interface StepInfo {
  readonly n: number;
  readonly line: number;
  readonly text: string;
  readonly result: string;
  /** the statement as the parser typed it (the main thread parses no step text again) */
  readonly stmt: Statement;
  readonly events: readonly EventInfo[];
}

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
  /** slot pointers per second-level chunk (one page of pointers) */
  readonly chunkSlots: number;
  /**
   * Two levels: per chunk of the top array, how many of its slots are used, or -1 when the
   * chunk pointer is NULL (never allocated). Null for a flat anon_hdr.
   */
  readonly chunkFill: Int16Array | null;
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

export const FK_FREE = 0;
export const FK_ANON = 1;
export const FK_FILE = 2;

/** page_t (kind FK_FREE = no identity); dense or sparse as AnonTable. */
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
  /** the window of the view set by the last `window` request, at this snapshot's position */
  readonly window: SegWindow | null;
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

export type Request =
  | {
      readonly v: 1;
      readonly type: "load";
      readonly id: number;
      readonly text: string;
      readonly to: LoadTarget;
      /**
       * Stop between steps once the run has taken this long (the reply says so in `cut`), so a
       * valid but slow scenario opens at the last step reached instead of outlasting the watchdog.
       */
      readonly budgetMs?: number;
      /**
       * Run only the first `steps` steps (the supervisor, after a step hung, or replaying a
       * scenario that was cut); the reply's cut gives `why`.
       */
      readonly until?: { readonly steps: number; readonly why: RunCut["why"] };
    }
  | {
      /** Run the rest of a cut timeline (gen) for another budget; answered like a load. */
      readonly v: 1;
      readonly type: "resume";
      readonly id: number;
      readonly gen: number;
      readonly budgetMs?: number;
    }
  | {
      readonly v: 1;
      readonly type: "seek";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      /**
       * The client already shows pos from a snapshot sent ahead: acknowledge with an empty
       * "ahead" reply (the neighbours' snapshots follow as they are built).
       */
      readonly have?: boolean;
    }
  | {
      readonly v: 1;
      readonly type: "doc";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
    }
  | {
      /**
       * What the Tables view, the printable view and the tool text show at pos: every list
       * capped at `rows` rows (docView.ts), so nothing grows with the state.
       */
      readonly v: 1;
      readonly type: "view";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly rows?: number;
    }
  | {
      /** Predict mode's questions about step `step` (1-based), most telling first. */
      readonly v: 1;
      readonly type: "predict";
      readonly id: number;
      readonly gen: number;
      readonly step: number;
    }
  | {
      /**
       * What changed (engine/diff): from `from` to `pos`; without `from`, the event at pos
       * ("event": from just before it) or the whole step pos is in ("step").
       */
      readonly v: 1;
      readonly type: "changes";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly scope: "event" | "step";
      readonly from?: Position;
    }
  | {
      /**
       * The slots of a window of a mapping at pos. The query is also remembered as the view:
       * every later snapshot carries its window too (null forgets it).
       */
      readonly v: 1;
      readonly type: "window";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly query: WindowQuery | null;
    }
  | {
      /** Frames [from, from + count) by pfn at pos (nothing is remembered: ask again per position). */
      readonly v: 1;
      readonly type: "frames";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly query: FrameQuery;
    }
  | {
      /** Swap device slots [from, from + count) at pos (nothing is remembered). */
      readonly v: 1;
      readonly type: "slots";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly query: SlotQuery;
    }
  | {
      /** The slots of a window of a mapping at pos, like `window`, but not remembered as the view. */
      readonly v: 1;
      readonly type: "pages";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly query: WindowQuery;
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
      /** the engine threw inside this step (a bug): `steps` stop just before it */
      readonly fault?: StepFault;
      /** the run stopped early: `steps` holds the first `ran` of the scenario's `of` steps */
      readonly cut?: RunCut;
    }
  | {
      /**
       * Liveness (client.ts): the worker has started (id 0), has taken request `id` ("ack", sent
       * before the work), or is doing work of its own between requests (id 0, `on`).
       */
      readonly v: 1;
      readonly type: "ack" | "ready" | "working";
      readonly id: number;
      readonly seq: number;
      readonly on?: boolean;
    }
  | {
      /** A load is running: `step` of `of` steps done (sent at most a few times a second). */
      readonly v: 1;
      readonly type: "progress";
      readonly id: number;
      readonly seq: number;
      readonly step: number;
      readonly of: number;
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
  | {
      /**
       * Snapshots of positions the user is likely to step to next, for the client to keep: a
       * step key then shows one at once, in the same frame, with no round trip. The worker
       * pushes each (id 0) once it has built it while idle; a seek with `have` is answered by
       * an empty one.
       */
      readonly v: 1;
      readonly type: "ahead";
      readonly id: number;
      readonly seq: number;
      readonly snapshots: readonly Snapshot[];
      /**
       * for the scrubber's cache (scrub.ts): kept until the timeline or the view changes, or
       * until a later reply names the position in `drop`
       */
      readonly scrub?: true;
      readonly drop?: readonly Position[];
    }
  | { readonly v: 1; readonly type: "doc"; readonly id: number; readonly seq: number; readonly doc: VmDoc }
  | {
      readonly v: 1;
      readonly type: "view";
      readonly id: number;
      readonly seq: number;
      readonly view: DocView;
    }
  | {
      readonly v: 1;
      readonly type: "predict";
      readonly id: number;
      readonly seq: number;
      readonly step: number;
      readonly questions: readonly Question[];
    }
  | {
      readonly v: 1;
      readonly type: "changes";
      readonly id: number;
      readonly seq: number;
      /** the two positions compared, after clamping */
      readonly from: Position;
      readonly to: Position;
      readonly items: readonly Change[];
      readonly folded: number;
    }
  | {
      readonly v: 1;
      readonly type: "window";
      readonly id: number;
      readonly seq: number;
      readonly window: SegWindow | null;
    }
  | {
      readonly v: 1;
      readonly type: "frames";
      readonly id: number;
      readonly seq: number;
      readonly frames: FrameWindow;
    }
  | {
      readonly v: 1;
      readonly type: "pages";
      readonly id: number;
      readonly seq: number;
      readonly window: SegWindow;
    }
  | {
      readonly v: 1;
      readonly type: "slots";
      readonly id: number;
      readonly seq: number;
      readonly slots: SlotWindow;
    }
  | {
      readonly v: 1;
      readonly type: "failed";
      readonly id: number;
      readonly seq: number;
      readonly message: string;
    };

/** Buffers of a reply that can be transferred instead of copied. */
export function transferables(r: Reply): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | null | undefined): void => {
    if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  };
  const anonBufs = (an: AnonTable): void => {
    for (const a of [an.ids, an.refcnt, an.frame, an.swapSlot]) add(a);
  };
  const tables = (an: AnonTable, fr: FrameTable): void => {
    anonBufs(an);
    for (const a of [fr.ids, fr.kind, fr.owner, fr.offset, fr.pfn, fr.mapped]) add(a);
  };
  const win = (w: SegWindow | null): void => {
    if (!w) return;
    tables(w.anons, w.frames);
    for (const row of w.rows) {
      const d = row.detail;
      if (d.kind === "pages") for (const a of [d.anon, d.refcnt, d.frame, d.hat, d.state]) add(a);
      else add(d.counts);
    }
  };
  if (r.type === "window" || r.type === "pages") win(r.window);
  if (r.type === "frames") {
    const f = r.frames;
    tables(f.anons, f.frames);
    if (f.detail.kind === "frames") for (const a of [f.detail.page, f.detail.state]) add(a);
    else add(f.detail.counts);
  }
  if (r.type === "slots") {
    const w = r.slots;
    anonBufs(w.anons);
    if (w.detail.kind === "slots") for (const a of [w.detail.anon, w.detail.state]) add(a);
    else add(w.detail.counts);
  }
  const snap = (s: Snapshot): void => {
    tables(s.anons, s.frames);
    add(s.phys.counts);
    for (const a of [s.swapUse.slots, s.swapUse.anons, s.swapUse.counts]) add(a);
    for (const m of s.amps) add(m.chunkFill);
    for (const p of s.procs)
      for (const g of p.segs) {
        if (g.detail.kind === "pages") for (const a of [g.detail.anon, g.detail.frame, g.detail.hat]) add(a);
        else add(g.detail.counts);
      }
    win(s.window);
  };
  if (r.type === "ahead") r.snapshots.forEach(snap);
  if (r.type === "loaded" || r.type === "snapshot") snap(r.snapshot);
  return [...out];
}
