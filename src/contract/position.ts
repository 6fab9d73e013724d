/**
 * Positions in a timeline, as the engine numbers them (timeline.ts): step 0 is the initial
 * state; (s, e) is right after event e of step s; (s, -1) is the end of step s, which is also
 * right after its last event. So step s offers the positions e = 0 .. n-2, then -1.
 * The flat index counts every position in order, for the scrubber.
 */
import type { EventInfo, Position, StepInfo } from "./wire/protocol";

export const START: Position = { step: 0, event: -1 };

const prefixCache = new WeakMap<readonly StepInfo[], Int32Array>();

/** How many positions step s (1-based) offers. */
const countOf = (st: StepInfo): number => Math.max(1, st.events.length);

/** prefix[s] = flat index of the first position of step s (prefix[0] = 0 for the start). */
function prefix(steps: readonly StepInfo[]): Int32Array {
  let p = prefixCache.get(steps);
  if (!p) {
    p = new Int32Array(steps.length + 2);
    p[1] = 1;
    for (let s = 1; s <= steps.length; s++) p[s + 1] = p[s]! + countOf(steps[s - 1]!);
    prefixCache.set(steps, p);
  }
  return p;
}

/** The same clamping as the engine's clampPosition. */
export function clampPos(steps: readonly StepInfo[], pos: Position): Position {
  // A position past the last step (a link made from a longer scenario) is the end.
  if (Math.trunc(pos.step) > steps.length) return endPos(steps);
  const step = Math.max(0, Math.min(steps.length, Math.trunc(pos.step) || 0));
  if (step === 0) return START;
  const n = steps[step - 1]!.events.length;
  const event = pos.event < 0 || pos.event >= n - 1 ? -1 : Math.trunc(pos.event);
  return { step, event };
}

export const endPos = (steps: readonly StepInfo[]): Position => ({ step: steps.length, event: -1 });

export function posCount(steps: readonly StepInfo[]): number {
  return prefix(steps)[steps.length + 1]!;
}

export function posIndex(steps: readonly StepInfo[], pos: Position): number {
  const p = clampPos(steps, pos);
  if (p.step === 0) return 0;
  const base = prefix(steps)[p.step]!;
  return p.event === -1 ? base + countOf(steps[p.step - 1]!) - 1 : base + p.event;
}

export function posAt(steps: readonly StepInfo[], index: number): Position {
  const pre = prefix(steps);
  const i = Math.max(0, Math.min(posCount(steps) - 1, Math.trunc(index) || 0));
  if (i === 0) return START;
  // binary search: the last step s with pre[s] <= i
  let lo = 1;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pre[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  const e = i - pre[lo]!;
  return clampPos(steps, { step: lo, event: e === countOf(steps[lo - 1]!) - 1 ? -1 : e });
}

export const samePos = (a: Position, b: Position): boolean => a.step === b.step && a.event === b.event;

export const nextEvent = (steps: readonly StepInfo[], pos: Position): Position =>
  posAt(steps, posIndex(steps, pos) + 1);

export const prevEvent = (steps: readonly StepInfo[], pos: Position): Position =>
  posAt(steps, posIndex(steps, pos) - 1);

/** To the end of this step if inside it, else to the end of the next one. */
export function nextStep(steps: readonly StepInfo[], pos: Position): Position {
  const p = clampPos(steps, pos);
  if (p.step > 0 && p.event !== -1) return { step: p.step, event: -1 };
  return clampPos(steps, { step: p.step + 1, event: -1 });
}

/** To the end of the previous step: the state just before this step began. */
export function prevStep(steps: readonly StepInfo[], pos: Position): Position {
  const p = clampPos(steps, pos);
  return clampPos(steps, { step: p.step - 1, event: -1 });
}

/** The event that has just happened at pos (null at the start). */
export function eventAt(steps: readonly StepInfo[], pos: Position): EventInfo | null {
  const p = clampPos(steps, pos);
  if (p.step === 0) return null;
  const evs = steps[p.step - 1]!.events;
  if (evs.length === 0) return null;
  return p.event === -1 ? evs[evs.length - 1]! : (evs[p.event] ?? null);
}

/** 1-based number of the event shown at pos within its step, and how many there are. */
export function eventNumber(steps: readonly StepInfo[], pos: Position): { n: number; of: number } {
  const p = clampPos(steps, pos);
  if (p.step === 0) return { n: 0, of: 0 };
  const of = steps[p.step - 1]!.events.length;
  return { n: p.event === -1 ? of : p.event + 1, of };
}
