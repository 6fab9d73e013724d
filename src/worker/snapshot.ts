/**
 * Builds the wire snapshot (protocol.ts) straight from engine state, read-only. What it costs
 * to send does not grow with the state: small segments travel page by page, big ones as
 * bucketed counts; the anon and frame tables travel whole only while small, else as the few
 * records the screen can show one by one; physical memory and the swap device come as
 * buckets. A zoomed view reads a window of a big segment (buildWindow), capped to its cells.
 */
import { hexAddr } from "../engine/arch";
import { chunkCount } from "../engine/anon_hdr";
import { buildDoc } from "../engine/report/doc";
import { pmapLines, pmapText, swapLText, swapSText, type PmapLine } from "../engine/report/text";
import { mergeXmap, prgetxmap, type XmapRow } from "../engine/report/xmap";
import { protName } from "../engine/segs";
import { swapFigures } from "../engine/swap";
import {
  HAT_CHUNK,
  P_ANON,
  P_FILE,
  PROT_WRITE,
  type AnonMap,
  type Proc,
  type Seg,
  type VmState,
} from "../engine/types";
import {
  FK_ANON,
  FK_FILE,
  PHYS_ANON,
  PHYS_FILE,
  PHYS_STRIDE,
  PS_ANON,
  PS_EMPTY,
  PS_FILE,
  PS_SHARED,
  PS_SWAPPED,
  SUMMARY_MAPPED,
  SUMMARY_STRIDE,
  SUMMARY_WRITABLE,
  WINDOW_CELLS_MAX,
  WINDOW_ROWS_MAX,
  type AmpSnap,
  type AnonTable,
  type FrameTable,
  type PhysSummary,
  type Position,
  type ProcSnap,
  type SegSnap,
  type SegSummary,
  type SegTotals,
  type SegWindow,
  type Snapshot,
  type SwapUse,
  type WindowPages,
  type WindowQuery,
  type WindowRow,
} from "./protocol";

/** Segments up to this many pages are sent page by page. */
export const SEG_DETAIL_MAX = 4096;
/** Bigger segments are summarised in at most this many buckets. */
export const SUMMARY_BUCKETS = 2048;
/** Anon and frame tables with up to this many ids travel whole; bigger ones sparse. */
export const DENSE_MAX = 8192;
/** Swap slots listed one by one (the rest only counted in buckets). */
export const SWAP_LIST_MAX = 2000;
/** Frames with an identity carried one by one when there are at most this many. */
export const FRAME_LIST_MAX = 2000;
export const PHYS_BUCKETS = 1024;
export const SWAP_BUCKETS = 1024;

/** Objects the snapshot must carry whatever the state's size (the current step's). */
export interface Extra {
  readonly anons: readonly number[];
  readonly frames: readonly number[];
}

const NO_EXTRA: Extra = { anons: [], frames: [] };

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
  const h = s.amp ? st.amps.get(s.amp)?.ahp : undefined;
  const chunk = st.a.anonChunkSize;
  const end = Math.min(s.pages, from + n);
  let i = Math.max(0, from);
  while (i < end) {
    const si = s.anon_index + i;
    let slots: Int32Array | null = null;
    let soff = 0;
    let len = end - i;
    if (h && h.levels === 1) {
      slots = h.flat;
      soff = si;
    } else if (h) {
      const ci = Math.floor(si / chunk);
      slots = h.chunks[ci] ?? null;
      soff = si - ci * chunk;
      len = Math.min(len, chunk - soff);
    }
    const vpn = s.base + i;
    const key = Math.floor(vpn / HAT_CHUNK);
    const j0 = vpn - key * HAT_CHUNK;
    const c = p.hat.get(key);
    len = Math.min(len, HAT_CHUNK - j0);
    for (let k = 0; k < len; k++) {
      const ap = slots ? (slots[soff + k] ?? 0) : 0;
      const prot = c ? c.prot[j0 + k]! : 0;
      fn(i + k, ap, prot ? c!.page[j0 + k]! : 0, prot);
    }
    i += len;
  }
}

/** Bucketed counts of pages [from, from + n): SUMMARY_STRIDE counts per bucket. */
function summarise(st: VmState, p: Proc, s: Seg, from: number, n: number, cells: number): SegSummary {
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

/** segvn_incore's counts over a whole segment: pages with a resident anon, and of those mapped writable. */
export interface Incore {
  rss: number;
  anon: number;
}

function segSnap(st: VmState, p: Proc, s: Seg, label: string, incore?: Incore): SegSnap {
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
  const an_page = st.anon.an_page;
  let rss = 0;
  let anonW = 0;
  walkSeg(st, p, s, 0, s.pages, (i, ap, pg, prot) => {
    const state = pageState(st, ap, pg);
    if (ap) {
      filled++;
      if (an_page[ap]) {
        rss++;
        if (prot & PROT_WRITE) anonW++;
      }
    }
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
  if (incore) {
    incore.rss = rss;
    incore.anon = anonW;
  }
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

/** Anonymous segments at least this big get their pmap RSS and Anon counted by xmapOf. */
const FAST_INCORE_MIN = 4096;

/**
 * prgetxmap, with segvn_incore for big anonymous segments counted a chunk at a time. The
 * engine's version reads each page through anon_get_ptr and hat_get (a map lookup and an
 * object per page): about 25 ms per 1 GiB process, on every snapshot. The rows are the same
 * (worker.test.ts compares them with prgetxmap); the engine could adopt walkSeg's way instead.
 */
export function xmapOf(st: VmState, p: Proc, whole?: ReadonlyMap<Seg, Incore>): XmapRow[] {
  const fast = new Set(p.segs.filter((s) => s.vp < 0 && s.amp && s.pages >= FAST_INCORE_MIN));
  if (fast.size === 0) return prgetxmap(st, p);
  // with amp NULL (and no vnode) prgetxmap skips segvn_incore for these segments
  const rows = prgetxmap(st, { ...p, segs: p.segs.map((s) => (fast.has(s) ? { ...s, amp: 0 } : s)) });
  return rows.map((r) => {
    const s = [...fast].find((g) => r.vpn >= g.base && r.vpn < g.base + g.pages);
    if (!s) return r;
    // one row for the whole segment: the counts segSnap's walk already made
    const w = r.pages === s.pages ? whole?.get(s) : undefined;
    if (w) return { ...r, rss: w.rss, anon: w.anon };
    let rss = 0;
    let anon = 0;
    walkSeg(st, p, s, r.vpn - s.base, r.pages, (_i, ap, _pg, prot) => {
      if (!ap || !st.anon.an_page[ap]) return;
      rss++;
      if (prot & PROT_WRITE) anon++;
    });
    return { ...r, rss, anon };
  });
}

/** The process's segments and its pmap lines, from one prgetxmap walk. */
function procSnap(st: VmState, p: Proc): { snap: ProcSnap; pmap: PmapLine[] | null } {
  if (!p.alive) return { snap: { name: p.name, pid: p.pid, alive: false, segs: [] }, pmap: null };
  const whole = new Map<Seg, Incore>();
  const segs = p.segs.map((s) => {
    const c: Incore = { rss: 0, anon: 0 };
    whole.set(s, c);
    return segSnap(st, p, s, "", c);
  });
  const rows = xmapOf(st, p, whole);
  const labels = new Map<number, string>();
  for (const r of rows) if (!labels.has(r.vpn)) labels.set(r.vpn, r.mapped);
  return {
    snap: {
      name: p.name,
      pid: p.pid,
      alive: true,
      segs: segs.map((g) => ({ ...g, label: labels.get(g.vpn) ?? "[ anon ]" })),
    },
    pmap: pmapLines(mergeXmap(rows, st.a.pageSize), st.a.pageSize, st.a.pageShift),
  };
}

/** Per chunk of a two-level anon_hdr: used slots, or -1 for a NULL chunk pointer. */
function chunkFill(m: AnonMap): Int16Array | null {
  if (m.ahp.levels === 1) return null;
  const out = new Int16Array(m.ahp.chunks.length);
  m.ahp.chunks.forEach((c, i) => {
    if (!c) {
      out[i] = -1;
      return;
    }
    let n = 0;
    for (let k = 0; k < c.length; k++) if (c[k]) n++;
    out[i] = n;
  });
  return out;
}

const sortedIds = (want: Set<number>, next: number): Int32Array =>
  Int32Array.from([...want].filter((x) => x > 0 && x < next)).sort();

/** The anon table: whole while small, else only the ids in `want` (null: whole). */
export function anonTable(st: VmState, want: Set<number> | null): AnonTable {
  const an = st.anon;
  if (!want) {
    return {
      count: an.next,
      live: an.live,
      ids: null,
      refcnt: an.an_refcnt.slice(0, an.next),
      frame: an.an_page.slice(0, an.next),
      swapSlot: an.an_pslot.slice(0, an.next),
    };
  }
  const ids = sortedIds(want, an.next);
  const refcnt = new Int32Array(ids.length);
  const frame = new Int32Array(ids.length);
  const swapSlot = new Int32Array(ids.length);
  ids.forEach((a, r) => {
    refcnt[r] = an.an_refcnt[a]!;
    frame[r] = an.an_page[a]!;
    swapSlot[r] = an.an_pslot[a]!;
  });
  return { count: an.next, live: an.live, ids, refcnt, frame, swapSlot };
}

const fkOf = (k: number): number => (k === P_ANON ? FK_ANON : k === P_FILE ? FK_FILE : 0);

/** The page_t table: whole while small, else only the ids in `want`. */
export function frameTable(st: VmState, want: Set<number> | null): FrameTable {
  const pg = st.page;
  const n = pg.next;
  const ids = want ? sortedIds(want, n) : null;
  const rows = ids ? ids.length : n;
  const kind = new Uint8Array(rows);
  const owner = new Int32Array(rows);
  const offset = new Int32Array(rows);
  const pfn = new Int32Array(rows);
  const mapped = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const i = ids ? ids[r]! : r;
    if (i === 0) continue;
    const k = pg.kind[i]!;
    kind[r] = fkOf(k);
    owner[r] = pg.owner[i]!;
    offset[r] = k === P_ANON ? pg.owner[i]! : k === P_FILE ? pg.index[i]! : 0;
    pfn[r] = pg.pfn[i]!;
    mapped[r] = pg.mapping[i] ? 1 : 0;
  }
  return { count: n, ids, kind, owner, offset, pfn, mapped };
}

function physSummary(st: VmState): PhysSummary {
  const pg = st.page;
  const per = Math.max(1, Math.ceil(st.ramPages / PHYS_BUCKETS));
  const buckets = Math.max(1, Math.ceil(st.ramPages / per));
  const counts = new Uint32Array(buckets * PHYS_STRIDE);
  const perFile = new Array<number>(st.files.length).fill(0);
  let anon = 0;
  let file = 0;
  let cached = 0;
  for (let i = 1; i < pg.next; i++) {
    const k = pg.kind[i];
    if (k !== P_ANON && k !== P_FILE) continue;
    const b = Math.min(buckets - 1, Math.floor(pg.pfn[i]! / per)) * PHYS_STRIDE;
    if (k === P_ANON) {
      anon++;
      counts[b + PHYS_ANON]!++;
    } else {
      file++;
      counts[b + PHYS_FILE]!++;
      perFile[pg.owner[i]!]!++;
      if (!pg.mapping[i]) cached++;
    }
  }
  return { used: anon + file, anon, file, cached, perFile, buckets, pfnsPerBucket: per, counts };
}

/** Swap slots in use (by live anons): the first SWAP_LIST_MAX by slot number, and buckets. */
function swapUse(st: VmState): SwapUse {
  const an = st.anon;
  const per = Math.max(1, Math.ceil(st.swapPages / SWAP_BUCKETS));
  const buckets = Math.max(1, Math.ceil(st.swapPages / per));
  const counts = new Uint32Array(buckets);
  let used = 0;
  for (let a = 1; a < an.next; a++) {
    const s = an.an_pslot[a]!;
    if (!s || an.an_refcnt[a]! <= 0) continue;
    used++;
    counts[Math.min(buckets - 1, Math.floor(s / per))]!++;
  }
  // below `limit` lie at least SWAP_LIST_MAX used slots (or all of them): sort only those
  let limit = Infinity;
  if (used > SWAP_LIST_MAX) {
    let acc = 0;
    for (let b = 0; b < buckets; b++) {
      acc += counts[b]!;
      if (acc >= SWAP_LIST_MAX) {
        limit = (b + 1) * per;
        break;
      }
    }
  }
  const pairs: number[] = [];
  for (let a = 1; a < an.next; a++) {
    const s = an.an_pslot[a]!;
    if (s && s < limit && an.an_refcnt[a]! > 0) pairs.push(s, a);
  }
  const order = Array.from({ length: pairs.length / 2 }, (_, k) => k).sort(
    (x, y) => pairs[2 * x]! - pairs[2 * y]!,
  );
  const n = Math.min(SWAP_LIST_MAX, order.length);
  const slots = new Int32Array(n);
  const anons = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    slots[k] = pairs[2 * order[k]!]!;
    anons[k] = pairs[2 * order[k]! + 1]!;
  }
  return { used, slots, anons, buckets, slotsPerBucket: per, counts };
}

/** Frames and anons linked to what is carried: an anon's page, an anon page's anon. */
function closeOver(st: VmState, anons: Set<number>, frames: Set<number>): void {
  for (const a of anons) if (a > 0 && a < st.anon.next && st.anon.an_page[a]) frames.add(st.anon.an_page[a]);
  for (const f of frames)
    if (f > 0 && f < st.page.next && st.page.kind[f] === P_ANON) anons.add(st.page.owner[f]!);
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
  const usable = st.swapPages - 1;
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
    window: null,
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

/** Per-page slots of pages [from, from + n) of one segment, with the anons and frames they name. */
function windowPages(
  st: VmState,
  p: Proc,
  s: Seg,
  from: number,
  n: number,
  anons: Set<number>,
  frames: Set<number>,
): WindowPages {
  const anon = new Int32Array(n);
  const refcnt = new Int32Array(n);
  const frame = new Int32Array(n);
  const hat = new Uint8Array(n);
  const state = new Uint8Array(n);
  walkSeg(st, p, s, from, n, (i, ap, pg, prot) => {
    const k = i - from;
    anon[k] = ap;
    refcnt[k] = ap ? st.anon.an_refcnt[ap]! : 0;
    frame[k] = pg;
    hat[k] = prot;
    state[k] = pageState(st, ap, pg);
    if (ap) anons.add(ap);
    if (pg) frames.add(pg);
  });
  return { kind: "pages", anon, refcnt, frame, hat, state };
}

/**
 * The window `q` asks for: per process, pages [from, from + count) of its piece of the mapping,
 * page by page when they fit in `cells`, else bucketed to `cells`.
 */
export function buildWindow(st: VmState, gen: number, pos: Position, seq: number, q: WindowQuery): SegWindow {
  const cells = Math.max(1, Math.min(WINDOW_CELLS_MAX, Math.floor(q.cells) || 1));
  const anons = new Set<number>();
  const frames = new Set<number>();
  const rows: WindowRow[] = [];
  for (const name of q.procs.slice(0, WINDOW_ROWS_MAX)) {
    const p = st.procs.find((x) => x.name === name && x.alive);
    const s = p?.segs.find((g) => g.name === q.seg.name && g.first === q.seg.first);
    if (!p || !s) continue;
    const from = Math.max(0, Math.min(s.pages, Math.floor(q.from) || 0));
    const count = Math.max(0, Math.min(s.pages - from, Math.floor(q.count) || 0));
    const detail =
      count <= cells
        ? windowPages(st, p, s, from, count, anons, frames)
        : summarise(st, p, s, from, count, cells);
    rows.push({ proc: p.name, first: s.first, pages: s.pages, from, count, detail });
  }
  closeOver(st, anons, frames);
  return {
    gen,
    pos,
    seq,
    query: q,
    rows,
    anons: anonTable(st, anons),
    frames: frameTable(st, frames),
  };
}

export { buildDoc };
