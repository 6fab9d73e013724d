/**
 * Starting the app: read the URL fragment through the one gate for untrusted input
 * (scenarios/load.ts: the URL codec, then the parser), load it, the working scenario saved in
 * the browser, or the default preset, and follow Back/Forward between shared positions. A bad
 * link never leaves the app empty: the default (or the last good) scenario stays on screen, with
 * one message saying what was wrong. Opening a link never loses the work it replaces: Undo
 * brings it back.
 */
import type { LinkView } from "../scenarios/linkView";
import { isLesson } from "../lessons/catalog";
import { loadText, seek } from "./actions";
import type { TargetView } from "./loaded";
import { dismissNotice, notify, present } from "./view";
import { undo } from "./edits";
import { cancelUrlWrite, linkCodec } from "./history";
import type { BootPlan } from "./plan";
import type * as PlanModule from "./plan";
import { loadSaved, startSaving, type SavedWork } from "./persist";
import { START } from "../contract/position";
import { defaultPreset } from "./presets";
import { setSlice, useApp } from "./store";
import { setTable } from "./teach";
import { setCompareFrom } from "./changes";
import { applyBeside } from "./pair";
import { recordChange } from "./undo";
import { setPendingZoom } from "./zoomWindows";
import { lazyModule } from "./local";

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

/**
 * The plan for a fragment: without one, the default preset at its end; with one, what the link
 * says (plan.ts, loaded then with the link codec).
 */
const plans = lazyModule<typeof PlanModule>(() => import("./plan"));
async function planOf(hash: string, shown: boolean): Promise<BootPlan> {
  if (hash.replace(/^#/, "") === "") {
    const preset = defaultPreset();
    return { text: preset.text, to: "end", presetId: preset.id, view: null, notice: null };
  }
  if (!plans.now()) {
    // the app is loading meanwhile (Back or Forward to a link before any link was read)
    const was = useApp.getState().scenario.loading;
    if (!was) setSlice("scenario", { loading: true });
    try {
      await plans.load();
    } finally {
      if (!was) setSlice("scenario", { loading: false });
    }
  }
  return plans.now()!.planFor(hash, shown);
}

async function openFirst(hash: string, keep: boolean): Promise<void> {
  const saved = keep ? loadSaved() : null;
  // a link that cannot be read leaves the saved work on screen, as it would a scenario on screen
  const plan = await planOf(hash, saved !== null);
  if (plan.notice) notify("error", plan.notice);
  if (plan.text === null && saved) return restore(saved, saved.pos, savedTarget(saved));
  const body = hash.replace(/^#/, "");
  // predict mode without a link starts before the first step, with a question to come
  const first = predictMode() ? START : null;
  // a lesson link opens its lesson (teach.ts): the work it replaces is kept for Undo below
  const lesson = new URLSearchParams(window.location.search).get("lesson");
  const opensLesson = body === "" && lesson !== null && isLesson(lesson);
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
  const plan = await planOf(hash, useApp.getState().engine.snapshot !== null);
  const s = useApp.getState();
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
 * The link codec (history.ts) is not part of the first paint, but every step rewrites the link
 * and Share copies one: it is fetched once the first scenario is on screen and the page is idle.
 */
function prefetchCodec(): void {
  const load = (): void => {
    linkCodec().catch(() => {}); // offline without the chunk: tried again when a link is written
  };
  if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(load);
  else setTimeout(load, 50);
}

/**
 * The full app keeps the working scenario in the browser and brings it back; the embed and
 * print pages only show their link.
 */
export function boot(): () => void {
  const q = new URLSearchParams(window.location.search);
  const app = !q.has("embed") && !q.has("print");
  void openFirst(window.location.hash, app).finally(prefetchCodec);
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
