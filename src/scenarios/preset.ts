/**
 * One preset scenario from its file (presets.ts has the list): the header lines it starts with
 * say its title, idea, the step it opens at and whether it opens side by side.
 */
import { scenarioHeader } from "./header";

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

const header = scenarioHeader;

/** A preset from its file's path and text (presetMenu.ts reads the menu's part of it too). */
export function presetOf(path: string, text: string): Preset {
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

/** The scenario the app opens with. */
export const DEFAULT_PRESET_ID = "default";
