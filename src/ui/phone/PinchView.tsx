import { useEffect, useRef, useState, type ReactNode } from "react";
import { cssOf, IDENTITY, isZoomed, pan, pinch, type Point, type ViewTransform } from "./pinch";

/** Where each finger on the view is, by touch identifier, in the view's own pixels. */
type Fingers = Map<number, Point>;

export interface PinchController {
  reset(): void;
  destroy(): void;
}

/**
 * Pinch to zoom and drag to move the drawing inside `view` (its first child carries the
 * transform), as a small controller (create → destroy). Zoomed out, one finger is the
 * browser's (the panel scrolls, a swipe steps: useSwipe); zoomed in, it moves the drawing.
 * A gesture that starts in a view zooming on its own (d3-zoom's `.zoom-view`: a big mapping's
 * pages) is left to it. `view.dataset.zoomed` tells the swipe detector not to step.
 */
function createPinch(view: HTMLElement, onZoomed: (zoomed: boolean) => void): PinchController {
  let t: ViewTransform = IDENTITY;
  let start: { t: ViewTransform; at: Fingers } | null = null;
  let box = view.getBoundingClientRect();

  const apply = (next: ViewTransform): void => {
    const was = isZoomed(t);
    t = next;
    const body = view.firstElementChild as HTMLElement | null;
    if (body) body.style.transform = cssOf(t);
    view.dataset.zoomed = isZoomed(t) ? "true" : "false";
    view.dataset.scale = t.k.toFixed(3);
    if (was !== isZoomed(t)) onZoomed(isZoomed(t));
  };
  const fingers = (e: TouchEvent): Fingers => {
    const m: Fingers = new Map();
    for (const p of e.touches) m.set(p.identifier, { x: p.clientX - box.left, y: p.clientY - box.top });
    return m;
  };
  const restart = (e: TouchEvent): void => {
    start = e.touches.length ? { t, at: fingers(e) } : null;
  };
  const ownZoom = (e: Event): boolean =>
    e.target instanceof Element && e.target.closest(".zoom-view") !== null;

  const onStart = (e: TouchEvent): void => {
    if (ownZoom(e)) return;
    box = view.getBoundingClientRect();
    restart(e);
    // two fingers: a pinch, not the page's scroll
    if (e.touches.length >= 2 && e.cancelable) e.preventDefault();
  };
  const onMove = (e: TouchEvent): void => {
    if (!start) return;
    const now = fingers(e);
    const ids = [...start.at.keys()].filter((id) => now.has(id));
    const w = box.width;
    const h = box.height;
    if (ids.length >= 2) {
      const [a, b] = ids as [number, number];
      apply(pinch(start.t, start.at.get(a)!, start.at.get(b)!, now.get(a)!, now.get(b)!, w, h));
    } else if (ids.length === 1 && isZoomed(start.t)) {
      const id = ids[0]!;
      const p0 = start.at.get(id)!;
      const p1 = now.get(id)!;
      apply(pan(start.t, p1.x - p0.x, p1.y - p0.y, w, h));
    } else return;
    if (e.cancelable) e.preventDefault();
  };
  const onEnd = (e: TouchEvent): void => {
    if (start) restart(e);
  };

  const opts = { passive: false } as const;
  view.addEventListener("touchstart", onStart, opts);
  view.addEventListener("touchmove", onMove, opts);
  view.addEventListener("touchend", onEnd);
  view.addEventListener("touchcancel", onEnd);
  apply(IDENTITY);
  return {
    reset: () => apply(IDENTITY),
    destroy: () => {
      view.removeEventListener("touchstart", onStart);
      view.removeEventListener("touchmove", onMove);
      view.removeEventListener("touchend", onEnd);
      view.removeEventListener("touchcancel", onEnd);
      const body = view.firstElementChild as HTMLElement | null;
      if (body) body.style.transform = "";
    },
  };
}

/**
 * A diagram panel's body on a phone: pinch to zoom, drag to move when zoomed, and a button to
 * zoom back out (it appears while zoomed in). `children` is the panel's body element.
 */
export function PinchView({ name, children }: { name: string; children: ReactNode }) {
  const view = useRef<HTMLDivElement>(null);
  const ctl = useRef<PinchController | null>(null);
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    const c = createPinch(view.current!, setZoomed);
    ctl.current = c;
    return () => c.destroy();
  }, []);
  return (
    <div className={`pinch-view${zoomed ? " zoomed" : ""}`}>
      <div className="pinch-area" ref={view}>
        {children}
      </div>
      {zoomed && (
        <button
          type="button"
          className="btn pinch-reset"
          aria-label={`Zoom ${name} back out`}
          onClick={() => ctl.current?.reset()}
        >
          Fit
        </button>
      )}
    </div>
  );
}
