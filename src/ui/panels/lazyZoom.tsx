/**
 * The zoomable views of the panels (density strips of big segments, frames by pfn, the swap
 * device, their zoom bars and legends), loaded the first time a panel shows one: they carry
 * d3-zoom and d3-transition, which a small scenario never needs (issue 18: a lean first load).
 * The service worker caches these chunks with the rest of the build, so they open offline.
 */
import { lazy, Suspense, type ComponentProps, type ComponentType } from "react";
import { Loading } from "../Loading";

/** `load`'s component, loaded on first render, with "Loading `what`…" (or nothing) meanwhile. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
function part<C extends ComponentType<any>>(load: () => Promise<C>, what: string | null) {
  const Lazy = lazy(() => load().then((c) => ({ default: c })));
  return function LazyPart(props: ComponentProps<C>) {
    return (
      <Suspense fallback={what === null ? null : <Loading what={what} />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const AnonZoom = part(() => import("./anon/AnonZoom").then((m) => m.AnonZoom), "the slots");
export const ZoomBar = part(() => import("./anon/AnonZoomBar").then((m) => m.ZoomBar), null);
export const SegZoom = part(() => import("./address/SegZoom").then((m) => m.SegZoom), null);
export const PhysicalZoom = part(
  () => import("./physical/PhysicalZoom").then((m) => m.PhysicalZoom),
  "the frames",
);
export const PhysLegend = part(() => import("./physical/PhysicalZoom").then((m) => m.PhysLegend), null);
export const SwapZoom = part(() => import("./swap/SwapZoom").then((m) => m.SwapZoom), "the swap device");
export const SwapLegend = part(() => import("./swap/SwapZoom").then((m) => m.SwapLegend), null);
