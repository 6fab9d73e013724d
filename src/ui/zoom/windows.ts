/**
 * Keeping the worker's window in step with the zoom: when the visible pages are not covered
 * by the window on screen at the resolution the view needs (one bucket per pixel, or single
 * pages once they are wider than a pixel), ask for a new one around them. One request is in
 * flight at a time and the latest view wins, as with seeks. Zoomed out all the way the
 * snapshot's summary is enough and the worker is told to forget the view.
 */
import { requestWindow } from "../../state/queries";
import { useApp } from "../../state/store";
import { WINDOW_CELLS_MAX, type SegWindow, type WindowQuery } from "../../contract/wire/protocol";
import { spanFits, wantedSpan } from "./span";
import { currentWindow, setZoom, useZoom, type ZoomState } from "./store";

export const zoomedOut = (z: ZoomState): boolean => z.lo <= 0.5 && z.hi >= z.pages - 0.5;

/** Whether window w covers the visible pages of every row finely enough. */
export function windowFits(w: SegWindow, z: ZoomState): boolean {
  return w.rows.every((r) =>
    spanFits(
      { from: r.from, count: r.count, per: r.detail.kind === "pages" ? 1 : r.detail.pagesPerBucket },
      z.lo,
      z.hi,
      r.pages,
      z.areaW,
    ),
  );
}

/** The window to ask for: the visible pages and as many again around them, a cell per pixel. */
export function wantedQuery(z: ZoomState): WindowQuery | null {
  if (!z.seg || z.pages <= 0 || zoomedOut(z)) return null;
  return { seg: z.seg, procs: z.procs, ...wantedSpan(z.lo, z.hi, z.pages, z.areaW, WINDOW_CELLS_MAX) };
}

let inFlight = false;
/** the worker holds a view (its snapshots carry windows) */
let viewSet = false;

/** Ask for a window if the view needs one (no-op while a request is in flight). */
export function syncWindow(): void {
  if (inFlight) return;
  const z = useZoom.getState();
  const snap = useApp.getState().engine.snapshot;
  if (!snap) return;
  const q = z.key ? wantedQuery(z) : null;
  if (!q) {
    if (viewSet) {
      viewSet = false;
      inFlight = true;
      void requestWindow(null).finally(() => {
        inFlight = false;
        setZoom({ win: null });
        syncWindow();
      });
    }
    return;
  }
  const cur = currentWindow(snap, z);
  if (cur && windowFits(cur, z)) return;
  inFlight = true;
  viewSet = true;
  void requestWindow(q)
    .then((w) => {
      const now = useZoom.getState().win;
      if (w && (!now || w.seq > now.seq)) setZoom({ win: w });
    })
    .finally(() => {
      inFlight = false;
      syncWindow();
    });
}

/** Follow the zoom and the snapshots while a zoomable view is on screen; returns the undo. */
export function startWindowSync(): () => void {
  const a = useZoom.subscribe((s, prev) => {
    if (s.lo !== prev.lo || s.hi !== prev.hi || s.key !== prev.key || s.areaW !== prev.areaW) syncWindow();
  });
  const b = useApp.subscribe((s, prev) => {
    if (s.engine.snapshot !== prev.engine.snapshot) syncWindow();
  });
  syncWindow();
  return () => {
    a();
    b();
    setZoom({ key: null, win: null });
    syncWindow();
  };
}
