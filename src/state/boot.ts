/**
 * Starting the app: read the URL fragment through the one gate for untrusted input
 * (scenarios/load.ts: the URL codec, then the parser), load it, the working scenario saved in
 * the browser, or the default preset, and follow Back/Forward between shared positions. A bad
 * link never leaves the app empty: the default (or the last good) scenario stays on screen, with
 * one message saying what was wrong. Opening a link never loses the work it replaces: Undo
 * brings it back.
 */
import type { LinkView } from "../scenarios/linkView";
import { lessonById } from "../lessons/lessons";
import { loadInput } from "../scenarios/load";
import { loadText, seek, type TargetView } from "./actions";
import { dismissNotice, notify, present } from "./view";
import { undo } from "./edits";
import { cancelUrlWrite, linkEventToPos } from "./history";
import { loadSaved, startSaving, type SavedWork } from "./persist";
import { START } from "../contract/position";
import { defaultPreset } from "./presets";
import { useApp } from "./store";
import { setTable } from "./teach";
import { setCompareFrom } from "./changes";
import { applyBeside } from "./pair";
import { recordChange } from "./undo";
import { setPendingZoom } from "./zoomWindows";

export interface BootPlan {
  /**
   * the text to run (the link's own when it was read, even if it does not parse); null: run
   * nothing, the scenario on screen stays (a link that cannot be read, met by Back/Forward)
   */
  readonly text: string | null;
  readonly to: { step: number; event: number } | "end";
  readonly presetId: string | null;
  readonly notice: string | null;
  /** a v2 link's view (null: none, a v1 link or no link) */
  readonly view: LinkView | null;
}

/**
 * What to show for a URL fragment (pure apart from reading the preset list). `shown`: whether a
 * scenario is on screen already (Back/Forward), which is what stays when the link's does not parse.
 */
export function planFor(hash: string, shown = false): BootPlan {
  const preset = defaultPreset();
  const fallback = { text: preset.text, to: "end", presetId: preset.id, view: null } as const;
  const body = typeof hash === "string" && hash.startsWith("#") ? hash.slice(1) : hash;
  if (body === "") return { ...fallback, notice: null };
  const r = loadInput("url", body);
  const to = r.pos ? linkEventToPos(r.pos.step, r.pos.event) : "end";
  const view = r.pos?.view ?? null;
  const viewNote = r.pos?.viewProblem
    ? `Part of this link's view could not be read (${r.pos.viewProblem}); the scenario opens without it.`
    : null;
  if (r.ok) return { text: r.text, to, presetId: null, notice: viewNote, view };
  if (r.text === null) {
    const why = `This link could not be opened: ${r.message}.`;
    if (shown)
      return {
        text: null,
        to: "end",
        presetId: null,
        view: null,
        notice: `${why} The scenario on screen stays.`,
      };
    return { ...fallback, notice: `${why} Showing the default scenario instead.` };
  }
  // The link was read but its scenario does not parse: the editor keeps its text, with the error.
  const stays = shown
    ? "the diagrams still show the last scenario that ran"
    : "the default scenario is shown";
  return {
    text: r.text,
    to,
    presetId: null,
    view,
    notice: `The scenario in this link does not parse (${r.message}). Its text is in the editor for you to fix; ${stays}.`,
  };
}

/** The target a link's view names (true: the scenario's own default). */
const targetOf = (v: LinkView | null): true | TargetView =>
  v && (v.proc || v.seg) ? { proc: v.proc ?? null, seg: v.seg ?? null, pages: v.pages ?? null } : true;

/** The rest of a v2 link's view: the enlarged panel, the table view, the zoom windows. */
function applyView(v: LinkView | null): void {
  setPendingZoom(v?.zoom ?? []);
  if (!v) return;
  present(v.panel ?? null);
  setTable(v.table ?? false);
  setCompareFrom(v.compare ?? null);
}

const savedTarget = (w: SavedWork): TargetView => ({ proc: w.proc, seg: w.seg, pages: w.pages });

/**
 * Bring back the saved working scenario: the one that ran, then the editor's text if it differs.
 * If it cannot run any more (storage tampered with, a newer engine refusing it), the default
 * scenario opens, so the app is never empty.
 */
async function restore(w: SavedWork, to: { step: number; event: number }, fresh: true | TargetView) {
  const ran = await loadText(w.shown, to, { history: "replace", presetId: w.presetId, fresh, record: false });
  if (ran && w.text !== w.shown) await loadText(w.text, to, { record: false });
  if (!ran && !useApp.getState().engine.snapshot) {
    const d = defaultPreset();
    await loadText(d.text, "end", { history: "replace", presetId: d.id, fresh: true, record: false });
  }
}

const predictMode = (): boolean => new URLSearchParams(window.location.search).get("mode") === "predict";

async function openFirst(hash: string, keep: boolean): Promise<void> {
  const saved = keep ? loadSaved() : null;
  // a link that cannot be read leaves the saved work on screen, as it would a scenario on screen
  const plan = planFor(hash, saved !== null);
  if (plan.notice) notify("error", plan.notice);
  if (plan.text === null && saved) return restore(saved, saved.pos, savedTarget(saved));
  const body = hash.replace(/^#/, "");
  // predict mode without a link starts before the first step, with a question to come
  const first = predictMode() ? START : null;
  // a lesson link opens its lesson (teach.ts): the work it replaces is kept for Undo below
  const lesson = new URLSearchParams(window.location.search).get("lesson");
  const opensLesson = body === "" && lesson !== null && lessonById(lesson) !== undefined;
  if (body === "" && saved && !opensLesson) return restore(saved, first ?? saved.pos, savedTarget(saved));
  if (plan.text !== null && saved && plan.text === saved.shown) {
    // a reload of this very page: the link is the working scenario's own
    applyView(plan.view);
    const to = plan.to === "end" ? saved.pos : plan.to;
    await restore(saved, to, plan.view ? targetOf(plan.view) : savedTarget(saved));
    applyBeside(plan.view);
    return;
  }
  const to = body === "" && first ? first : plan.to;
  await loadText(plan.text ?? defaultPreset().text, to, {
    history: "none",
    presetId: plan.presetId,
    fallbackText: defaultPreset().text,
    fresh: targetOf(plan.view),
  });
  applyView(plan.view);
  applyBeside(plan.view);
  if (saved && saved.text !== plan.text) {
    recordChange({ text: saved.text, shown: saved.shown, pos: saved.pos, presetId: saved.presetId });
    if (!plan.notice)
      notify("info", "This link replaced the scenario you were working on: Undo brings it back.", {
        label: "Undo",
        name: "Undo opening this link",
        run: () => void undo(),
      });
  }
}

async function openHash(hash: string): Promise<void> {
  const s = useApp.getState();
  const plan = planFor(hash, s.engine.snapshot !== null);
  // a message about the link before stays no longer than that link
  if (plan.notice) notify("error", plan.notice);
  else if (s.view.notice?.kind === "error") dismissNotice();
  if (plan.text === null) return;
  const edited = s.scenario.text !== s.scenario.shownText;
  if (!edited && plan.text === s.scenario.shownText && plan.to !== "end") {
    seek(plan.to, "none");
    if (plan.view) applyView(plan.view);
    applyBeside(plan.view);
    return;
  }
  // an edit that had not run is kept for Undo; the editor shows the link's scenario, whole
  if (edited)
    recordChange({
      text: s.scenario.text,
      shown: s.scenario.shownText,
      pos: s.engine.pos,
      presetId: s.scenario.presetId,
    });
  await loadText(plan.text, plan.to, {
    history: "none",
    presetId: plan.presetId,
    fallbackText: defaultPreset().text,
    fresh: targetOf(plan.view),
  });
  applyView(plan.view);
  applyBeside(plan.view);
}

/**
 * The full app keeps the working scenario in the browser and brings it back; the embed and
 * print pages only show their link.
 */
export function boot(): () => void {
  const q = new URLSearchParams(window.location.search);
  const app = !q.has("embed") && !q.has("print");
  void openFirst(window.location.hash, app);
  const stopSaving = app ? startSaving() : () => {};
  const onPop = (): void => {
    cancelUrlWrite();
    void openHash(window.location.hash);
  };
  window.addEventListener("popstate", onPop);
  return () => {
    stopSaving();
    window.removeEventListener("popstate", onPop);
  };
}
