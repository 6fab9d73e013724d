/**
 * The objects and console cells a diff names, as sets the panels look their objects up in: the
 * diagrams mark what changed (in Compare mode: what differs from A) from these, never by
 * comparing pictures. Pure; built once per diff.
 */
import type { Change } from "../contract/change";

export interface MarkSet {
  readonly anons: ReadonlySet<number>;
  readonly frames: ReadonlySet<number>;
  readonly amps: ReadonlySet<number>;
  readonly swap: ReadonlySet<number>;
  /** markKey(proc, seg, page) of slots whose anon changed */
  readonly slots: ReadonlySet<string>;
  /** markKey(proc, seg, page) of pages whose translation changed */
  readonly hats: ReadonlySet<string>;
  /** "proc/seg" of segments mapped, resized, re-protected or given another amp */
  readonly segs: ReadonlySet<string>;
  readonly procs: ReadonlySet<string>;
  /** pmap -x cells: "proc/seg" → columns ("Kbytes", "RSS", "Anon") */
  readonly pmap: ReadonlyMap<string, ReadonlySet<string>>;
  /** swap -s and swap -l figures: "allocated", "reserved", "used", "available", "free" */
  readonly swapFigures: ReadonlySet<string>;
  readonly size: number;
}

/** A page of a mapping as the marks name it: process, mapping name, page number in the mapping. */
export const markKey = (proc: string, seg: string, page: number): string => `${proc}/${seg}/${page}`;

export const NO_MARKS: MarkSet = {
  anons: new Set(),
  frames: new Set(),
  amps: new Set(),
  swap: new Set(),
  slots: new Set(),
  hats: new Set(),
  segs: new Set(),
  procs: new Set(),
  pmap: new Map(),
  swapFigures: new Set(),
  size: 0,
};

const cache = new WeakMap<readonly Change[], MarkSet>();

export function markSetOf(items: readonly Change[]): MarkSet {
  const hit = cache.get(items);
  if (hit) return hit;
  const anons = new Set<number>();
  const frames = new Set<number>();
  const amps = new Set<number>();
  const swap = new Set<number>();
  const slots = new Set<string>();
  const hats = new Set<string>();
  const segs = new Set<string>();
  const procs = new Set<string>();
  const pmap = new Map<string, Set<string>>();
  const swapFigures = new Set<string>();
  for (const c of items) {
    const r = c.refs;
    const page = r.proc && r.seg && r.page !== undefined ? markKey(r.proc, r.seg, r.page) : null;
    switch (c.kind) {
      case "proc":
        if (r.proc) procs.add(r.proc);
        break;
      case "seg":
        if (r.proc && r.seg) segs.add(`${r.proc}/${r.seg}`);
        if (r.amp) amps.add(r.amp);
        break;
      case "slot":
        if (page) slots.add(page);
        if (r.anon) anons.add(r.anon);
        break;
      case "hat":
        if (page) hats.add(page);
        break;
      case "refcnt":
      case "anon":
        if (r.anon) anons.add(r.anon);
        if (r.swapSlot) swap.add(r.swapSlot);
        break;
      case "amp":
        if (r.amp) amps.add(r.amp);
        break;
      case "page":
        if (r.frame) frames.add(r.frame);
        break;
      case "swap":
        for (const f of c.fields ?? []) swapFigures.add(f);
        break;
      case "pmap":
        if (r.proc && r.seg) {
          const k = `${r.proc}/${r.seg}`;
          const cols = pmap.get(k) ?? new Set<string>();
          for (const f of c.fields ?? []) cols.add(f);
          pmap.set(k, cols);
        }
        break;
    }
  }
  const size =
    anons.size + frames.size + amps.size + swap.size + slots.size + hats.size + segs.size + procs.size;
  const m: MarkSet = { anons, frames, amps, swap, slots, hats, segs, procs, pmap, swapFigures, size };
  cache.set(items, m);
  return m;
}
