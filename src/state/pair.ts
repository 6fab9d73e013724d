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
import type { LinkView } from "../scenarios/linkView";
import { replaceUrlSoon, setExtraView } from "./history";
import { defaultPreset, loadPresets, presetEntry, presetNow, usePresets } from "./presets";
import { local } from "./local";
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

// B's engine (one worker, kept while B is open), the token of the latest opening, subscribed yet
const my = local(
  () => ({ client: null as EngineClient | null, token: 0, started: false }),
  (m) => m.client?.dispose(),
);

/** Open `text` beside the scenario on screen (replacing any other), at the moment that goes with it. */
export async function openBeside(text: string, title: string): Promise<void> {
  const t = ++my.token;
  usePair.setState({ ...CLOSED, open: true, text, title });
  // the link carries B from now on, even a B that does not run (its text is there to fix)
  replaceUrlSoon();
  my.client ??= new EngineClient(defaultEndpoint);
  const r = await my.client.load(text, { step: 0, event: -1 });
  if (t !== my.token) return;
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
  my.token++;
  usePair.setState(CLOSED);
  my.client?.dispose();
  my.client = null;
  replaceUrlSoon();
}

/**
 * How B is named: the swapped scenario, a preset by its title, or any other text. The presets'
 * texts are loaded on first use (state/presets.ts): whoever names a B loads them first.
 */
export function titleFor(text: string, shown = useApp.getState().scenario.shownText): string {
  if (text === flipShare(shown)) return `the same steps, ${shareOf(text) ?? "swapped"}`;
  const p = [defaultPreset(), ...(usePresets.getState().all ?? [])].find((x) => x.text === text);
  return p ? `preset “${p.title}”` : "a scenario of your own";
}

/** What a link carries of B: "flip" while B is the scenario on screen swapped, else B's text. */
function besideView(): LinkView {
  const p = usePair.getState();
  if (!p.open) return {};
  return { beside: p.text === flipShare(useApp.getState().scenario.shownText) ? "flip" : { text: p.text } };
}

// a share link and the embed carry B with the rest of the view (history.ts)
setExtraView(besideView);

/**
 * Open the B a link carries, once its scenario is on screen. A link without one closes B, unless
 * the link's scenario is a preset made to be seen side by side (followBeside opened it).
 */
export function applyBeside(v: LinkView | null): void {
  const b = v?.beside;
  if (b === "flip") openFlipped();
  else if (b) {
    const text = b.text;
    // named after a preset if it is one: their texts first (offline and not cached: by its text)
    void loadPresets()
      .catch(() => null)
      .then(() => openBeside(text, titleFor(text)));
  } else if (usePair.getState().open) {
    const id = useApp.getState().scenario.presetId;
    if (!(id && presetEntry(id)?.beside)) closeBeside();
  }
}

/** Move the second run to the moment that goes with the first's (the latest wins). */
function follow(): void {
  const p = usePair.getState();
  const e = useApp.getState().engine;
  if (!p.open || !my.client || !p.snap || !e.snapshot) return;
  const want = alignPos(clampPos(e.steps, e.snapshot.pos), p.steps);
  if (samePos(want, p.snap.pos)) return;
  const gen = p.gen;
  const hit = my.client.takeAhead(gen, want);
  if (hit) usePair.setState({ snap: hit });
  my.client.seek(
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

/** Keep the second run with the first: called once at start-up. */
export function followBeside(): void {
  if (my.started) return;
  my.started = true;
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
