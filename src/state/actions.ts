/**
 * Actions: module-level functions that talk to the engine client and set the store
 * (zustand's "no store actions" pattern). The UI calls only these.
 */
import type { Question } from "../contract/question";
import type { VmDoc } from "../contract/doc";
import { EngineClient } from "../client/client";
import { defaultEndpoint, type Endpoint } from "../client/endpoints";
import { isSupervisorFailure, type SupervisorEvent } from "../client/supervision";
import type { DebugAction } from "../contract/wire/debug";
import type { DocView } from "../contract/docView";
import type {
  FrameQuery,
  FrameWindow,
  LoadTarget,
  Position,
  Reply,
  RunCut,
  SegWindow,
  SlotQuery,
  SlotWindow,
  WindowQuery,
} from "../contract/wire/protocol";
import type { Change } from "../contract/change";
import { setBusy, setCut, setProgress } from "./engineStatus";
import { replaceUrlSoon, writeUrl, type HistoryMode } from "./history";
import { linkedTo } from "./links";
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
import { defaultPreset, presetById } from "./presets";
import { defaultTarget, scenarioOf } from "./scenarioFacts";
import { setSlice, useApp, type Focus, type Notice, type PanelId, type SegRef, type Theme } from "./store";
import { recordChange } from "./undo";

let client: EngineClient | null = null;
let loadToken = 0;
let editTimer: ReturnType<typeof setTimeout> | null = null;
let playTimer: ReturnType<typeof setInterval> | null = null;

export const EDIT_DEBOUNCE_MS = 400;

/** `ep`: an endpoint, or a factory of them (the default), which lets a dead engine be restarted. */
export function connect(ep: Endpoint | (() => Endpoint) = defaultEndpoint): void {
  client?.dispose();
  client = new EngineClient(ep, {
    onEvent: onSupervisor,
    onStatus: (e) => (e.kind === "busy" ? setBusy(e.busy) : setProgress(e.step, e.of)),
  });
}

/** The engine died or hung: say so; once the new one has replayed the scenario, show it. */
function onSupervisor(e: SupervisorEvent): void {
  if (e.kind === "died") {
    notify(
      "error",
      e.restarting
        ? `The simulator stopped (${e.why}). Restarting it and replaying your scenario…`
        : `The simulator keeps stopping (${e.why}). Reload the page; your scenario is in the editor and the link.`,
    );
    return;
  }
  if (e.kind === "resumed") {
    notify("info", `The simulator stopped (${e.why}) and was restarted; your scenario ran again.`);
    return;
  }
  const r = e.reply;
  setSlice("engine", { gen: r.gen, steps: r.steps, snapshot: r.snapshot, pos: r.snapshot.pos, fault: null });
  setCut(r.cut ?? null);
  if (e.lost) {
    const back =
      "The last scenario that ran is back on screen, at the same step; your text is in the editor.";
    notify("error", `${e.lost} ${back}`);
  } else {
    notify(
      "info",
      `The simulator stopped (${e.why}) and was restarted: your scenario is back at the same step.`,
    );
  }
}

/** Test hooks for the e2e suite (the bridge): crash the worker, kill it, make a step throw. */
export const debugEngine = (action: DebugAction): void => engine().debug(action);
export const killEngine = (): void => engine().kill();
/** Test bridge: the watchdog's limit, in ms (30 s normally). */
export const setWatchdog = (ms: number): void => engine().setHangMs(ms);
/** Test bridge: whether the next (1) or previous (−1) event's snapshot is already here. */
export function aheadReady(dir: 1 | -1): boolean {
  const e = get().engine;
  const p = clampPos(e.steps, e.pos);
  return engine().hasAhead(e.gen, dir === 1 ? nextEvent(e.steps, p) : prevEvent(e.steps, p));
}

/** Test bridge and bench: what the scrubber's cache holds. */
export const scrubStats = (): { count: number; bytes: number } => engine().scrubStats();

function engine(): EngineClient {
  if (!client) connect();
  return client!;
}

const get = () => useApp.getState();

/** The target a scenario opens with (a link's view, the saved work's, or the scenario's own). */
export interface TargetView {
  readonly proc: string | null;
  readonly seg: SegRef | null;
  readonly pages: { readonly from: number; readonly to: number } | null;
}

export interface LoadOptions {
  readonly history?: HistoryMode;
  readonly presetId?: string | null;
  /** shown beside the diagram if the text does not parse and nothing is on screen yet */
  readonly fallbackText?: string;
  /**
   * A scenario opened anew (a preset, a link, a lesson): the target starts as given, or as the
   * scenario's own default (true). Edits, operations and Undo keep the user's target.
   */
  readonly fresh?: true | TargetView;
  /** false: not a change Undo should return from (Undo's and Redo's own loads) */
  readonly record?: boolean;
}

let pendingLoad: Promise<boolean> | null = null;

/**
 * Let a pending edit run now and wait for any load in flight, so what follows acts on the
 * scenario on screen (an operation, Share, Undo).
 */
export async function settleEdits(): Promise<void> {
  if (editTimer) {
    clearTimeout(editTimer);
    editTimer = null;
    runEdit();
  }
  while (pendingLoad) {
    const p = pendingLoad;
    await p;
    if (pendingLoad === p) break;
  }
}

function setTarget(text: string, fresh: true | TargetView): void {
  let t: TargetView;
  if (fresh === true) {
    const d = defaultTarget(scenarioOf(text));
    t = { proc: d.proc, seg: d.seg ? { name: d.seg, first: 0 } : null, pages: null };
  } else t = fresh;
  setSlice("view", { ...t, peek: null, hover: null, selected: null });
}

/**
 * Run a scenario text and show `to`. A text that does not parse keeps the last good state.
 * Resolves true when the text ran and is on screen.
 */
export function loadText(text: string, to: LoadTarget, opts: LoadOptions = {}): Promise<boolean> {
  const p = doLoad(text, to, opts).finally(() => {
    if (pendingLoad === p) pendingLoad = null;
  });
  pendingLoad = p;
  return p;
}

async function doLoad(text: string, to: LoadTarget, opts: LoadOptions): Promise<boolean> {
  const token = ++loadToken;
  if (editTimer) clearTimeout(editTimer);
  editTimer = null;
  const editorBefore = get().scenario.text;
  setSlice("scenario", {
    text,
    loading: true,
    ...(opts.presetId !== undefined ? { presetId: opts.presetId } : {}),
  });
  const r = await engine().load(text, to);
  if (token !== loadToken) return false;
  if (r.type === "loaded") {
    const before = get();
    const previous = before.engine.snapshot;
    if (opts.record !== false && previous && before.scenario.shownText !== text) {
      const shown = before.scenario.shownText;
      recordChange({
        // the editor's own text when it held an edit that had not run (it is unsaved work too)
        text: editorBefore !== text ? editorBefore : shown,
        shown,
        pos: clampPos(before.engine.steps, before.engine.pos),
        presetId: before.scenario.presetId,
      });
    }
    if (opts.fresh) setTarget(text, opts.fresh);
    setSlice("engine", {
      gen: r.gen,
      steps: r.steps,
      snapshot: r.snapshot,
      previous,
      pos: r.snapshot.pos,
      fault: null,
    });
    setSlice("scenario", { shownText: text, error: null, loading: false, marks: [] });
    if (opts.history && opts.history !== "none") writeUrl(opts.history);
    showCut(r.cut ?? null);
    if (r.fault) {
      const f = r.fault;
      const fault = `step ${f.step} (line ${f.line}: ${f.text}) threw: ${f.message}`;
      setSlice("engine", { fault });
      notify(
        "error",
        `The simulator failed inside ${fault}. This is a bug in Anonscope; the scenario stops before that step, and the state shown is the one before it.`,
      );
    }
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

/** The scenario on screen was cut short (or not): the bar and its message say how far it got. */
function showCut(cut: RunCut | null): void {
  setCut(cut);
  if (!cut) return;
  const shown = cut.ran === 0 ? "the machine before its first step" : `the end of step ${cut.ran}`;
  notify(
    "error",
    cut.why === "hung"
      ? `Step ${cut.ran + 1} of this scenario alone ran longer than the simulator allows, so it was stopped. Shown: ${shown}.`
      : `This scenario is slow: ${cut.ran} of its ${cut.of} steps ran in ${Math.round(cut.ms / 1000)} s. Shown: ${shown}. Run the rest, step by step, or open the default scenario.`,
  );
}

/** Run a further time budget of the scenario on screen, which was cut short; show its new end. */
export async function runRest(): Promise<void> {
  const token = ++loadToken;
  const text = get().scenario.shownText;
  setSlice("scenario", { loading: true });
  const r = await engine().resume(get().engine.gen);
  if (token !== loadToken) return;
  setSlice("scenario", { loading: false });
  if (r.type !== "loaded") {
    notify("error", r.type === "failed" ? r.message : `unexpected reply ${r.type}`);
    return;
  }
  const previous = get().engine.snapshot;
  setSlice("engine", {
    gen: r.gen,
    steps: r.steps,
    snapshot: r.snapshot,
    previous,
    pos: r.snapshot.pos,
    fault: null,
  });
  setSlice("scenario", { shownText: text });
  if (r.cut) showCut(r.cut);
  else {
    setCut(null);
    notify("info", `All ${r.steps.length} steps have run.`);
  }
}

/** Leave a scenario that is too slow: open the default preset (the text goes with it). */
export const openDefault = async (): Promise<void> => {
  await loadPreset(defaultPreset().id);
};

/** The editor changed: keep the text at once, re-run it once typing pauses. */
export function editText(text: string): void {
  setSlice("scenario", { text, loading: true });
  if (editTimer) clearTimeout(editTimer);
  editTimer = setTimeout(() => {
    editTimer = null;
    runEdit();
  }, EDIT_DEBOUNCE_MS);
}

/** The step a preset opens at: its `# start: N` header, else the start (scenario-format.md). */
export function loadPreset(id: string): Promise<boolean> {
  const p = presetById(id) ?? defaultPreset();
  return loadText(p.text, { step: p.start, event: -1 }, { history: "push", presetId: p.id, fresh: true });
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
let seekGuard: SeekGuard | null = null;
export const setSeekGuard = (g: SeekGuard | null): void => {
  seekGuard = g;
};

/** Move to a position (clamped); the snapshot follows. */
export function seek(pos: Position, history: HistoryMode = "replace"): void {
  const s = get().engine;
  if (!s.snapshot) return;
  const p = clampPos(s.steps, pos);
  if (history !== "none" && seekGuard?.(clampPos(s.steps, s.pos), p)) return;
  // a snapshot the engine sent ahead is shown in this very task (the next frame paints it);
  // the engine still hears of the move, to build ahead of the new position
  const hit = samePos(p, s.snapshot.pos) ? null : engine().takeAhead(s.gen, p);
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

export function setPlaying(on: boolean): void {
  if (playTimer) clearInterval(playTimer);
  playTimer = null;
  setSlice("view", { playing: on });
  if (!on) return;
  const e = get().engine;
  if (samePos(clampPos(e.steps, e.pos), endPos(e.steps))) jumpStart();
  playTimer = setInterval(() => {
    const en = get().engine;
    if (samePos(clampPos(en.steps, en.pos), endPos(en.steps))) setPlaying(false);
    else stepForward();
  }, 1000 / get().view.speed);
}

export const togglePlay = (): void => setPlaying(!get().view.playing);

export function setSpeed(speed: number): void {
  setSlice("view", { speed });
  if (get().view.playing) setPlaying(true);
}

/** The JSON document at a position of the timeline on screen (the current one by default). */
export async function requestDoc(pos?: Position): Promise<VmDoc | null> {
  const e = get().engine;
  const r = await engine().request({ type: "doc", gen: e.gen, pos: pos ?? e.pos });
  return r.type === "doc" ? r.doc : null;
}

/**
 * What the Tables view, the printable view and the tool text show at a position of the timeline
 * on screen (the current one by default), built in the worker with at most `rows` rows a table.
 */
export async function requestDocView(pos?: Position, rows?: number): Promise<DocView | null> {
  const e = get().engine;
  const r = await engine().request({
    type: "view",
    gen: e.gen,
    pos: pos ?? e.pos,
    ...(rows ? { rows } : {}),
  });
  return r.type === "view" ? r.view : null;
}

/**
 * Predict mode's questions about step `step` of the timeline on screen, worked out in the worker
 * (only they travel); none when the step has nothing to ask or the engine failed.
 */
export async function requestQuestions(step: number): Promise<readonly Question[]> {
  const r = await engine().request({ type: "predict", gen: get().engine.gen, step });
  return r.type === "predict" ? r.questions : [];
}

/**
 * What changed (engine/diff) at the position on screen: over its event, over its whole step, or
 * from `from` (Compare's moment A); null when the engine could not say (a stale timeline: a
 * newer one is on its way). `at` says which timeline and positions the answer is about.
 */
export async function requestChanges(
  scope: "event" | "step",
  from?: Position,
): Promise<{ items: readonly Change[]; folded: number; gen: number; from: Position; to: Position } | null> {
  const e = get().engine;
  if (!e.snapshot) return null;
  const pos = e.snapshot.pos;
  const r = await engine().request({ type: "changes", gen: e.gen, pos, scope, ...(from ? { from } : {}) });
  return r.type === "changes"
    ? { items: r.items, folded: r.folded, gen: e.gen, from: r.from, to: r.to }
    : null;
}

/** The timeline and position of the snapshot on screen: what zoomed views ask about. */
function atShown(): { gen: number; pos: Position } {
  const e = get().engine;
  return { gen: e.gen, pos: e.snapshot?.pos ?? e.pos };
}

/**
 * The slots of a window of a big mapping at the snapshot's position (a zoomed view); the
 * worker also remembers the query and sends its window with every later snapshot. null: forget it.
 */
export async function requestWindow(query: WindowQuery | null): Promise<SegWindow | null> {
  const r = await engine().request({ ...atShown(), type: "window", query });
  return r.type === "window" ? r.window : null;
}

/** Frames by pfn at the snapshot's position, for the zoomed Physical memory view. */
export async function requestFrames(query: FrameQuery): Promise<FrameWindow | null> {
  const r = await engine().request({ ...atShown(), type: "frames", query });
  return r.type === "frames" ? r.frames : null;
}

/** Swap device slots by number at the snapshot's position, for the zoomed Swap view. */
export async function requestSlots(query: SlotQuery): Promise<SlotWindow | null> {
  const r = await engine().request({ ...atShown(), type: "slots", query });
  return r.type === "slots" ? r.slots : null;
}

/** The slots of a window of a mapping at the snapshot's position, not remembered as the view. */
export async function requestPages(query: WindowQuery): Promise<SegWindow | null> {
  const r = await engine().request({ ...atShown(), type: "pages", query });
  return r.type === "pages" ? r.window : null;
}

// ---- view

export const setHover = (f: Focus | null): void => setSlice("view", { hover: f });

/**
 * Select (or, a second time, unselect) an object in a diagram. Selecting one is choosing what
 * the operations act on: the page it is, or the page that maps it (in the target process when
 * it maps it); the target changes only here and in the boxes.
 */
export function select(f: Focus | null): void {
  const s = get();
  const cur = s.view.selected;
  const off = f && cur && JSON.stringify(cur) === JSON.stringify(f);
  setSlice("view", { selected: off ? null : f });
  if (!f || off) return;
  const page = pageOf(f);
  if (!page) return;
  setSlice("view", { proc: page.proc, seg: page.seg, pages: { from: page.page, to: page.page } });
}

/** The page a focus is, or a page that maps it (the target process's when there is one). */
function pageOf(f: Focus): { proc: string; seg: SegRef; page: number } | null {
  const s = get();
  let key: string | undefined;
  if (f.kind === "page") key = `${f.proc}/${f.seg}/${f.page}`;
  else {
    const keys = [...linkedTo(s.engine.snapshot, f).pages];
    key = keys.find((k) => k.startsWith(`${s.view.proc}/`)) ?? keys[0];
  }
  const m = key ? /^([^/]+)\/(.+)@(-?\d+)\/(\d+)$/.exec(key) : null;
  if (!m) return null;
  const first = Number(m[3]);
  return { proc: m[1]!, seg: { name: m[2]!, first }, page: first + Number(m[4]) };
}

/**
 * Choose the target process and mapping. A process alone (a click on its name) keeps the
 * mapping when that process has it here, else takes its first anonymous one.
 */
export function selectSegment(proc: string | null, seg: SegRef | null): void {
  let g = seg;
  if (!g && proc) {
    const s = get();
    const p = s.engine.snapshot?.procs.find((x) => x.alive && x.name === proc);
    const keep = s.view.seg && p?.segs.find((x) => x.name === s.view.seg!.name);
    const pick = keep || p?.segs.find((x) => x.amp) || p?.segs[0];
    g = pick ? { name: pick.name, first: pick.first } : s.view.seg;
  }
  setSlice("view", { proc, seg: g, pages: null });
}

export const selectPages = (pages: { from: number; to: number } | null): void => setSlice("view", { pages });

/** Esc: let go of what is highlighted (the target stays: only the user's choice moves it). */
export function clearSelection(): void {
  setSlice("view", { hover: null, selected: null });
}

export function setTheme(theme: Theme): void {
  setSlice("view", { theme });
  try {
    localStorage.setItem("anonscope-theme", theme);
  } catch {
    // storage may be unavailable (private mode): the choice lasts for this page only
  }
}

export const present = (panel: PanelId | null): void => setSlice("view", { presenting: panel });
export const setHelp = (help: boolean): void => setSlice("view", { help });
export const notify = (kind: "error" | "info", text: string, action?: Notice["action"]): void =>
  setSlice("view", { notice: action ? { kind, text, action } : { kind, text } });
export const dismissNotice = (): void => setSlice("view", { notice: null });
