import { scenarioHeader } from "./header";
/**
 * The preset scenarios of the menu: every `presets/NN-slug.vms` file, in file-name order.
 * Each file starts with header comments the app shows:
 *   # title: One line
 *   # idea: One paragraph (one line) for the student: what to watch and why it happens.
 *   # start: N (optional) the step it opens at, when its idea needs a state already built
 *     (a big heap already written); without it a preset opens at the start, before step 1.
 *   # beside: MAP_SHARED (optional) it opens side by side with the same steps, every mmap's
 *     MAP_PRIVATE and MAP_SHARED swapped (scenarios/flipShare.ts), the value naming the second.
 * A file without them still loads (title = id, idea = ""); the tests catch it.
 */

export interface Preset {
  /** the file name without `.vms` and without the `NN-` prefix, e.g. "fork-cow" */
  id: string;
  /** the `NN` prefix, which sets the menu order, e.g. "01" */
  order: string;
  title: string;
  idea: string;
  /** the step it opens at (`# start: N`; 0, before the first step, without one) */
  start: number;
  /** the whole scenario text, header comments included */
  text: string;
  /** `# beside:`: it opens beside the same steps with MAP_PRIVATE and MAP_SHARED swapped */
  beside: boolean;
}

const FILES = import.meta.glob<string>("./presets/*.vms", {
  query: "?raw",
  import: "default",
  eager: true,
});

const header = scenarioHeader;

function presetOf(path: string, text: string): Preset {
  const base = path.slice(path.lastIndexOf("/") + 1).replace(/\.vms$/, "");
  const m = /^(\d+)-(.+)$/.exec(base);
  const order = m ? m[1]! : "";
  const id = m ? m[2]! : base;
  const title = header(text, "title");
  const start = /^\d{1,6}$/.exec(header(text, "start") ?? "");
  return {
    id,
    order,
    title: title ? title : id,
    idea: header(text, "idea") ?? "",
    start: start ? Number(start[0]) : 0,
    text,
    beside: header(text, "beside") !== undefined,
  };
}

export const PRESETS: Preset[] = Object.keys(FILES)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((path) => presetOf(path, FILES[path]!));

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The scenario the app opens with. */
export const DEFAULT_PRESET_ID = "default";
