/**
 * The walkthrough's command-line options (`--walkthrough DIR [--format LIST] [--theme T]`),
 * checked one by one with a message that names the option and the value at fault.
 */
import { THEMES, type ThemeName } from "./theme";

const FORMATS = ["svg", "png", "gif"] as const;
export type Format = (typeof FORMATS)[number];

/** The most steps a walkthrough draws (a frame each, and one for the start). */
export const WALK_STEPS_MAX = 200;

export interface WalkOptions {
  readonly dir: string;
  readonly formats: readonly Format[];
  readonly theme: ThemeName;
}

/** "svg,png" → ["svg", "png"] in the fixed order svg, png, gif; or what is wrong with it. */
export function parseFormats(v: string): Format[] | string {
  const asked = v.split(",").map((s) => s.trim().toLowerCase());
  const bad = asked.filter((s) => !(FORMATS as readonly string[]).includes(s));
  if (v.trim() === "" || bad.length)
    return `--format takes a comma-separated list of ${FORMATS.join(", ")}; got ${JSON.stringify(v)}${bad.length && v.trim() ? ` (${bad.map((b) => JSON.stringify(b)).join(", ")} is not one)` : ""}`;
  return FORMATS.filter((f) => asked.includes(f));
}

export function parseTheme(v: string): { ok: true; theme: ThemeName } | { ok: false; message: string } {
  const t = THEMES.find((x) => x === v);
  return t
    ? { ok: true, theme: t }
    : { ok: false, message: `--theme is ${THEMES.join(" or ")}, got ${JSON.stringify(v)}` };
}
