/**
 * A load's reply put on screen: the new timeline and state, the target the scenario opens with,
 * the link, and what stopped the run early (a cut, a fault in the engine).
 */
import type { Reply, RunCut } from "../contract/wire/protocol";
import { clampPos } from "../contract/position";
import { setCut } from "./engineStatus";
import { writeUrl, type HistoryMode } from "./history";
import { defaultTarget, scenarioOf } from "./scenarioFacts";
import { setSlice, useApp, type ScenarioSlice, type SegRef } from "./store";
import { recordChange } from "./undo";
import { notify } from "./view";
import { keepWindows } from "./zoomViews";

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

function setTarget(text: string, fresh: true | TargetView): void {
  let t: TargetView;
  if (fresh === true) {
    const d = defaultTarget(scenarioOf(text));
    t = { proc: d.proc, seg: d.seg ? { name: d.seg, first: 0 } : null, pages: null };
  } else t = fresh;
  setSlice("view", { ...t, peek: null, hover: null, selected: null });
}

/**
 * A new timeline and its snapshot on screen, the one shown before kept as `previous`, and what
 * the scenario slice says of the text that ran: one store update, so the page's first render
 * (main.tsx) and every subscriber see them together. Two updates drew the page twice in its
 * first frame (~45 ms with the CPU throttled 4×).
 */
export function showTimeline(
  r: Extract<Reply, { type: "loaded" }>,
  scenario: Partial<ScenarioSlice> = {},
): void {
  keepWindows(r.views, r.snapshot);
  useApp.setState((s) => ({
    ...s,
    engine: {
      ...s.engine,
      gen: r.gen,
      steps: r.steps,
      snapshot: r.snapshot,
      previous: s.engine.snapshot,
      pos: r.snapshot.pos,
      fault: null,
    },
    // the slice itself kept when nothing in it changes: its readers need not draw again
    scenario: Object.keys(scenario).length > 0 ? { ...s.scenario, ...scenario } : s.scenario,
  }));
}

/** The reply to a load that ran, on screen. */
export function showLoaded(
  text: string,
  r: Extract<Reply, { type: "loaded" }>,
  opts: LoadOptions,
  editorBefore: string,
): void {
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
  showTimeline(r, { shownText: text, error: null, loading: false, marks: [] });
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
}

/** The scenario on screen was cut short (or not): the bar and its message say how far it got. */
export function showCut(cut: RunCut | null): void {
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
