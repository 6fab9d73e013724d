/**
 * What a URL fragment opens (boot.ts): read through the one gate for untrusted input
 * (scenarios/load.ts: the link codec, then the parser). A module of its own so that the codec
 * and its DEFLATE are loaded only when a link is opened: the default scenario's first paint
 * (no fragment) does without them.
 */
import type { LinkView } from "../scenarios/linkView";
import { loadInput } from "../scenarios/load";
import { linkEventToPos } from "./history";
import { defaultPreset } from "./presets";

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
