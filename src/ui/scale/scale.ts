/**
 * How big the picture is drawn: one unit `u` (CSS pixels per design pixel) for the whole app,
 * from the viewport. Every size the UI draws (CSS through `--u`, SVG through useUnit) is a
 * design size times u, so text, boxes and strokes grow together with the screen: a projector
 * at 1366×768 gets u = 1 (and no text under 12 px), 1920×1080 about 1.34, 4K about 2.4.
 *
 * The growth is a little slower than the screen's (the 0.85 power): a bigger screen shows
 * somewhat more, not only the same bigger. Pure; no DOM.
 */

export interface Design {
  readonly w: number;
  readonly h: number;
  /** the unit's bounds for this design (U_MIN, U_MAX unless said) */
  readonly min?: number;
  readonly max?: number;
}

/** The viewport every design size of the app is drawn for. */
export const APP_DESIGN: Design = { w: 1366, h: 768 };
/** The embed's (an iframe in a course page). */
export const EMBED_DESIGN: Design = { w: 800, h: 500 };
/**
 * Phones and tablets (the compact layout, src/ui/phone): one panel at a time, so the unit comes
 * from a phone's size. Never under 1 (12 px text, as on a projector), a little more on a tablet.
 */
export const PHONE_DESIGN: Design = { w: 600, h: 700, min: 1, max: 1.15 };

const POWER = 0.85;
const U_MIN = 0.9;
const U_MAX = 3.2;

/** Presentation mode draws the panel on stage this much larger again. */
export const STAGE = 1.5;

/** The unit for a viewport of w × h CSS pixels. */
export function viewportUnit(w: number, h: number, d: Design = APP_DESIGN): number {
  if (!(w > 0 && h > 0)) return 1;
  const s = Math.min(w / d.w, h / d.h);
  const u = Math.pow(s, POWER);
  return Math.round(Math.min(d.max ?? U_MAX, Math.max(d.min ?? U_MIN, u)) * 1000) / 1000;
}
