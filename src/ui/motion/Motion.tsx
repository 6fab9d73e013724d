/**
 * Animated transitions between events (issue 14): mounted once beside the panels, it draws
 * nothing. Just before React draws a new snapshot it reads the diagrams (capture.ts, from a
 * store listener: zustand calls it before React renders); right after React has drawn it, before
 * the frame is painted, it plays the difference (animate.ts).
 *
 * Only a move of one event or one step is animated (a jump on the slider is not); never when the
 * user prefers reduced motion, nor while playing faster than a transition can be seen, nor in a
 * big state (drawn as density). A new move stops the transition in flight at once: key presses
 * never queue, the latest state wins.
 */
import { useLayoutEffect } from "react";
import type { Position, Snapshot } from "../../contract/wire/protocol";
import { useApp } from "../../state/store";
import { isBigState } from "../../state/bigState";
import { play, stopAll } from "./animate";
import { capture, type Capture } from "./capture";
import "./motion.css";
import { copiesBetween, durationFor, isStep } from "./when";

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
    // a big state is drawn as density: nothing one by one to move (state/bigState.ts)
    if (!was || durationFor(s.view) === 0 || !s.engine.snapshot || isBigState(s.engine.snapshot)) return;
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
