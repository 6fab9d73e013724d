import type { Scenario } from "../contract/ast";
import { initialState, runStep, type StepRecord } from "./run";
import { cloneState } from "./state";
import type { VmState } from "./types";

/**
 * Time travel for the browser: the scenario is run once, keeping a checkpoint (a deep copy of
 * the state) at step boundaries; any position (step, event) is then the nearest checkpoint at
 * or before it plus a replay that stops right after that event. Checkpoints are kept at every
 * step while the state is small, and more sparsely once it is big, so memory stays bounded.
 *
 * Position: step 0 is the initial state; (s, e) is the state right after event e (0-based) of
 * step s; e = -1 means the end of step s.
 */

export interface Position {
  step: number;
  event: number;
}

export interface Timeline {
  scenario: Scenario;
  steps: StepRecord[];
  /** checkpoints[i] = state after step i, or undefined where none was kept */
  checkpoints: (VmState | undefined)[];
  /** the step the engine threw inside (a bug), if any: `steps` stop just before it */
  fault: StepFault | null;
  /**
   * the state after the last step run: the end position without a replay (no checkpoint may
   * have been kept there), and where resumeTimeline goes on from a cut run; read-only
   */
  tail?: VmState;
}

/** A step that threw: which one, where in the text, and the exception's message. */
interface StepFault {
  step: number;
  line: number;
  text: string;
  message: string;
}

export interface TimelineHooks {
  /** called before step n runs (n from 1); what it throws counts as the step throwing */
  beforeStep?: (n: number) => void;
  /**
   * called after step n has run (n from 1); true stops the run there: the timeline holds steps
   * 1..n and can be run further with resumeTimeline (a slow scenario shown as far as it got)
   */
  afterStep?: (n: number) => boolean;
  /** run only the first `until` steps (the rest can be run with resumeTimeline) */
  until?: number;
}

/** Rough size of a state in typed-array cells, to decide how often to checkpoint. */
export function stateCells(st: VmState): number {
  let n = st.anon.next * 3 + st.page.next * 7 + st.hm.top * 3 + st.ramPages * 2;
  for (const m of st.amps.values())
    n += m.ahp.flat ? m.ahp.size : m.ahp.chunks.reduce((s, c) => s + (c ? c.length : 0), 0);
  for (const p of st.procs) {
    n += p.hat.size * 1024;
    // per-page protections: one byte a page, a quarter of a cell
    for (const s of p.segs) if (s.vpage) n += s.vpage.length / 4;
  }
  return n;
}

/** Budget of checkpointed cells (~200 MB of typed arrays at worst). */
const CHECKPOINT_BUDGET = 50_000_000;

/**
 * Run the scenario, keeping checkpoints. An exception inside a step (an engine bug) does not
 * escape: the timeline stops before that step, whose state is dropped half-changed (every
 * position left is rebuilt from a checkpoint taken before it), and `fault` says which step threw.
 */
export function buildTimeline(sc: Scenario, hooks: TimelineHooks = {}): Timeline {
  const st = initialState(sc);
  const tl: Timeline = { scenario: sc, steps: [], checkpoints: [cloneState(st)], fault: null };
  return runFrom(tl, st, hooks);
}

/** Whether a timeline stopped before the end of its scenario (a stop hook or `until`). */
export const isCut = (tl: Timeline): boolean =>
  tl.fault === null && tl.steps.length < tl.scenario.steps.length;

/** Run the rest of a timeline that was cut, keeping checkpoints as buildTimeline does. */
export function resumeTimeline(tl: Timeline, hooks: TimelineHooks = {}): Timeline {
  // the tail is handed on: the old timeline is not used after this
  const st = tl.tail ?? stateAt(tl, { step: tl.steps.length, event: -1 });
  return runFrom(
    { scenario: tl.scenario, steps: [...tl.steps], checkpoints: [...tl.checkpoints], fault: null },
    st,
    hooks,
  );
}

/** Run steps from the end of tl (st: the state there) on, pushing records and checkpoints. */
function runFrom(tl: Timeline, st: VmState, hooks: TimelineHooks): Timeline {
  const sc = tl.scenario;
  const { steps, checkpoints } = tl;
  const last = Math.min(sc.steps.length, hooks.until ?? Infinity);
  let spent = 0;
  for (let i = 0; i < checkpoints.length; i++) spent += checkpoints[i] ? stateCells(checkpoints[i]!) : 0;
  let work = 0;
  for (let i = steps.length; i < last; i++) {
    let rec: StepRecord;
    try {
      hooks.beforeStep?.(i + 1);
      rec = runStep(st, sc.steps[i]!, i + 1)!;
    } catch (e) {
      const at = sc.steps[i]!.where;
      const message = e instanceof Error ? e.message : String(e);
      return { ...tl, fault: { step: i + 1, line: at.line, text: at.text, message } };
    }
    steps.push(rec);
    work += rec.raw;
    const stop = i === last - 1 || hooks.afterStep?.(i + 1) === true;
    const cells = stateCells(st);
    // Every step while the state is small; with a big one, once enough work would otherwise
    // have to be replayed to reach the next position (and always after the last step run).
    const worth = cells < 1_000_000 || work >= 20_000 || stop;
    if (worth && spent + cells <= CHECKPOINT_BUDGET) {
      checkpoints.push(cloneState(st));
      spent += cells;
      work = 0;
    } else checkpoints.push(undefined);
    if (stop) break;
  }
  return { ...tl, tail: st };
}

/** Clamp a position into the timeline. */
export function clampPosition(tl: Timeline, pos: Position): Position {
  if (Math.trunc(pos.step) > tl.steps.length) return { step: tl.steps.length, event: -1 };
  const step = Math.max(0, Math.min(tl.steps.length, Math.trunc(pos.step)));
  if (step === 0) return { step: 0, event: -1 };
  const n = tl.steps[step - 1]!.events.length;
  const event = pos.event < 0 || pos.event >= n - 1 ? -1 : Math.trunc(pos.event);
  return { step, event };
}

/**
 * The state at a position, as a fresh copy the caller may keep. `beat` is called after each
 * step replayed (a long replay says it is alive).
 */
export function stateAt(tl: Timeline, pos: Position, beat?: () => void): VmState {
  const p = clampPosition(tl, pos);
  const target = p.event === -1 ? p.step : p.step - 1;
  let base = target;
  while (base > 0 && !tl.checkpoints[base]) base--;
  const st = cloneState(tl.checkpoints[base]!);
  for (let s = base + 1; s <= target; s++) {
    runStep(st, tl.scenario.steps[s - 1]!, s);
    beat?.();
  }
  if (p.event !== -1) {
    const ev = tl.steps[p.step - 1]!.events[p.event]!;
    runStep(st, tl.scenario.steps[p.step - 1]!, p.step, ev.raw + 1);
  }
  return st;
}
