/**
 * The preset menu as the app's first paint needs it: each preset's id, order, title and where it
 * opens, from its header lines alone (`?menu`, a build step in vite.config.ts), and the default
 * preset whole. The other texts, with their `# idea:` lines, are in presets.ts, which the app
 * loads on first use (state/presets.ts): all of them together are a tenth of the first load.
 */
import { DEFAULT_PRESET_ID, presetOf, type Preset } from "./preset";
import defaultText from "./presets/00-default.vms?raw";

/** What the menu shows of a preset before its text is loaded. */
export type PresetEntry = Omit<Preset, "text" | "idea">;

const HEADS = import.meta.glob<string>("./presets/*.vms", {
  query: "?menu",
  import: "default",
  eager: true,
});

export const PRESET_MENU: readonly PresetEntry[] = Object.keys(HEADS)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((path) => {
    const { text: _text, idea: _idea, ...entry } = presetOf(path, HEADS[path]!);
    return entry;
  });

/** The preset the app opens with, whole. */
export const DEFAULT_PRESET: Preset = presetOf(`./presets/00-${DEFAULT_PRESET_ID}.vms`, defaultText);
