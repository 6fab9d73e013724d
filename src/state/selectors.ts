/**
 * Selectors and small derivations over the store, defined once at module level so components
 * subscribe to stable functions.
 */
import type { EventRefs } from "../contract/events";
import type { EventInfo, ProcSnap, SegSnap, Snapshot } from "../contract/wire/protocol";
import { clampPos, eventAt } from "../contract/position";
import type { AppState, SegRef } from "./store";
import { targetProc, targetSeg } from "./target";

export { targetProc, targetSeg };

/** The event on screen: that of the snapshot's position (what the diagram shows). */
export function shownEvent(s: AppState): EventInfo | null {
  const snap = s.engine.snapshot;
  if (!snap) return null;
  return eventAt(s.engine.steps, clampPos(s.engine.steps, snap.pos));
}

export const aliveProcs = (snap: Snapshot | null): ProcSnap[] =>
  snap ? snap.procs.filter((p) => p.alive) : [];

/** The latest event so far in the shown step whose refs pass `want` (else the first after it). */
function stepRef(s: AppState, want: (r: EventRefs) => boolean, ahead: boolean): EventRefs | undefined {
  const snap = s.engine.snapshot;
  if (!snap) return undefined;
  const p = clampPos(s.engine.steps, snap.pos);
  if (p.step === 0) return undefined;
  const evs = s.engine.steps[p.step - 1]!.events;
  const last = p.event === -1 ? evs.length - 1 : p.event;
  for (let i = last; i >= 0; i--) if (evs[i]!.refs && want(evs[i]!.refs!)) return evs[i]!.refs;
  if (ahead)
    for (let i = last + 1; i < evs.length; i++) if (evs[i]!.refs && want(evs[i]!.refs!)) return evs[i]!.refs;
  return undefined;
}

const stepSegRef = (s: AppState) => stepRef(s, (r) => r.seg !== undefined, true);

/** The page the shown step is working on so far (the faulting page of a fault). */
export function stepPage(s: AppState): { proc: string; seg: string; page: number } | null {
  const r = stepRef(s, (x) => x.page !== undefined && x.proc !== undefined && x.seg !== undefined, false);
  return r ? { proc: r.proc!, seg: r.seg!, page: r.page! } : null;
}

const has = (p: ProcSnap, r: SegRef): boolean => p.segs.some((g) => g.name === r.name && g.first === r.first);
const refOf = (g: SegSnap): SegRef => ({ name: g.name, first: g.first });

/**
 * The mapping the Anon layer shows: the one predict mode asks about; else the target's mapping,
 * in the target process or, when it is not alive, in any process that has it; only when no live
 * process has the target mapping (not mapped yet, or gone), the one the current event is about,
 * else the first anonymous mapping. The target itself never follows (target.ts).
 */
export function shownSeg(s: AppState): SegRef | null {
  const alive = aliveProcs(s.engine.snapshot);
  const peek = s.view.peek;
  if (peek && alive.some((p) => has(p, peek))) return peek;
  const own = targetSeg(s, targetProc(s));
  if (own) return refOf(own);
  for (const p of alive) {
    const g = targetSeg(s, p);
    if (g) return refOf(g);
  }
  const ev = stepSegRef(s);
  if (ev?.seg) {
    const p =
      alive.find((q) => q.name === ev.proc) ?? alive.find((q) => q.segs.some((g) => g.name === ev.seg));
    const pieces = p?.segs.filter((x) => x.name === ev.seg) ?? [];
    const pg = ev.page;
    const g = (pg !== undefined && pieces.find((x) => pg >= x.first && pg < x.first + x.pages)) || pieces[0];
    if (g) return refOf(g);
  }
  const p = targetProc(s) ?? alive[0];
  const g =
    p?.segs.find((x) => x.amp) ??
    p?.segs.find((x) => x.source === "/dev/zero" || x.source === "anon") ??
    p?.segs[0];
  return g ? refOf(g) : null;
}

/** Each process with the shown mapping, and its piece of it. */
export function rowsFor(snap: Snapshot | null, r: SegRef | null): { proc: ProcSnap; seg: SegSnap }[] {
  if (!snap || !r) return [];
  const out: { proc: ProcSnap; seg: SegSnap }[] = [];
  for (const p of snap.procs) {
    if (!p.alive) continue;
    const g = p.segs.find((x) => x.name === r.name && x.first === r.first);
    if (g) out.push({ proc: p, seg: g });
  }
  return out;
}
