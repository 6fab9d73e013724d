/**
 * Animated transitions between events (issue 14): mounted once beside the panels, it draws
 * nothing. Just before React draws a new snapshot it reads the diagrams (capture.ts, from a
 * store listener: zustand calls it before React renders); right after React has drawn it, before
 * the frame is painted, it plays the difference (animate.ts).
 *
 * Only a move of one event or one step is animated (a jump on the slider is not); never when the
 * user prefers reduced motion, nor while playing faster than a transition can be seen. A new
 * move stops the transition in flight at once: key presses never queue, the latest state wins.
 */
import { useLayoutEffect } from "react";
import { posIndex, samePos } from "../../contract/position";
import type { Position, Snapshot, StepInfo } from "../../contract/wire/protocol";
import { useApp, type AppState } from "../../state/store";
import { play, stopAll } from "./animate";
import { capture, type Capture } from "./capture";
import "./motion.css";

/** A transition's length when the user steps: within the 150–300 ms the eye follows. */
export const DURATION_MS = 240;
/** Shorter than this (playing fast) and the transition is skipped. */
export const MIN_MS = 150;

const reduced = (): boolean => globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

/** How long the transition from one snapshot to the next lasts; 0: none. */
export function durationFor(s: AppState["view"]): number {
  if (reduced()) return 0;
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

let before: Capture | null = null;
let from: { gen: number; pos: Position } | null = null;
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  useApp.subscribe((s, prev) => {
    const was = prev.engine.snapshot;
    if (s.engine.snapshot === was) return;
    // keep the first reading of a batch: React has drawn nothing since
    if (before) return;
    stopAll();
    if (!was || durationFor(s.view) === 0) return;
    before = capture(document);
    from = { gen: prev.engine.gen, pos: was.pos };
    // a reading nobody played (the snapshot came back to the one on screen) is gone by the next frame
    requestAnimationFrame(() => {
      before = null;
      from = null;
    });
  });
}

/** Plays the transition to each new snapshot; renders nothing. */
export function Motion() {
  listen();
  const snap: Snapshot | null = useApp((s) => s.engine.snapshot);
  useLayoutEffect(() => {
    const a = before;
    const f = from;
    before = null;
    from = null;
    if (!a || !f || !snap) return;
    const s = useApp.getState();
    const t = durationFor(s.view);
    if (t === 0 || f.gen !== s.engine.gen || !isStep(s.engine.steps, f.pos, snap.pos)) return;
    const b = capture(document);
    if (!b) return;
    play(a, b, { duration: t, copies: copiesBetween(s.engine.steps, f.pos, snap.pos) });
  }, [snap]);
  return null;
}
