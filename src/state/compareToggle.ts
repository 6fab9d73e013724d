/**
 * Compare mode's switch and its shortcut, apart from the Compare view (which loads on first use:
 * the Narration panel's button needs only this).
 */
import { clampPos } from "../contract/position";
import type { Position, StepInfo } from "../contract/wire/protocol";
import { seek } from "./actions";
import { setCompareFrom, useChanges } from "./changes";
import { useApp } from "./store";

/** Compare's shortcut: A before the step on screen (or the first), B after it. */
export function aroundStep(steps: readonly StepInfo[], at: Position): { a: Position; b: Position } {
  const s = Math.max(1, Math.min(steps.length, at.step));
  return { a: { step: s - 1, event: -1 }, b: { step: s, event: -1 } };
}

/** Turn Compare on (A before this step, B after it) or off. */
export function toggleCompare(): void {
  if (useChanges.getState().compareFrom) {
    setCompareFrom(null);
    return;
  }
  const e = useApp.getState().engine;
  if (e.steps.length === 0) return;
  const { a, b } = aroundStep(e.steps, clampPos(e.steps, e.pos));
  setCompareFrom(a);
  seek(b, "push");
}
