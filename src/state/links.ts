/**
 * What is linked to what in one snapshot: slot → anon → frame / swap slot, and each process's
 * page → the frame its translation points at. Hovering or selecting any object lights up the
 * whole set across the panels. Pure functions; the index is built once per snapshot.
 */
import { FK_ANON, type SegSnap, type SegWindow, type Snapshot } from "../contract/wire/protocol";
import { anonIn, frameIn } from "../contract/wire/tables";
import { segKey, type Focus } from "./store";

export interface LinkSet {
  readonly anons: ReadonlySet<number>;
  readonly frames: ReadonlySet<number>;
  readonly swap: ReadonlySet<number>;
  /** pageKey(proc, seg, i) of every page slot or translation involved */
  readonly pages: ReadonlySet<string>;
}

export const EMPTY_LINKS: LinkSet = {
  anons: new Set(),
  frames: new Set(),
  swap: new Set(),
  pages: new Set(),
};

export const pageKey = (proc: string, seg: string, i: number): string => `${proc}/${seg}/${i}`;

export const segKeyOf = (g: SegSnap): string => segKey({ name: g.name, first: g.first });

interface Index {
  byAnon: Map<number, string[]>;
  byFrame: Map<number, string[]>;
  bySwap: Map<number, number>;
  page: Map<string, { anon: number; frame: number }>;
}

const cache = new WeakMap<Snapshot, Index>();

function push(m: Map<number, string[]>, k: number, v: string): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

export function linkIndex(snap: Snapshot): Index {
  let ix = cache.get(snap);
  if (ix) return ix;
  ix = { byAnon: new Map(), byFrame: new Map(), bySwap: new Map(), page: new Map() };
  for (const p of snap.procs)
    for (const g of p.segs) {
      if (g.detail.kind !== "pages") continue;
      const sk = segKeyOf(g);
      const { anon, frame } = g.detail;
      for (let i = 0; i < g.pages; i++) {
        const a = anon[i]!;
        const f = frame[i]!;
        if (!a && !f) continue;
        const key = pageKey(p.name, sk, i);
        ix.page.set(key, { anon: a, frame: f });
        if (a) push(ix.byAnon, a, key);
        if (f) push(ix.byFrame, f, key);
      }
    }
  const su = snap.swapUse;
  for (let k = 0; k < su.slots.length; k++) ix.bySwap.set(su.slots[k]!, su.anons[k]!);
  cache.set(snap, ix);
  return ix;
}

const winCache = new WeakMap<Snapshot, WeakMap<SegWindow, Index>>();

/** linkIndex plus the slots of a zoomed window of a big mapping (the snapshot has no pages of it). */
function linkIndexWith(snap: Snapshot, win: SegWindow | null): Index {
  if (!win) return linkIndex(snap);
  let m = winCache.get(snap);
  if (!m) winCache.set(snap, (m = new WeakMap()));
  let ix = m.get(win);
  if (ix) return ix;
  const base = linkIndex(snap);
  const copy = (x: Map<number, string[]>) => new Map([...x].map(([k, v]) => [k, [...v]]));
  ix = {
    byAnon: copy(base.byAnon),
    byFrame: copy(base.byFrame),
    bySwap: base.bySwap,
    page: new Map(base.page),
  };
  for (const row of win.rows) {
    if (row.detail.kind !== "pages") continue;
    const sk = segKey({ name: win.query.seg.name, first: row.first });
    const { anon, frame } = row.detail;
    for (let k = 0; k < row.count; k++) {
      const a = anon[k]!;
      const f = frame[k]!;
      if (!a && !f) continue;
      const key = pageKey(row.proc, sk, row.from + k);
      ix.page.set(key, { anon: a, frame: f });
      if (a) push(ix.byAnon, a, key);
      if (f) push(ix.byFrame, f, key);
    }
  }
  m.set(win, ix);
  return ix;
}

/** Everything linked to `focus`, in the snapshot and in the zoomed window on screen (if any). */
export function linkedTo(snap: Snapshot | null, focus: Focus | null, win: SegWindow | null = null): LinkSet {
  if (!snap || !focus) return EMPTY_LINKS;
  const ix = linkIndexWith(snap, win);
  const anons = new Set<number>();
  const frames = new Set<number>();
  const swap = new Set<number>();
  const pages = new Set<string>();
  const addFrame = (f: number): void => {
    if (!f || frames.has(f)) return;
    frames.add(f);
    for (const k of ix.byFrame.get(f) ?? []) pages.add(k);
  };
  const addAnon = (a: number): void => {
    if (!a || anons.has(a) || a >= snap.anons.count) return;
    anons.add(a);
    for (const k of ix.byAnon.get(a) ?? []) pages.add(k);
    const info = anonIn(snap.anons, a) ?? (win ? anonIn(win.anons, a) : null);
    if (!info) return;
    addFrame(info.frame);
    if (info.swapSlot) swap.add(info.swapSlot);
  };
  switch (focus.kind) {
    case "anon":
      addAnon(focus.id);
      break;
    case "frame": {
      const f = focus.id;
      const fr = frameIn(snap.frames, f) ?? (win ? frameIn(win.frames, f) : null);
      if (fr?.kind === FK_ANON) addAnon(fr.owner);
      addFrame(f);
      break;
    }
    case "swap": {
      swap.add(focus.slot);
      addAnon(focus.anon ?? ix.bySwap.get(focus.slot) ?? 0);
      break;
    }
    case "page": {
      const key = pageKey(focus.proc, focus.seg, focus.page);
      pages.add(key);
      const pg = ix.page.get(key);
      if (pg) {
        addAnon(pg.anon);
        addFrame(pg.frame);
      }
      break;
    }
  }
  return { anons, frames, swap, pages };
}
