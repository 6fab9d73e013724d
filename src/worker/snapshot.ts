/**
 * Builds the wire snapshot (protocol.ts) straight from engine state, read-only. What it costs
 * to send does not grow with the state: small segments travel page by page, big ones as
 * bucketed counts; the anon and frame tables travel whole only while small, else as the few
 * records the screen can show one by one; physical memory and the swap device come as
 * buckets. A zoomed view reads a window of a big segment (buildWindow), capped to its cells.
 */
import { hexAddr } from "../engine/arch";
import { chunkCount } from "../engine/anon_hdr";
import { buildDoc, swapDocOf } from "../engine/report/doc";
import { pmapLines, pmapText, swapLText, swapSText } from "../engine/report/text";
import { type PmapLine } from "../contract/doc";
import { mappedName, mergeXmap, prgetxmap, type XmapRow } from "../engine/report/xmap";
import { protName, segGrantedProt } from "../engine/segs";
import { deviceUsable, swapFigures } from "../engine/swap";
import { PROT_WRITE, type Proc, type Seg, type VmState } from "../engine/types";
import {
  PS_FILE,
  PS_SHARED,
  PS_SWAPPED,
  SUMMARY_MAPPED,
  SUMMARY_STRIDE,
  SUMMARY_WRITABLE,
  type AmpSnap,
  type Position,
  type ProcSnap,
  type SegSnap,
  type SegTotals,
  type Snapshot,
} from "../contract/wire/protocol";
import {
  anonTable,
  chunkFill,
  closeOver,
  DENSE_MAX,
  FRAME_LIST_MAX,
  frameTable,
  physSummary,
  swapUse,
} from "./records";
import { pageState, walkSeg } from "./walk";

/** Segments up to this many pages are sent page by page. */
export const SEG_DETAIL_MAX = 4096;
/** Bigger segments are summarised in at most this many buckets. */
const SUMMARY_BUCKETS = 2048;

/** Objects the snapshot must carry whatever the state's size (the current step's). */
export interface Extra {
  readonly anons: readonly number[];
  readonly frames: readonly number[];
}

const NO_EXTRA: Extra = { anons: [], frames: [] };

/** What a segment maps, as the JSON document names it: a file's path, /dev/zero or anon. */
export function sourceOf(st: VmState, s: Seg): string {
  if (s.vp >= 0) return st.files[s.vp]!.path;
  return s.source === "zero" ? "/dev/zero" : s.source === "anon" ? "anon" : s.source;
}

function segSnap(st: VmState, p: Proc, s: Seg, label: string): SegSnap {
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  const detailed = s.pages <= SEG_DETAIL_MAX;
  const anon = detailed ? new Int32Array(s.pages) : null;
  const frame = detailed ? new Int32Array(s.pages) : null;
  const hat = detailed ? new Uint8Array(s.pages) : null;
  let filled = 0;
  let shared = 0;
  let swapped = 0;
  let mapped = 0;
  let file = 0;
  const perBucket = detailed ? 1 : Math.ceil(s.pages / Math.min(SUMMARY_BUCKETS, s.pages));
  const buckets = detailed ? 0 : Math.ceil(s.pages / perBucket);
  const counts = detailed ? null : new Uint32Array(buckets * SUMMARY_STRIDE);
  walkSeg(st, p, s, 0, s.pages, (i, ap, pg, prot) => {
    const state = pageState(st, ap, pg);
    if (ap) filled++;
    if (state === PS_SHARED) shared++;
    else if (state === PS_SWAPPED) swapped++;
    else if (state === PS_FILE) file++;
    if (prot) mapped++;
    if (anon) {
      anon[i] = ap;
      frame![i] = pg;
      hat![i] = prot;
    } else {
      const b = Math.floor(i / perBucket) * SUMMARY_STRIDE;
      counts![b + state]!++;
      if (prot) {
        counts![b + SUMMARY_MAPPED]!++;
        if (prot & PROT_WRITE) counts![b + SUMMARY_WRITABLE]!++;
      }
    }
  });
  const totals: SegTotals = { filled, shared, swapped, mapped, file };
  return {
    name: s.name,
    first: s.first,
    base: hexAddr(s.base, st.a),
    vpn: s.base,
    pages: s.pages,
    prot: protName(segGrantedProt(s)),
    share: s.shared ? "shared" : "private",
    noreserve: s.noreserve,
    source: sourceOf(st, s),
    offset: s.vp >= 0 ? s.offset : 0,
    amp: amp ? amp.id : 0,
    anonIndex: s.anon_index,
    label,
    totals,
    detail:
      anon && frame && hat
        ? { kind: "pages", anon, frame, hat }
        : { kind: "summary", buckets, pagesPerBucket: perBucket, counts: counts! },
  };
}

/**
 * prgetxmap, the engine's own: it counts segvn_incore a chunk of the anon_hdr and a page table
 * of the HAT at a time (about 1 ms per 1 GiB process), so the worker no longer needs a faster
 * pass of its own. Kept as the name worker.test.ts checks the rows under.
 */
export function xmapOf(st: VmState, p: Proc): XmapRow[] {
  return prgetxmap(st, p);
}

/** The process's segments and its pmap lines, from one prgetxmap walk. */
function procSnap(st: VmState, p: Proc): { snap: ProcSnap; pmap: PmapLine[] | null } {
  if (!p.alive) return { snap: { name: p.name, pid: p.pid, alive: false, segs: [] }, pmap: null };
  const segs = p.segs.map((s) => segSnap(st, p, s, ""));
  const rows = xmapOf(st, p);
  const labels = new Map<number, string>();
  for (const r of rows) if (!labels.has(r.vpn)) labels.set(r.vpn, r.mapped);
  return {
    snap: {
      name: p.name,
      pid: p.pid,
      alive: true,
      // a segment with no row at its base (past the end of its file, an untouched NORESERVE
      // page) is named as pmap would name it
      segs: segs.map((g, i) => ({
        ...g,
        label: labels.get(g.vpn) ?? mappedName(st, p, p.segs[i]!, g.vpn, p.segs[i]!.pages),
      })),
    },
    pmap: pmapLines(mergeXmap(rows, st.a.pageSize), st.a.pageSize, st.a.pageShift),
  };
}

export function buildSnapshot(st: VmState, gen: number, pos: Position, extra: Extra = NO_EXTRA): Snapshot {
  const built = st.procs.map((p) => procSnap(st, p));
  const procs = built.map((b) => b.snap);
  const phys = physSummary(st);
  const swapU = swapUse(st);
  const denseAnons = st.anon.next <= DENSE_MAX;
  const denseFrames = st.page.next <= DENSE_MAX;
  let wantA: Set<number> | null = null;
  let wantF: Set<number> | null = null;
  if (!denseAnons || !denseFrames) {
    wantA = new Set(extra.anons);
    wantF = new Set(extra.frames);
    for (const p of procs)
      for (const g of p.segs) {
        if (g.detail.kind !== "pages") continue;
        for (const a of g.detail.anon) if (a) wantA.add(a);
        for (const f of g.detail.frame) if (f) wantF.add(f);
      }
    for (const a of swapU.anons) wantA.add(a);
    if (phys.used <= FRAME_LIST_MAX)
      for (let i = 1; i < st.page.next; i++) if (st.page.kind[i] !== 0) wantF.add(i);
    closeOver(st, wantA, wantF);
  }
  const amps: AmpSnap[] = [...st.amps.values()]
    .sort((a, b) => a.id - b.id)
    .map((m) => ({
      id: m.id,
      refcnt: m.refcnt,
      pages: m.size,
      slots: m.ahp.size,
      levels: m.ahp.levels,
      chunks: chunkCount(m.ahp),
      chunkSlots: st.a.anonChunkSize,
      chunkFill: chunkFill(m),
    }));
  const f = swapFigures(st);
  const usable = deviceUsable(st);
  const pmap: Record<string, PmapLine[]> = {};
  const pmapX: Record<string, string> = {};
  st.procs.forEach((p, i) => {
    const lines = built[i]!.pmap;
    if (!lines) return;
    pmap[p.name] = lines;
    pmapX[p.name] = pmapText(p.pid, p.psargs, lines);
  });
  return {
    kind: "full",
    gen,
    pos,
    arch: st.a.arch,
    pageSize: st.a.pageSize,
    ramPages: st.ramPages,
    files: st.files.map((x) => x.path),
    procs,
    amps,
    anons: anonTable(st, denseAnons ? null : wantA),
    frames: frameTable(st, denseFrames ? null : wantF),
    phys,
    swapUse: swapU,
    swap: swapDocOf(st, f),
    pmap,
    text: {
      swapS: swapSText(f, st.a.pageSize),
      swapL: swapLText(usable, st.swap.nfree, st.a.pageSize),
      pmapX,
    },
  };
}

export { buildWindow } from "./window";
export { pageState, walkSeg } from "./walk";
export { DENSE_MAX, FRAME_LIST_MAX, SWAP_LIST_MAX } from "./records";
export { buildDoc };
