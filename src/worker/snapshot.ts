/**
 * Builds the wire snapshot (protocol.ts) straight from engine state, read-only. Small segments
 * travel as per-page typed arrays; big ones as bucketed counts, so a 1M-page mapping costs a
 * few kilobytes and never 1M objects.
 */
import { hexAddr } from "../engine/arch";
import { anon_get_ptr, chunkCount } from "../engine/anon_hdr";
import { buildDoc, pmapOf } from "../engine/report/doc";
import { pmapText, swapLText, swapSText } from "../engine/report/text";
import { prgetxmap } from "../engine/report/xmap";
import { protName } from "../engine/segs";
import { swapFigures } from "../engine/swap";
import { HAT_CHUNK, P_ANON, P_FILE, type Proc, type Seg, type VmState } from "../engine/types";
import {
  FK_ANON,
  FK_FILE,
  PAGE_STATES,
  PS_ANON,
  PS_EMPTY,
  PS_FILE,
  PS_SHARED,
  PS_SWAPPED,
  SUMMARY_STRIDE,
  type AmpSnap,
  type Position,
  type ProcSnap,
  type SegSnap,
  type SegTotals,
  type Snapshot,
} from "./protocol";

/** Segments up to this many pages are sent page by page. */
export const SEG_DETAIL_MAX = 4096;
/** Bigger segments are summarised in at most this many buckets. */
export const SUMMARY_BUCKETS = 2048;

function sourceOf(st: VmState, s: Seg): string {
  if (s.vp >= 0) return st.files[s.vp]!.path;
  return s.source === "zero" ? "/dev/zero" : s.source === "anon" ? "anon" : s.source;
}

/** The state a density strip colours a page with. */
export function pageState(st: VmState, anon: number, frame: number): number {
  if (anon) {
    if (!st.anon.an_page[anon] && st.anon.an_pslot[anon]) return PS_SWAPPED;
    if (st.anon.an_refcnt[anon]! > 1) return PS_SHARED;
    return PS_ANON;
  }
  return frame ? PS_FILE : PS_EMPTY;
}

function segSnap(st: VmState, p: Proc, s: Seg, label: string): SegSnap {
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  const chunk = st.a.anonChunkSize;
  const detailed = s.pages <= SEG_DETAIL_MAX;
  const anon = detailed ? new Int32Array(s.pages) : null;
  const frame = detailed ? new Int32Array(s.pages) : null;
  const hat = detailed ? new Uint8Array(s.pages) : null;
  const buckets = detailed ? 0 : Math.min(SUMMARY_BUCKETS, s.pages);
  const perBucket = detailed ? 1 : Math.ceil(s.pages / buckets);
  const counts = detailed ? null : new Uint32Array(buckets * SUMMARY_STRIDE);
  let filled = 0;
  let shared = 0;
  let swapped = 0;
  let mapped = 0;
  let file = 0;
  for (let i = 0; i < s.pages; i++) {
    const ap = amp ? anon_get_ptr(amp.ahp, s.anon_index + i, chunk) : 0;
    const vpn = s.base + i;
    const c = p.hat.get(Math.floor(vpn / HAT_CHUNK));
    const j = vpn % HAT_CHUNK;
    const prot = c ? c.prot[j]! : 0;
    const pg = prot ? c!.page[j]! : 0;
    const state = pageState(st, ap, pg);
    if (ap) filled++;
    if (state === PS_SHARED) shared++;
    else if (state === PS_SWAPPED) swapped++;
    else if (state === PS_FILE) file++;
    if (prot) mapped++;
    if (anon && frame && hat) {
      anon[i] = ap;
      frame[i] = pg;
      hat[i] = prot;
    } else if (counts) {
      const b = Math.floor(i / perBucket) * SUMMARY_STRIDE;
      counts[b + state]!++;
      if (prot) counts[b + PAGE_STATES]!++;
    }
  }
  const totals: SegTotals = { filled, shared, swapped, mapped, file };
  return {
    name: s.name,
    first: s.first,
    base: hexAddr(s.base, st.a),
    vpn: s.base,
    pages: s.pages,
    prot: protName(s.prot),
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

function procSnap(st: VmState, p: Proc): ProcSnap {
  if (!p.alive) return { name: p.name, pid: p.pid, alive: false, segs: [] };
  const labels = new Map<number, string>();
  for (const r of prgetxmap(st, p)) if (!labels.has(r.vpn)) labels.set(r.vpn, r.mapped);
  return {
    name: p.name,
    pid: p.pid,
    alive: true,
    segs: p.segs.map((s) => segSnap(st, p, s, labels.get(s.base) ?? "[ anon ]")),
  };
}

export function buildSnapshot(st: VmState, gen: number, pos: Position): Snapshot {
  const an = st.anon;
  const pg = st.page;
  const n = pg.next;
  const mapped = new Uint8Array(n);
  const offset = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    mapped[i] = pg.mapping[i] ? 1 : 0;
    offset[i] = pg.kind[i] === P_ANON ? pg.owner[i]! : pg.kind[i] === P_FILE ? pg.index[i]! : 0;
  }
  const kind = pg.kind.slice(0, n);
  for (let i = 0; i < n; i++) kind[i] = kind[i] === P_ANON ? FK_ANON : kind[i] === P_FILE ? FK_FILE : 0;
  const amps: AmpSnap[] = [...st.amps.values()]
    .sort((a, b) => a.id - b.id)
    .map((m) => ({
      id: m.id,
      refcnt: m.refcnt,
      pages: m.size,
      slots: m.ahp.size,
      levels: m.ahp.levels,
      chunks: chunkCount(m.ahp),
    }));
  const f = swapFigures(st);
  const usable = st.swapPages - 1;
  const pmap: Record<string, ReturnType<typeof pmapOf>> = {};
  const pmapX: Record<string, string> = {};
  for (const p of st.procs) {
    if (!p.alive) continue;
    const lines = pmapOf(st, p);
    pmap[p.name] = lines;
    pmapX[p.name] = pmapText(p.pid, p.psargs, lines);
  }
  return {
    kind: "full",
    gen,
    pos,
    arch: st.a.arch,
    pageSize: st.a.pageSize,
    ramPages: st.ramPages,
    files: st.files.map((x) => x.path),
    procs: st.procs.map((p) => procSnap(st, p)),
    amps,
    anons: {
      count: an.next,
      refcnt: an.an_refcnt.slice(0, an.next),
      frame: an.an_page.slice(0, an.next),
      swapSlot: an.an_pslot.slice(0, an.next),
    },
    frames: {
      count: n,
      kind,
      owner: pg.owner.slice(0, n),
      offset,
      pfn: pg.pfn.slice(0, n),
      mapped,
    },
    swap: {
      reservedPages: f.reserved,
      allocatedPages: f.allocated,
      usedPages: f.used,
      availablePages: f.available,
      deviceSlots: usable,
      deviceSlotsUsed: usable - st.swap.nfree,
    },
    pmap,
    text: {
      swapS: swapSText(f, st.a.pageSize),
      swapL: swapLText(usable, st.swap.nfree, st.a.pageSize),
      pmapX,
    },
  };
}

export { buildDoc };
