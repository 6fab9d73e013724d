/**
 * The moments a walkthrough draws: the start (before the first statement) and the end of each
 * step, each with what the frame needs — the snapshot the browser's panels read (built by the
 * worker's own buildSnapshot), the step's record, the scenario author's comment on it, what
 * changed since the previous moment (the engine's diffStates, as the app's "What changed") and
 * which mapping the Anon layer shows. One moment at a time (a generator), so memory holds two
 * states at most whatever the number of steps.
 */
import { diffStates, type Diff } from "../../engine/diff";
import { initialState, runStep, type StepRecord } from "../../engine/run";
import { cloneState } from "../../engine/state";
import type { VmState } from "../../engine/types";
import type { Scenario, Statement } from "../../contract/ast";
import { buildSnapshot } from "../../worker/snapshot";
import type { ProcSnap, SegSnap, Snapshot } from "../../contract/wire/protocol";
import { chosenMapping, type Mapping } from "./mapping";

export interface Moment {
  /** 0 = the start, else the step just run */
  readonly n: number;
  /** steps in the scenario (a walkthrough cut by --until draws fewer) */
  readonly of: number;
  readonly snap: Snapshot;
  readonly step: StepRecord | null;
  readonly statement: Statement | null;
  /** the scenario's own comment on this step (the `#` lines just above it), or "" */
  readonly comment: string;
  /** what this step changed; null at the start */
  readonly changes: Diff | null;
  /** the mapping the Anon layer draws, or null when no process maps anything */
  readonly mapping: Mapping | null;
}

/** Changes listed per kind before the rest is folded into a summary line. */
const KEEP = 4;

export function* walkMoments(sc: Scenario, text: string, steps: number): Generator<Moment> {
  const st: VmState = initialState(sc);
  const lines = text.split(/\r?\n/);
  const snap0 = buildSnapshot(st, 1, { step: 0, event: -1 });
  let mapping: Mapping | null = chosenMapping(snap0, null, null);
  const of = sc.steps.length;
  yield { n: 0, of, snap: snap0, step: null, statement: null, comment: "", changes: null, mapping };
  for (let n = 1; n <= steps; n++) {
    const s = sc.steps[n - 1]!;
    const before = cloneState(st);
    const step = runStep(st, s, n)!;
    const changes = diffStates(before, st, KEEP);
    const snap = buildSnapshot(st, 1, { step: n, event: -1 }, extraOf(step));
    mapping = chosenMapping(snap, s, mapping);
    yield {
      n,
      of,
      snap,
      step,
      statement: s,
      comment: commentOf(lines, s.where.line),
      changes,
      mapping,
    };
  }
}

/** The anons and frames the step's events name: the snapshot carries them whatever its size. */
function extraOf(step: StepRecord): { anons: number[]; frames: number[] } {
  const anons = new Set<number>();
  const frames = new Set<number>();
  for (const e of step.events) {
    const r = e.refs;
    if (!r) continue;
    if (r.anon) anons.add(r.anon);
    if (r.frame) frames.add(r.frame);
  }
  return { anons: [...anons], frames: [...frames] };
}

/** Header comments (`# title:` …) describe the scenario, not a step. */
const HEADER = /^#\s*(title|idea|start)\s*:/i;

/**
 * The comment a scenario gives a statement: the `#` lines right above it (a blank line ends
 * them), or failing those, a `#` comment at the end of its own line.
 */
export function commentOf(lines: readonly string[], line: number): string {
  const above: string[] = [];
  for (let i = line - 2; i >= 0; i--) {
    const t = lines[i]!.trim();
    if (!t.startsWith("#") || HEADER.test(t)) break;
    above.unshift(t.replace(/^#+\s*/, ""));
  }
  if (above.length) return above.join(" ").trim();
  const own = lines[line - 1] ?? "";
  const at = own.indexOf("#");
  return at >= 0 ? own.slice(at + 1).trim() : "";
}

export type { Mapping, ProcSnap, SegSnap };
