/**
 * A d3-zoom controller for a component (the xyflow pattern): created once on mount, fed new
 * geometry through update() when it changes, destroyed on unmount. `onChange` gets the visible
 * range on every zoom frame; `active` makes it the controller the global zoom keys and the
 * Anon layer's header buttons drive. Every view reports its window for share links, and shows
 * the one a link asked for when its key appears (after the component's own effects have run).
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from "react";
import { forgetZoom, reportZoom, takePendingZoom } from "../../state/zoomWindows";
import { setActiveZoom } from "./active";
import { createZoomController, type ZoomController, type ZoomOptions } from "./controller";
import { stepFactor, ZOOM_STEP } from "./step";

export function useZoomController(
  surface: RefObject<HTMLElement | null>,
  opts: ZoomOptions,
  onChange: (lo: number, hi: number) => void,
  active = false,
): RefObject<ZoomController | null> {
  const ctl = useRef<ZoomController | null>(null);
  const latest = useRef({ opts, onChange });
  useLayoutEffect(() => {
    latest.current = { opts, onChange };
  });
  useEffect(() => {
    const c = createZoomController(surface.current!, latest.current.opts, (lo, hi) => {
      const o = latest.current.opts;
      reportZoom(o.key, lo, hi, o.pages);
      latest.current.onChange(lo, hi);
    });
    ctl.current = c;
    if (active) setActiveZoom(c);
    return () => {
      c.destroy();
      forgetZoom(latest.current.opts.key);
      ctl.current = null;
      if (active) setActiveZoom(null);
    };
  }, [surface, active]);
  const { key, x0, areaW, height, pages, minPages } = opts;
  useEffect(() => {
    ctl.current?.update(latest.current.opts);
  }, [key, x0, areaW, height, pages, minPages]);
  useEffect(() => {
    const w = takePendingZoom(key);
    if (w) queueMicrotask(() => ctl.current?.show(w.lo, w.hi, false));
    return () => forgetZoom(key);
  }, [key]);
  return ctl;
}

export interface ZoomActions {
  readonly zoomIn: () => void;
  readonly zoomOut: () => void;
  readonly fit: () => void;
}

export { stepFactor, ZOOM_STEP } from "./step";

/** The actions of one controller (buttons and keys of a view that zooms on its own). */
export const actionsOf = (
  ctl: RefObject<ZoomController | null>,
  /** the items across now, and where levels of detail start (see stepFactor) */
  view?: () => number,
  stops: readonly number[] = [],
): ZoomActions => ({
  zoomIn: () => ctl.current?.zoomBy(view ? stepFactor(view(), stops, true) : ZOOM_STEP),
  zoomOut: () => ctl.current?.zoomBy(view ? stepFactor(view(), stops, false) : 1 / ZOOM_STEP),
  fit: () => ctl.current?.reset(),
});

/** The zoom keys of a focused view: + and − zoom, 0 shows everything. */
export function onZoomKeys(e: KeyboardEvent, a: ZoomActions): void {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const act =
    e.key === "+" || e.key === "="
      ? a.zoomIn
      : e.key === "-" || e.key === "_"
        ? a.zoomOut
        : e.key === "0"
          ? a.fit
          : null;
  if (!act) return;
  e.preventDefault();
  e.stopPropagation();
  act();
}
