/**
 * The walkthrough's colours: the app's own, read from src/ui/app.css (its `:root` block for the
 * light theme, `:root[data-theme="dark"]` for the dark one), so a frame and the screen never
 * drift apart. A custom property that is not a plain colour (--u, --font) is left out.
 */
import css from "../../ui/app.css?raw";

export type ThemeName = "light" | "dark";
export const THEMES: readonly ThemeName[] = ["light", "dark"];

/** The colours a frame uses, by the app's custom property names (without the `--`). */
export type Palette = Readonly<Record<string, string>>;

/** The `--name: #hex;` declarations of the first block whose selector is `selector`. */
function block(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`app.css has no ${selector} block`);
  const body = css.slice(at, css.indexOf("}", at));
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-fA-F]{3,8})\s*;/g)) out[m[1]!] = m[2]!;
  return out;
}

const NEEDED = [
  "bg",
  "panel",
  "panel-2",
  "ink",
  "muted",
  "faint",
  "line",
  "line-strong",
  "focus",
  "p0",
  "p1",
  "p2",
  "p3",
  "p4",
  "p5",
  "anon",
  "anon-soft",
  "shared",
  "shared-soft",
  "file",
  "file-soft",
  "swap",
  "swap-soft",
  "empty",
  "now",
  "now-soft",
  "error",
  "error-soft",
  "ok",
] as const;

const cache = new Map<ThemeName, Palette>();

/** The palette of a theme; throws (a bug) when app.css lost one of the colours a frame needs. */
export function palette(theme: ThemeName): Palette {
  const hit = cache.get(theme);
  if (hit) return hit;
  const light = block(":root");
  const p = theme === "light" ? light : { ...light, ...block(':root[data-theme="dark"]') };
  const missing = NEEDED.filter((k) => !p[k]);
  if (missing.length) throw new Error(`app.css lacks --${missing.join(", --")} for the ${theme} theme`);
  cache.set(theme, p);
  return p;
}

/** Process colour by creation order, as the app's procColor (--p0 … --p5, then around again). */
export const procFill = (p: Palette, i: number): string => p[`p${i % 6}`]!;
