/**
 * What the current kernel event is about: the objects its refs name, plus the ones its
 * sentence mentions (`pp:5`, `anon:2`), so the copy source of a COW fault lights up as well as
 * the new page. Cached per event.
 */
import type { EventRefs } from "../contract/events";
import type { EventInfo } from "../contract/wire/protocol";

export interface NowSet {
  readonly refs: EventRefs;
  readonly frames: ReadonlySet<number>;
  readonly anons: ReadonlySet<number>;
  /** a page copy (anon_private's ppcopy): from the old frame to the new one */
  readonly copy: { readonly from: number; readonly to: number } | null;
}

export const NO_NOW: NowSet = { refs: {}, frames: new Set(), anons: new Set(), copy: null };

const cache = new WeakMap<EventInfo, NowSet>();

const ids = (text: string, kind: string): number[] =>
  [...text.matchAll(new RegExp(`\\b${kind}:(\\d+)`, "g"))].map((m) => Number(m[1]));

export function nowOf(ev: EventInfo | null): NowSet {
  if (!ev) return NO_NOW;
  let n = cache.get(ev);
  if (n) return n;
  const refs = ev.refs ?? {};
  const frames = new Set(ids(ev.say, "pp"));
  const anons = new Set(ids(ev.say, "anon"));
  if (refs.frame) frames.add(refs.frame);
  if (refs.from) frames.add(refs.from);
  if (refs.anon) anons.add(refs.anon);
  let copy: NowSet["copy"] = null;
  // the event that makes a copy-on-write page names the page it copies from (refs.from)
  if (refs.from && refs.frame && refs.from !== refs.frame) copy = { from: refs.from, to: refs.frame };
  n = { refs, frames, anons, copy };
  cache.set(ev, n);
  return n;
}
