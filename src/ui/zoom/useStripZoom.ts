/**
 * The zoom state of a one-axis strip (frames by pfn, swap slots by number): the visible range
 * [lo, hi) the d3-zoom controller reports, the geometry it zooms over and the actions of its
 * buttons and keys. Another axis (`key`: another machine, another device) starts zoomed out.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { actionsOf, useZoomController, type ZoomActions } from "./useZoomController";

import { STRIP_LANE_H, STRIP_PAD, STRIP_TICK_H, stripSurfaceH } from "./stripSize";

export { STRIP_LANE_H, STRIP_PAD, STRIP_TICK_H, stripSurfaceH } from "./stripSize";

export interface StripZoom {
  readonly total: number;
  /** the fewest items the deepest zoom shows across */
  readonly minView: number;
  readonly lo: number;
  readonly hi: number;
  readonly x0: number;
  readonly areaW: number;
  readonly laneH: number;
  readonly tickH: number;
  readonly u: number;
  readonly actions: ZoomActions;
}

const NO_STOPS: readonly number[] = [];

/** The zoom of a strip, and the ref its surface element takes. */
export function useStripZoom(
  key: string,
  total: number,
  width: number,
  minView: number,
  laneH = STRIP_LANE_H,
  /** start zoomed in on items [0, start) instead of showing all (0: all) */
  start = 0,
  /** views (items across) where a level of detail starts: the buttons and keys stop there */
  stops: readonly number[] = NO_STOPS,
  /** the drawing unit: laneH is given in CSS pixels already, the margins are scaled here */
  u = 1,
): { surface: RefObject<HTMLDivElement | null>; z: StripZoom } {
  const x0 = STRIP_PAD * u;
  const areaW = Math.max(60 * u, width - 2 * STRIP_PAD * u);
  const [range, setRange] = useState({ lo: 0, hi: total, key });
  const { lo, hi } = range.key === key ? range : { lo: 0, hi: total };
  const surface = useRef<HTMLDivElement>(null);
  const ctl = useZoomController(
    surface,
    { key, x0, areaW, height: stripSurfaceH(laneH, u), pages: total, minPages: minView },
    (l, h) => setRange({ lo: l, hi: h, key }),
  );
  const view = hi - lo;
  const actions = useMemo(() => actionsOf(ctl, () => view, stops), [ctl, view, stops]);
  // the close-up this hook opened, while the view still shows it (a user zoom or pan leaves it)
  const auto = useRef<number>(0);
  const shown = useRef({ lo, hi });
  useEffect(() => {
    shown.current = { lo, hi };
  }, [lo, hi]);
  useEffect(() => {
    const c = ctl.current;
    if (!c) return;
    if (start > 0) {
      auto.current = Math.min(total, start);
      c.show(0, auto.current, false);
      return;
    }
    // the items in use outgrew the close-up: show the whole axis, unless the user moved away
    const v = shown.current;
    if (auto.current > 0 && Math.abs(v.lo) < 0.5 && Math.abs(v.hi - auto.current) < 0.5)
      c.show(0, total, false);
    auto.current = 0;
  }, [ctl, key, total, start]);
  return { surface, z: { total, minView, lo, hi, x0, areaW, laneH, tickH: STRIP_TICK_H * u, u, actions } };
}
