/**
 * A second scenario beside the one on screen (issue 14, "compare two scenarios"): its own engine
 * (a second worker), stepped together with the first. The moment on screen is mapped to the same
 * step of the second (and the same event, when it has that many), and the step where the two
 * runs' kernel paths first part is worked out from their events: the point where they diverge.
 */
import { create } from "zustand";
import { EngineClient } from "../client/client";
import { defaultEndpoint } from "../client/endpoints";
import { clampPos, samePos } from "../contract/position";
import type { Position, Snapshot, StepInfo } from "../contract/wire/protocol";
import { flipShare, shareOf } from "../scenarios/flipShare";
import { presetEntry, presetNow } from "./presets";
import { useApp } from "./store";

/** Where two runs part: the first step whose kernel functions (or result) differ, and how. */
export interface Divergence {
  readonly step: number;
  /** the first event of that step that differs (its index), and the function each run calls there (null: none) */
  readonly event: number;
  readonly a: string | null;
  readonly b: string | null;
}

export interface PairState {
  readonly open: boolean;
  /** how the second scenario is named beside the first ("the same steps, MAP_SHARED") */
  readonly title: string;
  readonly text: string;
  readonly gen: number;
  readonly steps: readonly StepInfo[];
  readonly snap: Snapshot | null;
  readonly error: string | null;
  readonly diverge: Divergence | null;
}

const CLOSED: PairState = {
  open: false,
  title: "",
  text: "",
  gen: 0,
  steps: [],
  snap: null,
  error: null,
  diverge: null,
};

export const usePair = create<PairState>()(() => CLOSED);

const fnsOf = (s: StepInfo | undefined): string[] => (s ? s.events.map((e) => e.fn) : []);

/** The first step where the kernel took another path in b than in a; null: none in their common steps. */
export function divergence(a: readonly StepInfo[], b: readonly StepInfo[]): Divergence | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const fa = fnsOf(a[i]);
    const fb = fnsOf(b[i]);
    let e = 0;
    while (e < fa.length && e < fb.length && fa[e] === fb[e]) e++;
    if (e < fa.length || e < fb.length || a[i]?.result !== b[i]?.result)
      return { step: i + 1, event: e, a: fa[e] ?? null, b: fb[e] ?? null };
  }
  return null;
}

/** The moment of the second run that goes with `p` of the first: the same step, and event. */
export function alignPos(p: Position, b: readonly StepInfo[]): Position {
  const step = Math.min(p.step, b.length);
  if (step < p.step || p.event === -1 || step === 0) return clampPos(b, { step, event: -1 });
  const n = b[step - 1]!.events.length;
  return p.event >= n - 1 ? { step, event: -1 } : { step, event: p.event };
}

let client: EngineClient | null = null;
let token = 0;

/** Open `text` beside the scenario on screen (replacing any other), at the moment that goes with it. */
export async function openBeside(text: string, title: string): Promise<void> {
  const t = ++token;
  usePair.setState({ ...CLOSED, open: true, text, title });
  client ??= new EngineClient(defaultEndpoint);
  const r = await client.load(text, { step: 0, event: -1 });
  if (t !== token) return;
  if (r.type === "loaded") {
    // the first run's steps as they are now (a preset opening both may have loaded meanwhile)
    const a = useApp.getState().engine.steps;
    usePair.setState({ gen: r.gen, steps: r.steps, snap: r.snapshot, diverge: divergence(a, r.steps) });
    follow();
  } else
    usePair.setState({
      error:
        r.type === "parse-error"
          ? `line ${r.error.line}: ${r.error.message}`
          : r.type === "failed"
            ? r.message
            : "the simulator did not answer",
    });
}

export function closeBeside(): void {
  token++;
  usePair.setState(CLOSED);
  client?.dispose();
  client = null;
}

/** Move the second run to the moment that goes with the first's (the latest wins). */
function follow(): void {
  const p = usePair.getState();
  const e = useApp.getState().engine;
  if (!p.open || !client || !p.snap || !e.snapshot) return;
  const want = alignPos(clampPos(e.steps, e.snapshot.pos), p.steps);
  if (samePos(want, p.snap.pos)) return;
  const gen = p.gen;
  const hit = client.takeAhead(gen, want);
  if (hit) usePair.setState({ snap: hit });
  client.seek(
    gen,
    want,
    (r) => {
      if (r.type === "snapshot" && usePair.getState().gen === gen) usePair.setState({ snap: r.snapshot });
    },
    hit !== null,
  );
}

/** The scenario on screen beside itself with MAP_PRIVATE and MAP_SHARED swapped; false: it has no mmap to swap. */
export function openFlipped(text = useApp.getState().scenario.shownText): boolean {
  const b = flipShare(text);
  if (b === null) return false;
  void openBeside(b, `the same steps, ${shareOf(b) ?? "swapped"}`);
  return true;
}

let started = false;
/** Keep the second run with the first: called once at start-up. */
export function followBeside(): void {
  if (started) return;
  started = true;
  useApp.subscribe((s, prev) => {
    // a preset made to be seen side by side opens so; any other preset closes the pair
    if (s.scenario.presetId !== prev.scenario.presetId && s.scenario.presetId !== null) {
      const id = s.scenario.presetId;
      // the preset's own text (loaded by loadPreset), else the text it loads with
      if (presetEntry(id)?.beside) openFlipped(presetNow(id)?.text ?? s.scenario.text);
      else if (usePair.getState().open) closeBeside();
    }
    if (!usePair.getState().open) return;
    if (s.engine.steps !== prev.engine.steps)
      usePair.setState({ diverge: divergence(s.engine.steps, usePair.getState().steps) });
    if (s.engine.snapshot !== prev.engine.snapshot) follow();
  });
}
