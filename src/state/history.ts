/**
 * The URL fragment carries the scenario on screen, the position and the view (scenario-format.md
 * §4, link format v1/v2 in scenarios/url.ts). It is always the scenario that ran, never an edit
 * that has not: the text being edited is saved in the browser instead (persist.ts), so a link
 * never pairs one text with another's position. Scrubbing rewrites the fragment in place
 * (debounced replaceState); explicit navigation (a preset, an operation, Share) adds a history
 * entry, so Back returns to the previous shared position.
 *
 * The link codec (scenarios/url.ts, with fflate's DEFLATE) is loaded the first time a link is
 * written, not before the first paint: a write asked for before it is there waits for it, in
 * order, and reads the state when it runs.
 */
import type { LinkView } from "../scenarios/linkView";
import type * as UrlCodec from "../scenarios/url";
import { clampPos } from "../contract/position";
import { defaultTarget, scenarioOf } from "./scenarioFacts";
import { useApp } from "./store";
import { zoomWindowsNow } from "./zoomWindows";
import { lazyModule, local, type Timer } from "./local";

export type HistoryMode = "push" | "replace" | "none";

const URL_DEBOUNCE_MS = 250;
const my = local(
  // writes: replaced by cancelUrlWrite, so a write still waiting for the codec is dropped
  () => ({ timer: null as Timer | null, writes: {} }),
  (m) => {
    if (m.timer) clearTimeout(m.timer);
  },
);

type Codec = typeof UrlCodec;
const codec = lazyModule<Codec>(() => import("../scenarios/url"));

/** Whether the link codec is loaded (the test bridge). */
export const linkReady = (): boolean => codec.now() !== null;

/** The link codec, loaded on first use (a rejected load is tried again the next time). */
export const linkCodec = (): Promise<Codec> => codec.load();

/**
 * Parts of the view kept elsewhere (the table view, in the teaching store; Compare's moment A,
 * in state/changes.ts) add themselves here, each once.
 */
const extraViews: (() => LinkView)[] = [];
export const setExtraView = (f: () => LinkView): void => {
  extraViews.push(f);
};
const extraView = (): LinkView => Object.assign({}, ...extraViews.map((f) => f())) as LinkView;

/** The view on screen, less what the scenario opens with anyway (so a plain link stays v1). */
function viewNow(): LinkView {
  const s = useApp.getState();
  const v = s.view;
  const d = defaultTarget(scenarioOf(s.scenario.shownText));
  const sameTarget =
    v.proc === d.proc && (v.seg?.name ?? null) === d.seg && (v.seg?.first ?? 0) === 0 && !v.pages;
  const zoom = zoomWindowsNow();
  return {
    ...(sameTarget
      ? {}
      : {
          ...(v.proc ? { proc: v.proc } : {}),
          ...(v.seg ? { seg: v.seg } : {}),
          ...(v.pages ? { pages: v.pages } : {}),
        }),
    ...(v.presenting ? { panel: v.presenting } : {}),
    ...(zoom.length ? { zoom } : {}),
    ...extraView(),
  };
}

/**
 * The fragment body for the scenario on screen, its position and the view. Needs the codec
 * (`linkCodec()`): null until it is loaded.
 */
export function currentFragment(): string | null {
  const c = codec.now();
  if (!c) return null;
  const { encodeShare } = c;
  const s = useApp.getState();
  const p = clampPos(s.engine.steps, s.engine.pos);
  const last = p.step > 0 ? (s.engine.steps[p.step - 1]?.events.length ?? 1) - 1 : 0;
  const pos = { step: p.step, event: p.event < 0 ? Math.max(0, last) : p.event };
  return encodeShare(s.scenario.shownText, pos, viewNow());
}

/**
 * Positions in links are the engine's own: step s (0 = before the first statement) and event e,
 * the 0-based index of the event just shown; the end of a step is its last event. So a link
 * never needs a special value, and a position past the end clamps to the end.
 */
export function linkEventToPos(step: number, event: number): { step: number; event: number } {
  return { step, event };
}

/** The link to the scenario on screen, its position and the view (the codec loaded first). */
export async function shareUrl(): Promise<string> {
  await linkCodec();
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#${currentFragment()}`;
}

export function writeUrl(mode: "push" | "replace"): void {
  if (my.timer) clearTimeout(my.timer);
  my.timer = null;
  if (typeof window === "undefined" || !window.history) return;
  if (!codec.now()) {
    const token = my.writes;
    linkCodec().then(
      () => token === my.writes && writeUrl(mode),
      () => {}, // offline without the chunk: the address bar keeps the last link it had
    );
    return;
  }
  if (!useApp.getState().engine.snapshot) return;
  const hash = `#${currentFragment()}`;
  if (window.location.hash === hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

export function replaceUrlSoon(): void {
  if (my.timer) clearTimeout(my.timer);
  my.timer = setTimeout(() => writeUrl("replace"), URL_DEBOUNCE_MS);
}

/** Drop a pending rewrite (the user navigated away: it would land on the wrong entry). */
export function cancelUrlWrite(): void {
  if (my.timer) clearTimeout(my.timer);
  my.timer = null;
  my.writes = {};
}
