import type { Snapshot } from "./snapshot";
import type { AnonTable, FrameTable } from "./columns";
import type { SegWindow } from "./windows";
import type { ViewWindow } from "./views";
import type { Reply } from "./replies";

/** Buffers of a reply that can be transferred instead of copied. */
export function transferables(r: Reply): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | null | undefined): void => {
    if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  };
  const anonBufs = (an: AnonTable): void => {
    for (const a of [an.ids, an.refcnt, an.frame, an.swapSlot]) add(a);
  };
  const tables = (an: AnonTable, fr: FrameTable): void => {
    anonBufs(an);
    for (const a of [fr.ids, fr.kind, fr.owner, fr.offset, fr.pfn, fr.mapped]) add(a);
  };
  const win = (w: SegWindow): void => {
    tables(w.anons, w.frames);
    for (const row of w.rows) {
      const d = row.detail;
      if (d.kind === "pages") for (const a of [d.anon, d.refcnt, d.frame, d.hat, d.state]) add(a);
      else add(d.counts);
    }
  };
  const view = (v: ViewWindow): void => {
    if (v.kind === "pages") return win(v.window);
    if (v.kind === "frames") {
      const f = v.window;
      tables(f.anons, f.frames);
      if (f.detail.kind === "frames") for (const a of [f.detail.page, f.detail.state]) add(a);
      else add(f.detail.counts);
      return;
    }
    const w = v.window;
    anonBufs(w.anons);
    if (w.detail.kind === "slots") for (const a of [w.detail.anon, w.detail.state]) add(a);
    else add(w.detail.counts);
  };
  const snap = (s: Snapshot): void => {
    tables(s.anons, s.frames);
    add(s.phys.counts);
    for (const a of [s.swapUse.slots, s.swapUse.anons, s.swapUse.counts]) add(a);
    for (const m of s.amps) add(m.chunkFill);
    for (const p of s.procs)
      for (const g of p.segs) {
        if (g.detail.kind === "pages") for (const a of [g.detail.anon, g.detail.frame, g.detail.hat]) add(a);
        else add(g.detail.counts);
      }
  };
  if (r.type === "ahead") r.snapshots.forEach(snap);
  if (r.type === "loaded" || r.type === "snapshot") snap(r.snapshot);
  if (r.type === "loaded" || r.type === "snapshot" || r.type === "ahead" || r.type === "views")
    r.views?.forEach(view);
  return [...out];
}
