/**
 * A window of a mapping for a zoomed view: per process, the slots of a page range, page by
 * page while they fit the view's cells, else bucketed, with the anons and frames they name.
 */
import type { Proc, Seg, VmState } from "../engine/types";
import {
  WINDOW_CELLS_MAX,
  WINDOW_ROWS_MAX,
  type Position,
  type SegWindow,
  type WindowPages,
  type WindowQuery,
  type WindowRow,
} from "../contract/wire/protocol";
import { anonTable, closeOver, frameTable } from "./records";
import { pageState, summarise, walkSeg } from "./walk";

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
