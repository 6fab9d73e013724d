/**
 * The preset scenarios of the menu: every `presets/NN-slug.vms` file, in file-name order.
 * Each file starts with header comments the app shows:
 *   # title: One line
 *   # idea: One paragraph (one line) for the student: what to watch and why it happens.
 *   # start: N (optional) the step it opens at, when its idea needs a state already built
 *     (a big heap already written); without it a preset opens at the start, before step 1.
 *   # beside: MAP_SHARED (optional) it opens side by side with the same steps, every mmap's
 *     MAP_PRIVATE and MAP_SHARED swapped (scenarios/flipShare.ts), the value naming the second.
 * A file without them still loads (title = id, idea = ""); the tests catch it. The app reads
 * the menu from presetMenu.ts and loads this module, with every text, on first use.
 */
import { DEFAULT_PRESET_ID, presetOf, type Preset } from "./preset";

export { DEFAULT_PRESET_ID, presetOf, type Preset };

const FILES = import.meta.glob<string>("./presets/*.vms", {
  query: "?raw",
  import: "default",
  eager: true,
});

export const PRESETS: Preset[] = Object.keys(FILES)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((path) => presetOf(path, FILES[path]!));

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
