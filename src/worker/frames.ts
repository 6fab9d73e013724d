/**
 * A window of physical memory for the zoomed Physical memory view: frames by pfn, one by one
 * while they fit the view's cells, else bucketed, with the page_t and anon records of the
 * frames drawn one by one (their names: vnode, offset, an_refcnt).
 */
import { P_ANON, P_FILE, type VmState } from "../engine/types";
import { bucketSummary, clampSpan } from "./buckets";
import {
  FS_ANON,
  FS_CACHED,
  FS_FILE,
  FS_FREE,
  FS_SHARED,
  type FramePages,
  type FrameQuery,
  type FrameWindow,
  type Position,
  type SegSummary,
} from "../contract/wire/protocol";
import { anonTable, closeOver, frameTable } from "./records";

/** The page_t in frame pfn (0: free); frames past byPfn's length were never used. */
const pageIn = (st: VmState, pfn: number): number => st.page.byPfn[pfn] ?? 0;

/** The FS_* state of page_t id (0: a free frame). */
function frameState(st: VmState, id: number): number {
  const pg = st.page;
  if (!id) return FS_FREE;
  const k = pg.kind[id];
  if ((k === P_ANON || k === P_FILE) && pg.cached[id]) return FS_CACHED;
  if (k === P_ANON) return st.anon.an_refcnt[pg.owner[id]!]! > 1 ? FS_SHARED : FS_ANON;
  if (k === P_FILE) return FS_FILE;
  return FS_FREE;
}

/** Frames [q.from, q.from + q.count) at one position, per frame when they fit q.cells. */
export function buildFrameWindow(
  st: VmState,
  gen: number,
  pos: Position,
  seq: number,
  q: FrameQuery,
): FrameWindow {
  const { from, count, cells } = clampSpan(q, st.ramPages);
  const frames = new Set<number>();
  const anons = new Set<number>();
  let detail: FramePages | SegSummary;
  if (count <= cells) {
    const page = new Int32Array(count);
    const state = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      const id = pageIn(st, from + k);
      page[k] = id;
      state[k] = frameState(st, id);
      if (id) frames.add(id);
    }
    closeOver(st, anons, frames);
    detail = { kind: "frames", page, state };
  } else {
    // only frames ever used can hold a page; the rest of each bucket is free
    const used = Math.max(0, Math.min(count, st.page.byPfn.length - from));
    detail = bucketSummary(count, cells, FS_FREE, (add) => {
      for (let k = 0; k < used; k++) {
        const id = st.page.byPfn[from + k]!;
        if (id) add(k, frameState(st, id));
      }
    });
  }
  return {
    gen,
    pos,
    seq,
    query: q,
    from,
    count,
    detail,
    frames: frameTable(st, frames),
    anons: anonTable(st, anons),
  };
}
