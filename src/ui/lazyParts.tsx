/**
 * Parts of the app the default scenario's first paint does not draw, loaded when first shown
 * (issue 18: a lean first load; the service worker caches their chunks with the rest): the
 * keyboard help, and the touch gestures of the compact layout (a phone's swipes and long press,
 * which draw nothing, so they have no loading sign).
 */
import { lazy, Suspense } from "react";
import { useApp } from "../state/store";
import { Loading } from "./Loading";

const LazyHelp = lazy(() => import("./HelpOverlay").then((m) => ({ default: m.HelpOverlay })));
const LazyGestures = lazy(() => import("./phone/Gestures").then((m) => ({ default: m.Gestures })));

export function HelpOverlay() {
  const open = useApp((s) => s.view.help);
  if (!open) return null;
  return (
    <Suspense fallback={<Loading what="the help" overlay />}>
      <LazyHelp />
    </Suspense>
  );
}

export function Gestures({ root }: { root: HTMLElement | null }) {
  return (
    <Suspense fallback={null}>
      <LazyGestures root={root} />
    </Suspense>
  );
}
