/**
 * The fonts the PNG and GIF frames are drawn with: DejaVu Sans and DejaVu Sans Mono, the app's
 * Linux fallbacks, from the system's fonts-dejavu-core files (on every Debian with Chromium, so
 * on CI). Only these four files are loaded, so a frame's pixels do not depend on what else is
 * installed; without them the renderer falls back to the system's fonts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

const DIRS = [
  "/usr/share/fonts/truetype/dejavu",
  "/usr/share/fonts/dejavu",
  "/usr/share/fonts/TTF",
  "/usr/local/share/fonts/dejavu",
];
const FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"];

export interface FontChoice {
  /** the DejaVu files found, or [] (then the system's fonts are used) */
  readonly files: string[];
}

export function dejavuFonts(): FontChoice {
  for (const d of DIRS) {
    const files = FILES.map((f) => join(d, f));
    if (files.every((f) => existsSync(f))) return { files };
  }
  return { files: [] };
}
