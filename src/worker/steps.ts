import { clampPosition, type Timeline } from "../engine/timeline";
import type { Position, StepInfo } from "../contract/wire/protocol";
import type { Extra } from "./snapshot";

// Reading a timeline's steps for the main thread: what each step says, what its events name,
// and the positions a step key moves to.

/** The steps as they cross to the main thread: their typed statement, and their events. */
export function stepInfos(tl: Timeline): StepInfo[] {
  return tl.steps.map((s) => ({
    n: s.n,
    line: s.line,
    text: s.text,
    result: s.result,
    stmt: s.stmt,
    events: s.events.map((e) =>
      e.refs
        ? { fn: e.fn, src: e.src, say: e.say, depth: e.depth, refs: e.refs }
        : { fn: e.fn, src: e.src, say: e.say, depth: e.depth },
    ),
  }));
}

const idsIn = (text: string, kind: string): number[] =>
  [...text.matchAll(new RegExp(`\\b${kind}:(\\d+)`, "g"))].map((m) => Number(m[1]));

/** The anons and frames the events of the step at pos name (what the screen marks as "now"). */
export function stepExtra(tl: Timeline, p: Position): Extra {
  if (p.step === 0) return { anons: [], frames: [] };
  const anons: number[] = [];
  const frames: number[] = [];
  for (const e of tl.steps[p.step - 1]!.events) {
    const r = e.refs;
    if (r?.anon) anons.push(r.anon);
    if (r?.frame) frames.push(r.frame);
    if (r?.from) frames.push(r.from);
    anons.push(...idsIn(e.say, "anon"));
    frames.push(...idsIn(e.say, "pp"));
  }
  return { anons, frames };
}

/** The positions right after and before p, as the transport's step keys move (positions.ts). */
export function neighbours(tl: Timeline, p: Position): { next: Position | null; prev: Position | null } {
  const n = (step: number): number => Math.max(1, tl.steps[step - 1]!.events.length);
  let next: Position | null = null;
  let prev: Position | null = null;
  if (p.event === -1 && p.step < tl.steps.length)
    next = { step: p.step + 1, event: n(p.step + 1) > 1 ? 0 : -1 };
  else if (p.event >= 0) next = { step: p.step, event: p.event + 1 >= n(p.step) - 1 ? -1 : p.event + 1 };
  if (p.event === 0) prev = { step: p.step - 1, event: -1 };
  else if (p.event > 0) prev = { step: p.step, event: p.event - 1 };
  else if (p.step > 0)
    prev = n(p.step) > 1 ? { step: p.step, event: n(p.step) - 2 } : { step: p.step - 1, event: -1 };
  const c = (q: Position | null) => q && clampPosition(tl, q);
  return { next: c(next), prev: c(prev) };
}
