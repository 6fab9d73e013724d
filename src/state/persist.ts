/**
 * The working scenario survives a reload: the editor's text (even an edit that has not run or
 * does not parse), the scenario on screen, the position and the target are kept in
 * localStorage. What comes back is untrusted like any input: it is checked field by field and
 * its text goes through the same gate as a link's (the worker's parser), so a damaged or
 * tampered entry is ignored, never run as something else.
 */
import { LIMITS } from "../contract/limits";
import type { Position } from "../contract/wire/protocol";
import { clampPos } from "../contract/position";
import { useApp, type AppState, type SegRef } from "./store";

const WORK_KEY = "anonscope-work";
const SAVE_DEBOUNCE_MS = 300;

export interface SavedWork {
  readonly text: string;
  readonly shown: string;
  readonly pos: Position;
  readonly presetId: string | null;
  readonly proc: string | null;
  readonly seg: SegRef | null;
  readonly pages: { readonly from: number; readonly to: number } | null;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const int = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x);
const str = (x: unknown, max: number): x is string => typeof x === "string" && x.length <= max;

/** Check what came back from storage; null when anything essential is wrong. */
export function readSaved(raw: string | null): SavedWork | null {
  if (raw === null || raw.length > 4 * LIMITS.scenarioChars) return null;
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof o !== "object" || o === null) return null;
  const r = o as Record<string, unknown>;
  if (r.v !== 1 || !str(r.text, LIMITS.scenarioChars) || !str(r.shown, LIMITS.scenarioChars)) return null;
  const p = r.pos as Record<string, unknown> | null;
  const pos: Position =
    p && typeof p === "object" && int(p.step) && int(p.event) && p.step >= 0 && p.event >= -1
      ? { step: p.step, event: p.event }
      : { step: 0, event: -1 };
  const g = r.seg as Record<string, unknown> | null;
  const pg = r.pages as Record<string, unknown> | null;
  return {
    text: r.text,
    shown: r.shown,
    pos,
    presetId: str(r.presetId, 80) ? r.presetId : null,
    proc: str(r.proc, 32) && NAME.test(r.proc) ? r.proc : null,
    seg:
      g && typeof g === "object" && str(g.name, 32) && NAME.test(g.name) && int(g.first)
        ? { name: g.name, first: g.first }
        : null,
    pages:
      pg && typeof pg === "object" && int(pg.from) && int(pg.to) && pg.from <= pg.to
        ? { from: pg.from, to: pg.to }
        : null,
  };
}

export function loadSaved(): SavedWork | null {
  try {
    return readSaved(globalThis.localStorage?.getItem(WORK_KEY) ?? null);
  } catch {
    return null;
  }
}

function workOf(s: AppState): SavedWork | null {
  if (!s.engine.snapshot || s.scenario.shownText === "") return null;
  const v = s.view;
  return {
    text: s.scenario.text,
    shown: s.scenario.shownText,
    pos: clampPos(s.engine.steps, s.engine.pos),
    presetId: s.scenario.presetId,
    proc: v.proc,
    seg: v.seg,
    pages: v.pages,
  };
}

function save(w: SavedWork): void {
  try {
    globalThis.localStorage?.setItem(WORK_KEY, JSON.stringify({ v: 1, ...w }));
  } catch {
    // storage full or unavailable (private mode): the work lasts for this page only
  }
}

/** Keep the working scenario saved as it changes (debounced); returns the undo. */
export function startSaving(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    const w = workOf(useApp.getState());
    if (w) save(w);
  };
  const unsub = useApp.subscribe((s, prev) => {
    if (s.scenario === prev.scenario && s.engine.pos === prev.engine.pos && s.view === prev.view) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DEBOUNCE_MS);
  });
  const onHide = (): void => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
  };
  window.addEventListener("pagehide", onHide);
  return () => {
    unsub();
    if (timer) clearTimeout(timer);
    window.removeEventListener("pagehide", onHide);
  };
}
