/**
 * What a snapshot or a window carries besides the segments: the anon and page_t records
 * (whole while small, else only those wanted), the anon_hdr chunk fill, physical memory by
 * pfn and the swap device's slots in use, each bounded whatever the state's size.
 */
import { P_ANON, P_FILE, type AnonMap, type VmState } from "../engine/types";
import {
  FK_ANON,
  FK_FILE,
  PHYS_ANON,
  PHYS_FILE,
  PHYS_STRIDE,
  type AnonTable,
  type FrameTable,
  type PhysSummary,
  type SwapUse,
} from "../contract/wire/protocol";

/** Anon and frame tables with up to this many ids travel whole; bigger ones sparse. */
export const DENSE_MAX = 8192;
/** Swap slots listed one by one (the rest only counted in buckets). */
export const SWAP_LIST_MAX = 2000;
/** Frames with an identity carried one by one when there are at most this many. */
export const FRAME_LIST_MAX = 2000;
const PHYS_BUCKETS = 1024;
const SWAP_BUCKETS = 1024;

/** Per chunk of a two-level anon_hdr: used slots, or -1 for a NULL chunk pointer. */
export function chunkFill(m: AnonMap): Int16Array | null {
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
  const cached = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const i = ids ? ids[r]! : r;
    if (i === 0) continue;
    const k = pg.kind[i]!;
    kind[r] = fkOf(k);
    owner[r] = pg.owner[i]!;
    offset[r] = k === P_ANON ? pg.owner[i]! : k === P_FILE ? pg.index[i]! : 0;
    pfn[r] = pg.pfn[i]!;
    mapped[r] = pg.mapping[i] ? 1 : 0;
    cached[r] = pg.cached[i]!;
  }
  return { count: n, ids, kind, owner, offset, pfn, mapped, cached };
}

export function physSummary(st: VmState): PhysSummary {
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
    }
    if (pg.cached[i]) cached++;
  }
  return { used: anon + file, anon, file, cached, perFile, buckets, pfnsPerBucket: per, counts };
}

/** Swap slots in use (by live anons): the first SWAP_LIST_MAX by slot number, and buckets. */
export function swapUse(st: VmState): SwapUse {
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
export function closeOver(st: VmState, anons: Set<number>, frames: Set<number>): void {
  for (const a of anons) if (a > 0 && a < st.anon.next && st.anon.an_page[a]) frames.add(st.anon.an_page[a]);
  for (const f of frames)
    if (f > 0 && f < st.page.next && st.page.kind[f] === P_ANON) anons.add(st.page.owner[f]!);
}
