/**
 * A d3-zoom behaviour over page indexes, as a small controller (create → update → destroy):
 * the component creates it once on mount, pushes geometry changes through update(), and the
 * behaviour's callback reports the visible page range. Zoom is horizontal only: the transform
 * maps the area [x0, x0 + areaW] and is constrained so the view never leaves the mapping.
 * Wheel and drag come from d3; buttons and keys call zoomBy / panBy / show.
 */
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3";

export interface ZoomOptions {
  /** a new key (another mapping) starts zoomed out */
  readonly key: string;
  /** the slot area in the element's coordinates */
  readonly x0: number;
  readonly areaW: number;
  readonly height: number;
  /** pages the scale spans (the row indexes 0 .. pages) */
  readonly pages: number;
  /** the fewest pages the deepest zoom shows across the area */
  readonly minPages: number;
}

export interface ZoomController {
  /** new geometry; keeps the visible pages unless the page count changed (then shows all) */
  update(o: ZoomOptions): void;
  zoomBy(factor: number, at?: number): void;
  /** pan by a fraction of the visible width (negative: left) */
  panBy(fraction: number): void;
  /** show pages [lo, hi) */
  show(lo: number, hi: number, animate?: boolean): void;
  reset(): void;
  destroy(): void;
}

const reduced = (): boolean => globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
const DURATION = 220;

/** The element's effective CSS zoom (presentation mode zooms the panel): d3 reads the pointer in zoomed pixels. */
const cssZoom = (el: HTMLElement): number =>
  (el as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;

/** The options in the pointer's pixels. */
const scaled = (o: ZoomOptions, z: number): ZoomOptions => ({
  ...o,
  x0: o.x0 * z,
  areaW: o.areaW * z,
  height: o.height * z,
});

export function createZoomController(
  el: HTMLElement,
  init: ZoomOptions,
  onChange: (lo: number, hi: number) => void,
): ZoomController {
  let o = scaled(init, cssZoom(el));
  let current = { lo: 0, hi: init.pages };
  const sel = select(el);

  /** page index at x in the element, under transform t */
  const pageAt = (t: ZoomTransform, x: number): number => ((t.invertX(x) - o.x0) * o.pages) / o.areaW;
  const transformFor = (lo: number, hi: number): ZoomTransform => {
    const k = Math.max(1, o.pages / Math.max(1e-9, hi - lo));
    return zoomIdentity.translate(o.x0 - k * (o.x0 + (lo * o.areaW) / o.pages), 0).scale(k);
  };

  const behavior: ZoomBehavior<HTMLElement, unknown> = zoom<HTMLElement, unknown>()
    // a sideways wheel (trackpad) pans instead: see onWheel below
    .filter(
      (e: MouseEvent & WheelEvent) =>
        (!e.ctrlKey || e.type === "wheel") &&
        !e.button &&
        !(e.type === "wheel" && Math.abs(e.deltaX) > Math.abs(e.deltaY)),
    )
    .constrain((t) => {
      const minX = o.x0 + o.areaW - t.k * (o.x0 + o.areaW);
      const maxX = o.x0 - t.k * o.x0;
      const x = Math.min(maxX, Math.max(minX, t.x));
      return x === t.x && t.y === 0 ? t : zoomIdentity.translate(x, 0).scale(t.k);
    })
    .on("zoom", (e: { transform: ZoomTransform }) => {
      const t = e.transform;
      const lo = Math.max(0, pageAt(t, o.x0));
      const hi = Math.min(o.pages, pageAt(t, o.x0 + o.areaW));
      current = { lo, hi };
      onChange(lo, hi);
    });

  const configure = (): void => {
    behavior
      .extent([
        [o.x0, 0],
        [o.x0 + o.areaW, Math.max(1, o.height)],
      ])
      .scaleExtent([1, Math.max(1, o.pages / o.minPages)]);
  };
  configure();
  sel.call(behavior);

  const panNow = (fraction: number): void => {
    const v = current.hi - current.lo;
    const lo = Math.max(0, Math.min(o.pages - v, current.lo + fraction * v));
    sel.call((s) => behavior.transform(s, transformFor(lo, lo + v)));
  };
  const onWheel = (e: WheelEvent): void => {
    if (Math.abs(e.deltaX) <= Math.abs(e.deltaY)) return;
    e.preventDefault();
    panNow(e.deltaX / Math.max(1, o.areaW));
  };
  el.addEventListener("wheel", onWheel, { passive: false });

  const apply = (t: ZoomTransform, animate: boolean): void => {
    if (animate && !reduced())
      sel
        .transition()
        .duration(DURATION)
        .call((tr) => behavior.transform(tr, t));
    else sel.call((s) => behavior.transform(s, t));
  };

  return {
    update(next) {
      const samePages = next.pages === o.pages && next.key === o.key;
      const keep = current;
      o = scaled(next, cssZoom(el));
      configure();
      apply(samePages ? transformFor(keep.lo, keep.hi) : zoomIdentity, false);
    },
    zoomBy(factor, at) {
      const mid = (current.lo + current.hi) / 2;
      const centre = at ?? mid;
      const v = Math.min(o.pages, Math.max(o.minPages, (current.hi - current.lo) / factor));
      // keep the page under `centre` where it is on screen
      const f = (centre - current.lo) / Math.max(1e-9, current.hi - current.lo);
      const lo = Math.max(0, Math.min(o.pages - v, centre - f * v));
      apply(transformFor(lo, lo + v), true);
    },
    panBy(fraction) {
      const v = current.hi - current.lo;
      const lo = Math.max(0, Math.min(o.pages - v, current.lo + fraction * v));
      apply(transformFor(lo, lo + v), true);
    },
    show(lo, hi, animate = true) {
      const v = Math.min(o.pages, Math.max(o.minPages, hi - lo));
      const l = Math.max(0, Math.min(o.pages - v, lo));
      apply(transformFor(l, l + v), animate);
    },
    reset() {
      apply(zoomIdentity, true);
    },
    destroy() {
      sel.interrupt();
      sel.on(".zoom", null);
      el.removeEventListener("wheel", onWheel);
    },
  };
}
