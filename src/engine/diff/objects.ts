import { pageName } from "../page";
import { chunkCount } from "../anon_hdr";
import { P_FREE, type AnonMap, type VmState } from "../types";
import { Group, n, Parts } from "./change";
import { type Part } from "../../contract/change";

const swapfsName = (st: VmState, ap: number): string => `swapfs, 0x${(ap * st.a.pageSize).toString(16)}`;

/**
 * The anon structs, anon_maps and page_t's, by id (ids are never reused in a run, so the same id
 * in both states is the same object).
 */
export function diffObjects(a: VmState, b: VmState, keep: number): Part {
  const refcnt = new Group("refcnt", keep);
  const made = new Group("anon", keep);
  const freed = new Group("anon", keep);
  const slotted = new Group("anon", keep);
  const top = Math.max(a.anon.next, b.anon.next);
  for (let ap = 1; ap < top; ap++) {
    const was = ap < a.anon.next ? a.anon.an_refcnt[ap]! : 0;
    const now = ap < b.anon.next ? b.anon.an_refcnt[ap]! : 0;
    if (!was && now)
      made.add(() => ({
        kind: "anon",
        text: `anon:${ap} created (an_refcnt ${now}, ${swapfsName(b, ap)})`,
        refs: { anon: ap },
      }));
    else if (was && !now) freed.add(() => ({ kind: "anon", text: `anon:${ap} freed`, refs: {} }));
    else if (was !== now)
      refcnt.add(() => ({ kind: "refcnt", text: `an_refcnt anon:${ap} ${was}→${now}`, refs: { anon: ap } }));
    const sa = ap < a.anon.next && was ? a.anon.an_pslot[ap]! : 0;
    const sb = ap < b.anon.next && now ? b.anon.an_pslot[ap]! : 0;
    if (sa !== sb && now)
      slotted.add(() => ({
        kind: "anon",
        text: sb
          ? `anon:${ap} on swap slot ${sb}${sa ? ` (was slot ${sa})` : ""}`
          : `anon:${ap}'s swap slot ${sa} freed`,
        refs: { anon: ap, ...(sb ? { swapSlot: sb } : {}) },
      }));
  }
  const out = new Parts();
  out.add(
    refcnt.done((c) => ({ kind: "refcnt", text: `an_refcnt changed on ${n(c)} more anons`, refs: {} })),
  );
  out.add(made.done((c) => ({ kind: "anon", text: `${n(c)} more anons created`, refs: {} })));
  out.add(freed.done((c) => ({ kind: "anon", text: `${n(c)} more anons freed`, refs: {} })));
  out.add(slotted.done((c) => ({ kind: "anon", text: `${n(c)} more anons changed swap slot`, refs: {} })));

  for (const [id, m] of b.amps) {
    const was = a.amps.get(id);
    if (!was) out.push({ kind: "amp", text: `amp:${id} created (${n(m.size)} pages)`, refs: { amp: id } });
    else {
      const what = ampChanges(was, m);
      if (what.length) out.push({ kind: "amp", text: `amp:${id} ${what.join(", ")}`, refs: { amp: id } });
    }
  }
  for (const id of a.amps.keys())
    if (!b.amps.has(id)) out.push({ kind: "amp", text: `amp:${id} freed`, refs: {} });

  out.add(diffPages(a, b, keep));
  return out.part;
}

/** What differs in one anon_map: its count, its size, its anon_hdr (levels, chunks allocated). */
function ampChanges(a: AnonMap, b: AnonMap): string[] {
  const out: string[] = [];
  if (a.refcnt !== b.refcnt) out.push(`refcnt ${a.refcnt}→${b.refcnt}`);
  if (a.size !== b.size) out.push(`${n(a.size)}→${n(b.size)} pages`);
  if (a.ahp.size !== b.ahp.size) out.push(`anon_hdr ${n(a.ahp.size)}→${n(b.ahp.size)} slots`);
  if (a.ahp.levels !== b.ahp.levels) out.push(`anon_hdr ${a.ahp.levels}→${b.ahp.levels} levels`);
  const ca = chunkCount(a.ahp);
  const cb = chunkCount(b.ahp);
  if (ca !== cb) out.push(`${n(ca)}→${n(cb)} slot chunks allocated`);
  return out;
}

/** page_t's: a name made or lost, a page put on or taken off the cachelist. */
function diffPages(a: VmState, b: VmState, keep: number): Part {
  const made = new Group("page", keep);
  const gone = new Group("page", keep);
  const cache = new Group("page", keep);
  const top = Math.max(a.page.next, b.page.next);
  for (let id = 1; id < top; id++) {
    const ka = id < a.page.next ? a.page.kind[id]! : P_FREE;
    const kb = id < b.page.next ? b.page.kind[id]! : P_FREE;
    if (ka === P_FREE && kb !== P_FREE)
      made.add(() => ({
        kind: "page",
        text: `${pageName(b, id)} created in frame ${b.page.pfn[id]}`,
        refs: { frame: id },
      }));
    else if (ka !== P_FREE && kb === P_FREE)
      gone.add(() => ({
        kind: "page",
        text: `${pageName(a, id)} gone: frame ${a.page.pfn[id]} reused or freed`,
        refs: {},
      }));
    else if (ka !== P_FREE && a.page.cached[id] !== b.page.cached[id])
      cache.add(() => ({
        kind: "page",
        text: b.page.cached[id]
          ? `${pageName(b, id)} freed to the cachelist (keeps its name)`
          : `${pageName(b, id)} reclaimed from the cachelist`,
        refs: { frame: id },
      }));
  }
  const out = new Parts();
  for (const [g, what] of [
    [made, "pages created"],
    [gone, "pages gone"],
    [cache, "pages on or off the cachelist"],
  ] as const) {
    out.add(g.done((c) => ({ kind: "page", text: `${n(c)} more ${what}`, refs: {} })));
  }
  return out.part;
}
