/**
 * What a frame marks as changed by its step (the app's amber "this event" outline), from the
 * refs of the engine's "What changed" items: the objects, slots and pages the diff names.
 */
import type { Diff } from "../../engine/diff";

export interface Marks {
  readonly anons: ReadonlySet<number>;
  readonly frames: ReadonlySet<number>;
  /** "P2/buf/1": a process's page of a mapping (counted from the mapping's start) */
  readonly pages: ReadonlySet<string>;
  /** "P2/buf": a segment that was made, cut or changed */
  readonly segs: ReadonlySet<string>;
  readonly amps: ReadonlySet<number>;
}

const NO_MARKS: Marks = {
  anons: new Set(),
  frames: new Set(),
  pages: new Set(),
  segs: new Set(),
  amps: new Set(),
};

export function marksOf(d: Diff | null): Marks {
  if (!d) return NO_MARKS;
  const anons = new Set<number>();
  const frames = new Set<number>();
  const pages = new Set<string>();
  const segs = new Set<string>();
  const amps = new Set<number>();
  for (const c of d.items) {
    const r = c.refs;
    if (r.anon) anons.add(r.anon);
    if (r.frame) frames.add(r.frame);
    if (r.amp) amps.add(r.amp);
    if (r.proc && r.seg && r.page !== undefined) pages.add(`${r.proc}/${r.seg}/${r.page}`);
    else if (r.proc && r.seg && (c.kind === "seg" || c.kind === "hat")) segs.add(`${r.proc}/${r.seg}`);
  }
  return { anons, frames, pages, segs, amps };
}
