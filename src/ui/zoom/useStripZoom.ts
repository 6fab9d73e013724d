/**
 * The zoom state of a one-axis strip (frames by pfn, swap slots by number): the visible range
 * [lo, hi) the d3-zoom controller reports, the geometry it zooms over and the actions of its
 * buttons and keys. Another axis (`key`: another machine, another device) starts zoomed out.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { actionsOf, useZoomController, type ZoomActions } from "./useZoomController";

/** Margin left and right of the strip, its tick band and its lane (a box of four lines fits). */
export const STRIP_PAD = 8;
export const STRIP_TICK_H = 14;
export const STRIP_LANE_H = 60;
/** The surface's height over a lane `laneH` high. */
export const stripSurfaceH = (laneH: number): number => STRIP_TICK_H + laneH + 2;

export interface StripZoom {
  readonly total: number;
  /** the fewest items the deepest zoom shows across */
  readonly minView: number;
  readonly lo: number;
  readonly hi: number;
  readonly x0: number;
  readonly areaW: number;
  readonly laneH: number;
  readonly actions: ZoomActions;
}

/** The zoom of a strip, and the ref its surface element takes. */
export function useStripZoom(
  key: string,
  total: number,
  width: number,
  minView: number,
  laneH = STRIP_LANE_H,
  /** start zoomed in on items [0, start) instead of showing all (0: all) */
  start = 0,
): { surface: RefObject<HTMLDivElement | null>; z: StripZoom } {
  const x0 = STRIP_PAD;
  const areaW = Math.max(60, width - 2 * STRIP_PAD);
  const [range, setRange] = useState({ lo: 0, hi: total, key });
  const { lo, hi } = range.key === key ? range : { lo: 0, hi: total };
  const surface = useRef<HTMLDivElement>(null);
  const ctl = useZoomController(
    surface,
    { key, x0, areaW, height: stripSurfaceH(laneH), pages: total, minPages: minView },
    (l, h) => setRange({ lo: l, hi: h, key }),
  );
  const actions = useMemo(() => actionsOf(ctl), [ctl]);
  useEffect(() => {
    if (start > 0) ctl.current?.show(0, Math.min(total, start), false);
  }, [ctl, key, total, start]);
  return { surface, z: { total, minView, lo, hi, x0, areaW, laneH, actions } };
}
