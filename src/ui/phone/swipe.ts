/**
 * Swipe left or right to step (the compact layout): one finger, quick, mostly sideways, on
 * anything that would not move by itself under that finger. A drag that scrolled something (the
 * console, the chips), moved a zoomed drawing, or started on a control that takes drags (the
 * timeline, a text field) is that, not a step. Listens in the capture phase, so it sees the
 * touches d3-zoom keeps to itself, and decides only when the finger lifts.
 */

/**
 * The zoom scale d3-zoom keeps on a zoomable element: d3 stores it as the element's `__zoom`
 * (documented with d3.zoomTransform). Read directly so that the first load does not carry
 * d3-zoom and d3-transition: the zoomable views are loaded on first use (panels/lazyZoom.tsx).
 */
function zoomScale(el: Element): number {
  return (el as Element & { __zoom?: { k: number } }).__zoom?.k ?? 1;
}

/** Shortest swipe (CSS px), its longest time, and how sideways it must be (|dx| ≥ RATIO·|dy|). */
export const SWIPE_MIN = 50;
export const SWIPE_MS = 800;
const RATIO = 1.5;

/** Which way a finger's move steps: -1 back (a swipe right), 1 forward (a swipe left), 0 none. */
export function swipeDirection(dx: number, dy: number, ms: number): -1 | 0 | 1 {
  if (ms > SWIPE_MS || Math.abs(dx) < SWIPE_MIN || Math.abs(dx) < RATIO * Math.abs(dy)) return 0;
  return dx < 0 ? 1 : -1;
}

/** Where a drag is the control's own: fields, the timeline, the editor, dialogs and menus over the app. */
const TAKES_DRAGS =
  "input, textarea, select, [contenteditable], .cm-editor, [role=dialog], [role=menu], .modal-back, .popover";

/** The scroll offsets of every scrollable box from `el` up: a swipe scrolled something if they change. */
function scrolls(el: Element | null): number[] {
  const out: number[] = [];
  for (let e = el; e; e = e.parentElement) out.push(e.scrollLeft, e.scrollTop);
  return out;
}

/** The finger is on a box that scrolls sideways (the console, the chips, the tabs): a drag scrolls it. */
function scrollsSideways(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.scrollWidth > e.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(e).overflowX)) return true;
  }
  return false;
}

/** A drawing under the finger is zoomed in (ours, PinchView, or a big mapping's d3 view). */
function zoomedUnder(el: Element): boolean {
  if (el.closest('[data-zoomed="true"]')) return true;
  const own = el.closest<HTMLElement>(".zoom-view");
  return own !== null && zoomScale(own) > 1.001;
}

export function listenSwipes(root: HTMLElement, step: (dir: -1 | 1) => void): () => void {
  let g: { x: number; y: number; t: number; target: Element; scrolled: number[]; many: boolean } | null =
    null;
  const onStart = (e: TouchEvent): void => {
    const target = e.target instanceof Element ? e.target : null;
    if (
      e.touches.length !== 1 ||
      !target ||
      target.closest(TAKES_DRAGS) ||
      zoomedUnder(target) ||
      scrollsSideways(target)
    ) {
      if (g) g.many = true;
      else g = null;
      return;
    }
    const p = e.touches[0]!;
    g = { x: p.clientX, y: p.clientY, t: e.timeStamp, target, scrolled: scrolls(target), many: false };
  };
  const onEnd = (e: TouchEvent): void => {
    if (!g || e.touches.length > 0) return;
    const s = g;
    g = null;
    const p = e.changedTouches[0];
    if (s.many || !p) return;
    const dir = swipeDirection(p.clientX - s.x, p.clientY - s.y, e.timeStamp - s.t);
    if (!dir) return;
    const now = scrolls(s.target);
    if (now.some((v, i) => Math.abs(v - s.scrolled[i]!) > 2)) return;
    step(dir);
  };
  const onCancel = (): void => {
    g = null;
  };
  const opts = { capture: true, passive: true } as const;
  root.addEventListener("touchstart", onStart, opts);
  root.addEventListener("touchend", onEnd, opts);
  root.addEventListener("touchcancel", onCancel, opts);
  return () => {
    root.removeEventListener("touchstart", onStart, opts);
    root.removeEventListener("touchend", onEnd, opts);
    root.removeEventListener("touchcancel", onCancel, opts);
  };
}
