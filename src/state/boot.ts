/**
 * Starting the app: read the URL fragment (one gate for untrusted input: decodeShare, then the
 * parser), load it or the default preset, and follow Back/Forward between shared positions.
 */
import { decodeShare } from "../scenarios/url";
import { loadText, notify, seek } from "./actions";
import { cancelUrlWrite, linkEventToPos } from "./history";
import { defaultPreset } from "./presets";
import { useApp } from "./store";

export interface BootPlan {
  readonly text: string;
  readonly to: { step: number; event: number } | "end";
  readonly presetId: string | null;
  readonly notice: string | null;
}

/** What to show for a URL fragment (pure apart from reading the preset list). */
export function planFor(hash: string): BootPlan {
  const preset = defaultPreset();
  const body = hash.startsWith("#") ? hash.slice(1) : hash;
  if (body === "") return { text: preset.text, to: "end", presetId: preset.id, notice: null };
  const d = decodeShare(body);
  if (!d.ok) {
    return {
      text: preset.text,
      to: "end",
      presetId: preset.id,
      notice: `This link could not be opened: ${d.message}. Showing the default scenario instead.`,
    };
  }
  return { text: d.text, to: linkEventToPos(d.step, d.event), presetId: null, notice: null };
}

async function openHash(hash: string, initial: boolean): Promise<void> {
  const plan = planFor(hash);
  if (plan.notice) notify("error", plan.notice);
  const s = useApp.getState();
  if (!initial && plan.text === s.scenario.shownText && !s.scenario.error && plan.to !== "end") {
    seek(plan.to, "none");
    return;
  }
  await loadText(plan.text, plan.to, {
    history: "none",
    presetId: plan.presetId,
    fallbackText: defaultPreset().text,
  });
  const after = useApp.getState().scenario;
  if (after.error && plan.notice === null) {
    notify(
      "error",
      "The scenario in this link does not parse; the default scenario is shown. Fix the text to run it.",
    );
  }
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
