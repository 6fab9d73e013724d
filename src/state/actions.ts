/**
 * Actions on the scenario and the position: module-level functions that talk to the engine
 * client and set the store (zustand's "no store actions" pattern). Their neighbours by concern:
 * engine.ts (the connection), playback.ts, queries.ts (questions that move nothing), view.ts.
 */
import { isSupervisorFailure } from "../client/supervision";
import { setCut } from "./engineStatus";
import { replaceUrlSoon, writeUrl, type HistoryMode } from "./history";
import { setSlice, useApp } from "./store";
import { aheadAt, engine } from "./engine";
import { notify } from "./view";
import { keepWindows } from "./zoomViews";
import type { LoadTarget, Position, Reply } from "../contract/wire/protocol";
import {
  clampPos,
  endPos,
  nextEvent,
  nextStep,
  prevEvent,
  prevStep,
  samePos,
  START,
} from "../contract/position";
import { local, type Timer } from "./local";
import { confirmsFirstFrame, takeFirstFrame } from "./firstFrame";
import { showCut, showLoaded, showTimeline, type LoadOptions } from "./loaded";

// the latest load (an older one's answer is dropped), the pause before an edit runs, the load
// in flight, and the hook that may hold a move back
const my = local(
  () => ({
    loadToken: 0,
    editTimer: null as Timer | null,
    pendingLoad: null as Promise<boolean> | null,
    seekGuard: null as SeekGuard | null,
  }),
  (m) => {
    if (m.editTimer) clearTimeout(m.editTimer);
  },
);

const EDIT_DEBOUNCE_MS = 400;

const get = () => useApp.getState();

/**
 * Let a pending edit run now and wait for any load in flight, so what follows acts on the
 * scenario on screen (an operation, Share, Undo).
 */
export async function settleEdits(): Promise<void> {
  if (my.editTimer) {
    clearTimeout(my.editTimer);
    my.editTimer = null;
    runEdit();
  }
  while (my.pendingLoad) {
    const p = my.pendingLoad;
    await p;
    if (my.pendingLoad === p) break;
  }
}

/**
 * Run a scenario text and show `to`. A text that does not parse keeps the last good state.
 * Resolves true when the text ran and is on screen.
 */
export function loadText(text: string, to: LoadTarget, opts: LoadOptions = {}): Promise<boolean> {
  const p = doLoad(text, to, opts).finally(() => {
    if (my.pendingLoad === p) my.pendingLoad = null;
  });
  my.pendingLoad = p;
  return p;
}

async function doLoad(text: string, to: LoadTarget, opts: LoadOptions): Promise<boolean> {
  const token = ++my.loadToken;
  if (my.editTimer) clearTimeout(my.editTimer);
  my.editTimer = null;
  const editorBefore = get().scenario.text;
  // the page's first load may have its reply in the build: shown now, the engine's awaited quietly
  const built = takeFirstFrame(text, to);
  setSlice("scenario", {
    text,
    loading: built === null,
    ...(opts.presetId !== undefined ? { presetId: opts.presetId } : {}),
  });
  // asked before the built frame is drawn: the panels' first questions queue behind this load
  const asked = engine().load(text, to, built !== null);
  if (built) showLoaded(text, built, opts, editorBefore);
  const r = await asked;
  if (token !== my.loadToken) return false;
  if (built && confirmsFirstFrame(r)) return true;
  if (r.type === "loaded") {
    showLoaded(text, r, opts, editorBefore);
    return true;
  }
  if (r.type === "parse-error") {
    // the URL keeps the scenario on screen; the text being edited is saved in the browser
    setSlice("scenario", { error: r.error, loading: false });
    if (!get().engine.snapshot && opts.fallbackText !== undefined) {
      const keep = get().scenario;
      await doLoad(opts.fallbackText, "end", { fresh: true, record: false });
      setSlice("scenario", { text: keep.text, error: keep.error });
    }
    return false;
  }
  const fault = r.type === "failed" ? r.message : `unexpected reply ${r.type}`;
  setSlice("scenario", { loading: false });
  setSlice("engine", { fault });
  // the supervisor's own messages are whole sentences (the engine died or hung: not a bug here)
  notify(
    "error",
    isSupervisorFailure(r)
      ? `${fault} The last scenario that ran is still on screen; your text is in the editor.`
      : `The simulator failed on this scenario (a bug, please report it): ${fault}`,
  );
  return false;
}

function runEdit(): void {
  const s = get();
  const atEnd = samePos(clampPos(s.engine.steps, s.engine.pos), endPos(s.engine.steps));
  void loadText(s.scenario.text, atEnd ? "end" : s.engine.pos, { history: "replace" });
}

/** Run a further time budget of the scenario on screen, which was cut short; show its new end. */
export async function runRest(): Promise<void> {
  const token = ++my.loadToken;
  const text = get().scenario.shownText;
  setSlice("scenario", { loading: true });
  const r = await engine().resume(get().engine.gen);
  if (token !== my.loadToken) return;
  setSlice("scenario", { loading: false });
  if (r.type !== "loaded") {
    notify("error", r.type === "failed" ? r.message : `unexpected reply ${r.type}`);
    return;
  }
  showTimeline(r, { shownText: text });
  if (r.cut) showCut(r.cut);
  else {
    setCut(null);
    notify("info", `All ${r.steps.length} steps have run.`);
  }
}

/** The editor changed: keep the text at once, re-run it once typing pauses. */
export function editText(text: string): void {
  setSlice("scenario", { text, loading: true });
  if (my.editTimer) clearTimeout(my.editTimer);
  my.editTimer = setTimeout(() => {
    my.editTimer = null;
    runEdit();
  }, EDIT_DEBOUNCE_MS);
}

function onSeekReply(r: Reply): void {
  if (r.type === "failed") return seekFailed(r.message, isSupervisorFailure(r));
  if (r.type !== "snapshot") return;
  const e = get().engine;
  if (r.snapshot.gen !== e.gen) return;
  // a snapshot sent ahead already shows the wanted position: an older seek's answer is stale
  // (while the screen is still catching up, any answer is progress and is shown)
  const want = clampPos(e.steps, e.pos);
  if (e.snapshot && samePos(e.snapshot.pos, want) && !samePos(r.snapshot.pos, want)) return;
  keepWindows(r.views, r.snapshot);
  setSlice("engine", { snapshot: r.snapshot, previous: e.snapshot });
}

/**
 * The engine threw while building the state at the wanted position (a bug): stay where the
 * screen is. A stale timeline (a newer load won) or a restart (the replay sets the position)
 * needs nothing.
 */
function seekFailed(message: string, restarted: boolean): void {
  const snap = get().engine.snapshot;
  if (restarted || message === "stale timeline" || !snap) return;
  setSlice("engine", { pos: snap.pos, fault: message });
  notify(
    "error",
    `The simulator failed while moving to that position (a bug, please report it): ${message}. You stay where you were.`,
  );
}

/**
 * A hook that may hold a move back (predict mode asks its question first). It returns true when
 * it took the move over; it is not consulted for moves that come from the URL (history "none").
 */
export type SeekGuard = (from: Position, to: Position) => boolean;
export const setSeekGuard = (g: SeekGuard | null): void => {
  my.seekGuard = g;
};

/** Move to a position (clamped); the snapshot follows. */
export function seek(pos: Position, history: HistoryMode = "replace"): void {
  const s = get().engine;
  if (!s.snapshot) return;
  const p = clampPos(s.steps, pos);
  if (history !== "none" && my.seekGuard?.(clampPos(s.steps, s.pos), p)) return;
  // a snapshot the engine sent ahead is shown in this very task (the next frame paints it);
  // the engine still hears of the move, to build ahead of the new position
  const hit = samePos(p, s.snapshot.pos) ? null : aheadAt(s.gen, p);
  if (hit) setSlice("engine", { pos: p, snapshot: hit, previous: s.snapshot });
  else if (!samePos(p, s.pos)) setSlice("engine", { pos: p });
  if (!samePos(p, s.snapshot.pos)) engine().seek(s.gen, p, onSeekReply, hit !== null);
  if (history === "push") writeUrl("push");
  else if (history === "replace") replaceUrlSoon();
}

const move = (f: (steps: Parameters<typeof nextEvent>[0], p: Position) => Position) => (): void => {
  const e = get().engine;
  seek(f(e.steps, e.pos));
};

export const stepForward = move(nextEvent);
export const stepBack = move(prevEvent);
export const nextStepAction = move(nextStep);
export const prevStepAction = move(prevStep);
export const jumpStart = move(() => START);
export const jumpEnd = move((steps) => endPos(steps));
