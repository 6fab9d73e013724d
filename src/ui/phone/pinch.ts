/**
 * Pinch and drag on a diagram (the compact layout): the math, pure. A view transform is a scale
 * k ≥ 1 about the top-left corner plus a translation; it never lets the drawing's edge into the
 * view (zoomed out it is the identity), so a drawing can be enlarged and moved, never lost.
 */

export interface ViewTransform {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const IDENTITY: ViewTransform = { k: 1, x: 0, y: 0 };

/** The deepest zoom: a 12 px label read at 48 px. */
export const MAX_SCALE = 4;

/** Keep a view of w × h covered by the drawing (scaled k) and k within [1, MAX_SCALE]. */
export function constrain(t: ViewTransform, w: number, h: number): ViewTransform {
  const k = Math.min(MAX_SCALE, Math.max(1, t.k));
  const clamp = (v: number, size: number) => Math.min(0, Math.max(size - size * k, v));
  return { k, x: clamp(t.x, w), y: clamp(t.y, h) };
}

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Two fingers moved from (a0, b0) to (a1, b1): the scale follows their distance and the point
 * of the drawing that was under their middle stays under it.
 */
export function pinch(
  start: ViewTransform,
  a0: Point,
  b0: Point,
  a1: Point,
  b1: Point,
  w: number,
  h: number,
): ViewTransform {
  const d0 = dist(a0, b0);
  if (d0 < 1) return start;
  const k = Math.min(MAX_SCALE, Math.max(1, (start.k * dist(a1, b1)) / d0));
  const m0 = mid(a0, b0);
  const m1 = mid(a1, b1);
  // the drawing's point under the first middle, in unscaled coordinates
  const cx = (m0.x - start.x) / start.k;
  const cy = (m0.y - start.y) / start.k;
  return constrain({ k, x: m1.x - cx * k, y: m1.y - cy * k }, w, h);
}

/** One finger moved by (dx, dy): the drawing moves with it (as far as its edges allow). */
export function pan(start: ViewTransform, dx: number, dy: number, w: number, h: number): ViewTransform {
  return constrain({ k: start.k, x: start.x + dx, y: start.y + dy }, w, h);
}

export const isZoomed = (t: ViewTransform): boolean => t.k > 1.001;

/** The CSS transform of the drawing (none zoomed out, so the desktop-sized layout is untouched). */
export const cssOf = (t: ViewTransform): string =>
  isZoomed(t) ? `translate(${t.x.toFixed(1)}px, ${t.y.toFixed(1)}px) scale(${t.k.toFixed(4)})` : "";
