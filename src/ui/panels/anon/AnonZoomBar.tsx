import { useShallow } from "zustand/react/shallow";
import { fmt } from "../../layout/states";
import { ZOOM_MIN_PAGES } from "../../layout/zoomGeometry";
import { zoomFit, zoomIn, zoomOut } from "../../zoom/active";
import type { ZoomActions } from "../../zoom/useZoomController";
import { ZoomButtons } from "../../ZoomButtons";

const ACTIONS: ZoomActions = { zoomIn, zoomOut, fit: zoomFit };
import { useZoom } from "../../zoom/store";

/** The Anon layer header's zoom controls, and where the view is. */
export function ZoomBar() {
  const z = useZoom(useShallow((x) => ({ lo: x.lo, hi: x.hi, pages: x.pages, first: x.seg?.first ?? 0 })));
  const all = z.lo <= 0.5 && z.hi >= z.pages - 0.5;
  return (
    <ZoomButtons
      range={
        all
          ? "all pages"
          : `pages ${fmt(z.first + Math.floor(z.lo))}–${fmt(z.first + Math.max(Math.floor(z.lo), Math.ceil(z.hi) - 1))}`
      }
      what="the whole mapping"
      all={all}
      deepest={z.hi - z.lo <= ZOOM_MIN_PAGES + 0.5}
      actions={ACTIONS}
    />
  );
}
