import type { EventRefs } from "./events";

/**
 * The JSON document of scenario-format.md §3 ("anonscope/1"): a contract other tools read,
 * so every field keeps the name the spec gives it.
 */

export interface SlotDoc {
  anon: string | null;
  frame: string | null;
  hat: string | null;
}

export interface SegmentDoc {
  name: string;
  first: number;
  base: string;
  pages: number;
  prot: string;
  share: "private" | "shared";
  noreserve: boolean;
  source: string;
  offset: number;
  amp: string | null;
  slots: SlotDoc[];
}

export interface ProcessDoc {
  name: string;
  pid: number;
  state: "alive" | "exited";
  segments: SegmentDoc[];
}

interface AnonMapDoc {
  id: string;
  refcnt: number;
  pages: number;
  slots: number;
  levels: 1 | 2;
  chunks: number;
}

export interface AnonDoc {
  id: string;
  refcnt: number;
  swapfsOffset: number;
  swapSlot: number | null;
  frame: string | null;
}

export interface FrameDoc {
  id: string;
  vnode: string;
  offset: number;
  cached: boolean;
  /** extra: the physical frame number the page occupies */
  pfn: number;
}

export interface SwapDoc {
  reservedPages: number;
  allocatedPages: number;
  usedPages: number;
  availablePages: number;
  deviceSlots: number;
  deviceSlotsUsed: number;
}

export interface VmDoc {
  format: "anonscope/1";
  arch: string;
  pageSize: number;
  steps: {
    n: number;
    line: number;
    text: string;
    result: string;
    /** fn, src, say as the contract has them; depth (call nesting) and refs are extra fields */
    events: { fn: string; src: string; say: string; depth: number; refs?: EventRefs }[];
  }[];
  processes: ProcessDoc[];
  anonMaps: AnonMapDoc[];
  anons: AnonDoc[];
  frames: FrameDoc[];
  swap: SwapDoc;
  pmap: Record<string, PmapLine[]>;
  text: { "swap-s": string; "swap-l": string; "pmap-x": Record<string, string> };
}

export interface PmapLine {
  addr: string;
  kbytes: number;
  rss: number;
  anon: number;
  locked: number;
  mode: string;
  mapped: string;
  segment: string;
}

/** What `swap -s` prints, in pages (anon-layer.md c.1). */
export interface SwapFigures {
  allocated: number;
  reserved: number;
  used: number;
  available: number;
}
