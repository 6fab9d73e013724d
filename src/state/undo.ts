/**
 * The Undo and Redo stacks of the scenario: every change to it (an operation, an edit that ran,
 * a preset, a link, a lesson, the page size) records the state it left, with its position, so
 * Undo brings back the text and the step that were on screen. Pure bookkeeping; the actions
 * that load an entry are in edits.ts. At least UNDO_LEVELS levels are kept, fewer only when the
 * texts are so long that they would pass UNDO_CHARS in all.
 */
import { create } from "zustand";
import type { Position } from "../contract/wire/protocol";
import { local } from "./local";

export interface UndoEntry {
  /** the editor's text (it may hold an edit that had not run, or did not parse) */
  readonly text: string;
  /** the scenario that was on screen, and where */
  readonly shown: string;
  readonly pos: Position;
  readonly presetId: string | null;
}

export const UNDO_LEVELS = 200;
/** total characters the two stacks may hold (a few scenarios at the text limit) */
export const UNDO_CHARS = 4_000_000;

/** How many levels each way, for the buttons. */
export const useUndo = create<{ readonly past: number; readonly future: number }>()(() => ({
  past: 0,
  future: 0,
}));

// the stacks themselves (the store above has only their lengths, which the buttons draw)
const my = local(() => ({ past: [] as UndoEntry[], future: [] as UndoEntry[] }));

const size = (e: UndoEntry): number => e.text.length + (e.shown === e.text ? 0 : e.shown.length);

function publish(): void {
  // the oldest levels go first when the texts are huge; the newest is always kept
  let total = [...my.past, ...my.future].reduce((n, e) => n + size(e), 0);
  while (my.past.length > 1 && (my.past.length > UNDO_LEVELS || total > UNDO_CHARS))
    total -= size(my.past.shift()!);
  useUndo.setState({ past: my.past.length, future: my.future.length });
}

/** A change happened: `before` is the state it left. Redo's levels are gone. */
export function recordChange(before: UndoEntry): void {
  my.past.push(before);
  my.future = [];
  publish();
}

/** Step back: `now` goes to the Redo stack; the state to restore comes back (null: none). */
export function takeUndo(now: UndoEntry): UndoEntry | null {
  const e = my.past.pop();
  if (!e) return null;
  my.future.push(now);
  publish();
  return e;
}

/** Step forward again: `now` goes back to the Undo stack. */
export function takeRedo(now: UndoEntry): UndoEntry | null {
  const e = my.future.pop();
  if (!e) return null;
  my.past.push(now);
  publish();
  return e;
}

/** Keep `now` on the Redo stack without taking a level (an edit that had not run is undone). */
export function pushRedo(now: UndoEntry): void {
  my.future.push(now);
  publish();
}

/** Tests: start empty. */
export function resetUndo(): void {
  my.past = [];
  my.future = [];
  publish();
}
