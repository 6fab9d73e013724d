/**
 * The engine's diff (engine/diff) for the snapshot on screen, which the diagrams and the console
 * mark: over its event, or in Compare mode from the pinned moment A to the moment on screen (B).
 * Asked for by the worker, never guessed from the pictures.
 *
 * One request at a time, the latest position wins: a position passed while a request was out
 * is never asked about. A small state is asked about at once (its marks are there a frame or two
 * after the step); a big one only once the user stops on a position, since its diff walks every
 * slot (tens of ms in the 1 GB preset) and would delay the snapshots built ahead of a held key.
 */
import { isBigState } from "./bigState";
import { create } from "zustand";
import type { Change } from "../contract/change";
import { clampPos, samePos } from "../contract/position";
import type { Position, Snapshot, StepInfo } from "../contract/wire/protocol";
import { requestChanges } from "./queries";
import { replaceUrlSoon, setExtraView } from "./history";
import { local, type Timer } from "./local";
import { useApp } from "./store";

export interface Marks {
  readonly gen: number;
  /** B: the position the marks are about (the snapshot's) */
  readonly to: Position;
  /** A: the position compared with (just before the event, or Compare's A) */
  readonly from: Position;
  readonly items: readonly Change[];
  readonly folded: number;
  /** over the event on screen, or Compare's A to B */
  readonly mode: "event" | "compare";
}

export interface ChangesState {
  readonly marks: Marks | null;
  /** Compare mode: the pinned moment A (null: off, the marks are the event's) */
  readonly compareFrom: Position | null;
  /** the What changed list is open: the event's changes are marked in the diagrams */
  readonly listOpen: boolean;
}

export const useChanges = create<ChangesState>()(() => ({ marks: null, compareFrom: null, listOpen: false }));

/** Whether the diagrams mark anything: only while the list or Compare is open (the picture stays calm otherwise). */
export const marking = (s: ChangesState): boolean => s.listOpen || s.compareFrom !== null;

export function setListOpen(open: boolean): void {
  useChanges.setState({ listOpen: open });
}

/** How long a big state's position must stay on screen before its diff is asked for. */
const SETTLE_MS = 120;

/** The marks for the snapshot on screen, or null while they are being worked out. */
export function marksFor(
  m: Marks | null,
  snap: Snapshot | null,
  gen: number,
  a: Position | null,
): Marks | null {
  if (!m || !snap || m.gen !== gen || !samePos(m.to, snap.pos)) return null;
  // in Compare mode only the comparison with A; otherwise only the event's own
  if (a ? m.mode !== "compare" || !samePos(m.from, a) : m.mode !== "event") return null;
  return m;
}

// a request in flight, another wanted after it, the pause before asking, the last one answered
const my = local(
  () => ({ inFlight: false, again: false, timer: null as Timer | null, lastKey: "", started: false }),
  (m) => {
    if (m.timer) clearTimeout(m.timer);
  },
);

/** The snapshot on screen and the mode now: what the next request is about. */
function wanted(): { key: string; snap: Snapshot; gen: number; from: Position | null } | null {
  const e = useApp.getState().engine;
  if (!e.snapshot || !marking(useChanges.getState())) return null;
  const from = compareA(e.steps, useChanges.getState().compareFrom);
  const p = e.snapshot.pos;
  return {
    key: `${e.gen}/${p.step}/${p.event}/${from ? `${from.step}/${from.event}` : "event"}`,
    snap: e.snapshot,
    gen: e.gen,
    from,
  };
}

async function ask(): Promise<void> {
  const w = wanted();
  if (!w || w.key === my.lastKey) return;
  // before anything ran there is nothing to mark (and nothing to compare with a start)
  if (w.snap.pos.step === 0 && !w.from) {
    my.lastKey = w.key;
    useChanges.setState({ marks: null });
    return;
  }
  my.inFlight = true;
  try {
    const r = await requestChanges("event", w.from ?? undefined);
    my.lastKey = w.key;
    if (r)
      useChanges.setState({
        marks: {
          gen: r.gen,
          to: r.to,
          from: r.from,
          items: r.items,
          folded: r.folded,
          mode: w.from ? "compare" : "event",
        },
      });
  } catch {
    // the engine restarted or the timeline moved on: the next position asks again
  } finally {
    my.inFlight = false;
  }
  if (my.again) {
    my.again = false;
    schedule();
  }
}

/** Ask for the marks of what is on screen now: at once for a small state, after a pause for a big one. */
function schedule(): void {
  if (my.inFlight) {
    my.again = true;
    return;
  }
  if (my.timer) clearTimeout(my.timer);
  const w = wanted();
  if (!w) return;
  const wait = isBigState(w.snap) ? SETTLE_MS : 0;
  my.timer = setTimeout(() => {
    my.timer = null;
    void ask();
  }, wait);
}

/** Compare's A as the timeline on screen has it (a link's A past the end is its end). */
export const compareA = (steps: readonly StepInfo[], a: Position | null): Position | null =>
  a ? clampPos(steps, a) : null;

/** Pin Compare's moment A (null: leave Compare mode). */
export function setCompareFrom(a: Position | null): void {
  useChanges.setState({ compareFrom: a });
  replaceUrlSoon();
}

// a share link and the embed carry Compare's A with the rest of the view (history.ts)
setExtraView(() => {
  const a = useChanges.getState().compareFrom;
  return a ? { compare: { step: a.step, event: a.event } } : {};
});

/** Follow the store: every new snapshot or mode asks for its marks. Called once at start-up. */
export function followChanges(): void {
  if (my.started) return;
  my.started = true;
  useApp.subscribe((s, prev) => {
    if (s.engine.snapshot !== prev.engine.snapshot) schedule();
  });
  useChanges.subscribe((s, prev) => {
    if (s.compareFrom !== prev.compareFrom || s.listOpen !== prev.listOpen) schedule();
  });
  schedule();
}
