import type { EventRefs } from "../contract/events";
import type { ArchInfo } from "./arch";

/**
 * The kernel's objects as plain data. Names follow illumos (vm/seg_vn.h, vm/anon.h, vm/page.h)
 * so a student can hold the picture against the source.
 *
 * The many-per-page objects (anon structs, page_t, HAT entries, slot arrays) live in typed
 * arrays indexed by id: fork of a 262,144-page segment must cost little more than copying
 * that many slot pointers, and a checkpoint of the whole state is a handful of array copies.
 * Ids start at 1 so that 0 can mean NULL, as a NULL pointer does in the kernel.
 */

/** Protection bits, as PROT_READ/PROT_WRITE/PROT_EXEC. */
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
export const PROT_ALL = 7;

/** vpage byte: low 3 bits are the page's prot; this bit says swap is reserved for it. */
export const VPP_SWAPRES = 8;
export const VPP_PROT = 7;

export type SegSource = "zero" | "anon" | "file" | "heap" | "stack" | "text" | "data";

/** struct seg + struct segvn_data, flattened: one contiguous range of one process. */
export interface Seg {
  /** the scenario's name for the mapping this piece came from */
  name: string;
  /** mapping page number of this piece's first page (stays valid across splits) */
  first: number;
  /** s_base as a virtual page number */
  base: number;
  /** s_size in pages */
  pages: number;
  /** svd->vp: index into VmState.files, or -1 for anonymous memory (vp == NULL) */
  vp: number;
  /** svd->offset in pages into vp */
  offset: number;
  shared: boolean;
  prot: number;
  maxprot: number;
  /** svd->vpage: per-page prot and swap-reserved bit, or null while pageprot == 0 && pageswap == 0 */
  vpage: Uint8Array | null;
  pageprot: boolean;
  pageswap: boolean;
  /** svd->amp: anon_map id, 0 for NULL */
  amp: number;
  anon_index: number;
  /** svd->swresv in pages */
  swresv: number;
  noreserve: boolean;
  source: SegSource;
}

/** struct anon_hdr: the slot array, flat or two-level as anon_create chooses. */
export interface AnonHdr {
  /** number of slots */
  size: number;
  /** 1: array_chunk is the slot array; 2: array_chunk holds chunk pointers */
  levels: 1 | 2;
  flat: Int32Array | null;
  chunks: (Int32Array | null)[];
}

/** struct anon_map */
export interface AnonMap {
  id: number;
  /** how many segments point at this amp */
  refcnt: number;
  /** amp->size in pages */
  size: number;
  /** amp->swresv in pages (shared anon objects only) */
  swresv: number;
  ahp: AnonHdr;
}

/** The anon structs, one column per field (ids never reused in a run). */
interface AnonStore {
  an_refcnt: Int32Array;
  /** page_t id of the page named (swapfs, an_off), 0 when not resident (the page hash lookup) */
  an_page: Int32Array;
  /** an_pvp/an_poff: swap device slot, 0 when the page has no disk copy */
  an_pslot: Int32Array;
  next: number;
  live: number;
}

export const P_FREE = 0;
export const P_ANON = 1;
export const P_FILE = 2;

/** page_t, one column per field. A page id names one identity for its life. */
interface PageStore {
  /** P_FREE once the identity is gone, P_ANON (swapfs name) or P_FILE */
  kind: Uint8Array;
  /** anon id for P_ANON, file index for P_FILE */
  owner: Int32Array;
  /** page index in the file (P_FILE) */
  index: Int32Array;
  pfn: Int32Array;
  /** p_mapping: head of this page's hment list (translations), 0 when unmapped */
  mapping: Int32Array;
  /** software copy of the ref/mod bits */
  mod: Uint8Array;
  ref: Uint8Array;
  /**
   * 1 while the page is free on the cachelist (PP_ISFREE with a vnode): it keeps its name and
   * page_lookup can take it back with no I/O until page_create_va reuses its frame.
   */
  cached: Uint8Array;
  /** where the page was last put in `cacheq` (a queue entry is stale unless it matches) */
  cqAt: Int32Array;
  next: number;
  live: number;
  /** the cachelist in the order pages were freed to it (page ids; stale entries skipped) */
  cacheq: Int32Array;
  cqHead: number;
  cqTail: number;
  /** pages on the cachelist now */
  nCached: number;
  /** the page hash for file pages: fileIndex * 2^25 + page -> page id */
  fileHash: Map<number, number>;
  /** pfn -> page id holding it (0: free frame); grows as frames are first used */
  byPfn: Int32Array;
  /** frames freed after use, as a stack; frames never used yet start at nextPfn */
  freePfns: Int32Array;
  nFree: number;
  /** frames [nextPfn, ramPages) have never been used: memory costs only what is touched */
  nextPfn: number;
}

/** HAT mapping entries (hment), linked per page so pageout can unload every translation. */
interface HmentStore {
  proc: Int32Array;
  vpn: Float64Array;
  next: Int32Array;
  /** head of the free hment list */
  free: number;
  top: number;
}

/** One HAT page table of 512 entries: the frame each translation points at, and its prot. */
export interface HatChunk {
  page: Int32Array;
  prot: Uint8Array;
}

export const HAT_CHUNK = 512;

export interface Proc {
  name: string;
  pid: number;
  alive: boolean;
  /** what pmap prints after the pid */
  psargs: string;
  /** sorted by base: the as's AVL tree of segments */
  segs: Seg[];
  /** a_hat: vpn / HAT_CHUNK -> chunk */
  hat: Map<number, HatChunk>;
  /** p_brkbase / p_brksize (vpn, pages); brkbase is -1 until the first brk */
  brkbase: number;
  brksize: number;
  /** p_usrstack (vpn, exclusive top) and p_stksize in pages */
  usrstack: number;
  stksize: number;
  /** the vpn that stack page 0 names: the bottom of the stack (it moves down when the stack grows) */
  stackOrigin: number;
  /** where the next mmap goes (top-down placement) */
  mmapTop: number;
}

interface SwapState {
  /** k_anoninfo, in pages */
  ani_max: number;
  ani_phys_resv: number;
  ani_mem_resv: number;
  availrmem: number;
  swapfs_minfree: number;
  swapfs_reserve: number;
  /** the one physical swap device: slot 0 is the label, 1 = in use */
  slots: Uint8Array;
  nfree: number;
  hint: number;
}

interface FileObj {
  path: string;
  pages: number;
}

export interface VmState {
  a: ArchInfo;
  ramPages: number;
  swapPages: number;
  files: FileObj[];
  procs: Proc[];
  amps: Map<number, AnonMap>;
  nextAmp: number;
  nextPid: number;
  anon: AnonStore;
  page: PageStore;
  hm: HmentStore;
  swap: SwapState;
  /** the page daemon's clock hand (a pfn) */
  hand: number;
}

export interface VmEvent {
  fn: string;
  src: string;
  say: string;
  /** index of this event among all the step emitted (folded ones included): a replay stops here */
  raw: number;
  /**
   * Call depth: 0 for the step's outermost function (a trap, a system call, the page daemon);
   * an event at depth d + 1 right after one at depth d is a function that one called (directly
   * or through functions that show no event). Callers always come before their callees.
   */
  depth: number;
  refs?: EventRefs;
}

export type StepResult = "ok" | "ENOMEM" | "EAGAIN" | "EINVAL" | "EACCES" | "SIGSEGV" | "SIGBUS";
