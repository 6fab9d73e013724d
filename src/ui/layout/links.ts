/** Link paths: smooth vertical or horizontal S-curves between two points. */

export interface Pt {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const r = (v: number): number => Math.round(v * 10) / 10;

/** From a to b, leaving and arriving vertically. */
export function vLink(a: Pt, b: Pt): string {
  const my = (a.y + b.y) / 2;
  return `M${r(a.x)},${r(a.y)} C${r(a.x)},${r(my)} ${r(b.x)},${r(my)} ${r(b.x)},${r(b.y)}`;
}

/** From a to b, leaving and arriving horizontally. */
export function hLink(a: Pt, b: Pt): string {
  const mx = (a.x + b.x) / 2;
  return `M${r(a.x)},${r(a.y)} C${r(mx)},${r(a.y)} ${r(mx)},${r(b.y)} ${r(b.x)},${r(b.y)}`;
}

/**
 * A link between two boxes anywhere on screen (the cross-panel overlay): it leaves from the
 * side of `a` that faces `b` and arrives on the side of `b` that faces `a`.
 */
export function boxLink(a: Box, b: Box): string {
  const ac = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const bc = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const dx = bc.x - ac.x;
  const dy = bc.y - ac.y;
  if (Math.abs(dx) * 0.6 > Math.abs(dy)) {
    const from = { x: dx > 0 ? a.x + a.w : a.x, y: ac.y };
    const to = { x: dx > 0 ? b.x : b.x + b.w, y: bc.y };
    return hLink(from, to);
  }
  const from = { x: ac.x, y: dy > 0 ? a.y + a.h : a.y };
  const to = { x: bc.x, y: dy > 0 ? b.y : b.y + b.h };
  return vLink(from, to);
}
