/**
 * When a transition plays, and for how long: a move of one event or one whole step (a jump on
 * the slider is not animated), never when the user prefers reduced motion, nor while playing
 * faster than a transition can be seen; and which page copies (ppcopy) it passes.
 */
import { posIndex, samePos } from "../../contract/position";
import type { Position, StepInfo } from "../../contract/wire/protocol";
import type { AppState } from "../../state/store";

/** A transition's length when the user steps: within the 150–300 ms the eye follows. */
const DURATION_MS = 240;
/** Shorter than this (playing fast) and the transition is skipped. */
const MIN_MS = 150;

const reduced = (): boolean => globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

/** How long the transition from one snapshot to the next lasts; 0: none. */
export function durationFor(s: AppState["view"], less = reduced()): number {
  if (less) return 0;
  // playing: each event stays on screen 1000 / speed ms, and the transition must end before the next
  const t = s.playing ? Math.min(DURATION_MS, 0.8 * (1000 / s.speed)) : DURATION_MS;
  return t >= MIN_MS ? t : 0;
}

/** Whether moving from a to b is a step (one event, or one whole step), not a jump. */
export function isStep(steps: readonly StepInfo[], a: Position, b: Position): boolean {
  if (samePos(a, b)) return false;
  if (Math.abs(posIndex(steps, a) - posIndex(steps, b)) <= 1) return true;
  return a.event === -1 && b.event === -1 && Math.abs(a.step - b.step) === 1;
}

/** The page copies (ppcopy) of the events passed going forward from a to b, at most a few. */
export function copiesBetween(
  steps: readonly StepInfo[],
  a: Position,
  b: Position,
): { from: number; to: number }[] {
  if (posIndex(steps, b) <= posIndex(steps, a) || b.step === 0) return [];
  const evs = steps[b.step - 1]?.events ?? [];
  const last = b.event === -1 ? evs.length - 1 : b.event;
  const first = a.step === b.step ? (a.event === -1 ? evs.length : a.event + 1) : 0;
  const out: { from: number; to: number }[] = [];
  for (let i = first; i <= last && out.length < 4; i++) {
    const r = evs[i]?.refs;
    if (r?.from && r.frame && r.from !== r.frame) out.push({ from: r.from, to: r.frame });
  }
  return out;
}
