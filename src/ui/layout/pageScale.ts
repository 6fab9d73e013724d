/** Pages [lo, hi) of a zoomed view on its area: x positions and round labels. */
import { scaleLinear } from "d3";
import { fmt } from "./states";
import { FS, MONO_EM } from "./type";
import type { ZoomGeom } from "./zoomGeometry";

/** Pages [lo, hi) on the area: the x of page index p (fractional), and back. */
export interface PageScale {
  readonly lo: number;
  readonly hi: number;
  x(p: number): number;
  page(x: number): number;
}

export function pageScale(g: Pick<ZoomGeom, "x0" | "areaW">, lo: number, hi: number): PageScale {
  const k = g.areaW / Math.max(1e-9, hi - lo);
  return { lo, hi, x: (p) => g.x0 + (p - lo) * k, page: (x) => lo + (x - g.x0) / k };
}

/**
 * Round page numbers to label [lo, hi) with, about one per 90 pixels of areaW (design pixels),
 * fewer when their labels would run into each other (a phone's narrow strip): the labels at the
 * ends are drawn against the edge, so two need 1.5 labels' width between them.
 */
export function pageTicks(lo: number, hi: number, areaW: number): number[] {
  const scale = scaleLinear().domain([lo, hi]);
  const label = fmt(Math.round(Math.max(Math.abs(lo), Math.abs(hi)))).length * FS * MONO_EM;
  const room = 1.5 * label + 8;
  for (let n = Math.max(2, Math.floor(areaW / 90)); ; n--) {
    const ticks = scale.ticks(n).filter((t) => Number.isInteger(t) && t >= lo && t <= hi);
    const step = ticks.length > 1 ? ((ticks[1]! - ticks[0]!) * areaW) / Math.max(1e-9, hi - lo) : areaW;
    if (step >= room || n <= 1) return ticks;
  }
}
