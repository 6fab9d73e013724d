/**
 * The URL fragment carries the scenario text and the position (scenario-format.md §4).
 * Scrubbing rewrites it in place (debounced replaceState); explicit navigation (a preset, an
 * operation, Share) adds a history entry, so Back returns to the previous shared position.
 */
import { encodeShare } from "../scenarios/url";
import { clampPos } from "./positions";
import { useApp } from "./store";

export type HistoryMode = "push" | "replace" | "none";

export const URL_DEBOUNCE_MS = 250;
let timer: ReturnType<typeof setTimeout> | null = null;

/** The fragment body for the current text and position. */
export function currentFragment(): string {
  const s = useApp.getState();
  const p = clampPos(s.engine.steps, s.engine.pos);
  const last = p.step > 0 ? (s.engine.steps[p.step - 1]?.events.length ?? 1) - 1 : 0;
  return encodeShare(s.scenario.text, { step: p.step, event: p.event < 0 ? Math.max(0, last) : p.event });
}

/**
 * Positions in links are the engine's own: step s (0 = before the first statement) and event e,
 * the 0-based index of the event just shown; the end of a step is its last event. So a link
 * never needs a special value, and a position past the end clamps to the end.
 */
export function linkEventToPos(step: number, event: number): { step: number; event: number } {
  return { step, event };
}

export function shareUrl(): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#${currentFragment()}`;
}

export function writeUrl(mode: "push" | "replace"): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (typeof window === "undefined" || !window.history) return;
  const hash = `#${currentFragment()}`;
  if (window.location.hash === hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

export function replaceUrlSoon(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => writeUrl("replace"), URL_DEBOUNCE_MS);
}

/** Drop a pending rewrite (the user navigated away: it would land on the wrong entry). */
export function cancelUrlWrite(): void {
  if (timer) clearTimeout(timer);
  timer = null;
}
