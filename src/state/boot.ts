/**
 * Starting the app: read the URL fragment through the one gate for untrusted input
 * (scenarios/load.ts: the URL codec, then the parser), load it or the default preset, and follow
 * Back/Forward between shared positions. A bad link never leaves the app empty: the default (or
 * the last good) scenario stays on screen, with one message saying what was wrong.
 */
import { loadInput } from "../scenarios/load";
import { dismissNotice, loadText, notify, seek } from "./actions";
import { cancelUrlWrite, linkEventToPos } from "./history";
import { defaultPreset } from "./presets";
import { useApp } from "./store";

export interface BootPlan {
  /**
   * the text to run (the link's own when it was read, even if it does not parse); null: run
   * nothing, the scenario on screen stays (a link that cannot be read, met by Back/Forward)
   */
  readonly text: string | null;
  readonly to: { step: number; event: number } | "end";
  readonly presetId: string | null;
  readonly notice: string | null;
}

/**
 * What to show for a URL fragment (pure apart from reading the preset list). `shown`: whether a
 * scenario is on screen already (Back/Forward), which is what stays when the link's does not parse.
 */
export function planFor(hash: string, shown = false): BootPlan {
  const preset = defaultPreset();
  const fallback = { text: preset.text, to: "end", presetId: preset.id } as const;
  const body = typeof hash === "string" && hash.startsWith("#") ? hash.slice(1) : hash;
  if (body === "") return { ...fallback, notice: null };
  const r = loadInput("url", body);
  const to = r.pos ? linkEventToPos(r.pos.step, r.pos.event) : "end";
  if (r.ok) return { text: r.text, to, presetId: null, notice: null };
  if (r.text === null) {
    const why = `This link could not be opened: ${r.message}.`;
    if (shown)
      return { text: null, to: "end", presetId: null, notice: `${why} The scenario on screen stays.` };
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
    notice: `The scenario in this link does not parse (${r.message}). Its text is in the editor for you to fix; ${stays}.`,
  };
}

async function openHash(hash: string, initial: boolean): Promise<void> {
  const s = useApp.getState();
  const plan = planFor(hash, s.engine.snapshot !== null);
  // a message about the link before stays no longer than that link
  if (plan.notice) notify("error", plan.notice);
  else if (!initial && s.view.notice?.kind === "error") dismissNotice();
  if (plan.text === null) return;
  if (!initial && plan.text === s.scenario.shownText && !s.scenario.error && plan.to !== "end") {
    seek(plan.to, "none");
    return;
  }
  await loadText(plan.text, plan.to, {
    history: "none",
    presetId: plan.presetId,
    fallbackText: defaultPreset().text,
  });
}

export function boot(): () => void {
  void openHash(window.location.hash, true);
  const onPop = (): void => {
    cancelUrlWrite();
    void openHash(window.location.hash, false);
  };
  window.addEventListener("popstate", onPop);
  return () => window.removeEventListener("popstate", onPop);
}
