import { useShallow } from "zustand/react/shallow";
import { fmt } from "../layout/states";
import { ZOOM_MIN_PAGES } from "../layout/zoomView";
import { zoomFit, zoomIn, zoomOut } from "../zoom/active";
import { useZoom } from "../zoom/store";

/** The Anon layer header's zoom controls, and where the view is. */
export function ZoomBar() {
  const z = useZoom(useShallow((x) => ({ lo: x.lo, hi: x.hi, pages: x.pages, first: x.seg?.first ?? 0 })));
  const all = z.lo <= 0.5 && z.hi >= z.pages - 0.5;
  return (
    <span className="zoom-bar">
      <span className="zoom-range" aria-live="polite">
        {all
          ? "all pages"
          : `pages ${fmt(z.first + Math.floor(z.lo))}–${fmt(z.first + Math.max(Math.floor(z.lo), Math.ceil(z.hi) - 1))}`}
      </span>
      <button
        type="button"
        className="btn"
        aria-label="Zoom out"
        title="Zoom out (−)"
        onClick={zoomOut}
        disabled={all}
      >
        −
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={zoomIn}
        disabled={z.hi - z.lo <= ZOOM_MIN_PAGES + 0.5}
      >
        +
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Show the whole mapping"
        title="Show the whole mapping (0)"
        onClick={zoomFit}
        disabled={all}
      >
        ⤒
      </button>
    </span>
  );
}
