/**
 * The zoom windows on screen, for a share link to carry, and the ones a link asked for, waiting
 * for their view to appear. Each zoomable view is known by its key (its axis: frames `pfn|N`,
 * swap slots `slot|N`, a mapping's rows): a key names the same axis only in the same scenario at
 * the same position, which is what a link reopens.
 */
import { MAX_ZOOM_WINDOWS, type ZoomWindow } from "../scenarios/linkView";
import { local } from "./local";

// the windows on screen, and those a link asked for that wait for their view
const my = local(() => ({
  shown: new Map<string, { lo: number; hi: number }>(),
  pending: new Map<string, { lo: number; hi: number }>(),
}));

/** A zoomable view shows items [lo, hi) of `total`; all of them is no window. */
export function reportZoom(key: string, lo: number, hi: number, total: number): void {
  if (lo <= 0.5 && hi >= total - 0.5) my.shown.delete(key);
  else my.shown.set(key, { lo, hi });
}

export const forgetZoom = (key: string): void => {
  my.shown.delete(key);
};

/** The windows on screen, as a link carries them. */
export function zoomWindowsNow(): ZoomWindow[] {
  return [...my.shown].slice(0, MAX_ZOOM_WINDOWS).map(([key, w]) => ({ key, lo: w.lo, hi: w.hi }));
}

/** A link opened: these windows wait for their views (any earlier wish is dropped). */
export function setPendingZoom(ws: readonly ZoomWindow[]): void {
  my.pending = new Map(ws.map((w) => [w.key, { lo: w.lo, hi: w.hi }]));
}

/** The window a link asked for this view, once (null: none). */
export function takePendingZoom(key: string): { lo: number; hi: number } | null {
  const w = my.pending.get(key);
  if (!w) return null;
  my.pending.delete(key);
  return w;
}
