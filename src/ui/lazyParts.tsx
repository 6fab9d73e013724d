/**
 * Parts of the app the default scenario's first paint does not draw, loaded when first shown
 * (issue 18: a lean first load; the service worker caches their chunks with the rest): the
 * keyboard help. (The compact layout's gestures stay in the first load: a swipe made before
 * they had loaded would be lost.)
 */
import { lazy, Suspense } from "react";
import { useApp } from "../state/store";
import { Loading } from "./Loading";

const LazyHelp = lazy(() => import("./HelpOverlay").then((m) => ({ default: m.HelpOverlay })));

export function HelpOverlay() {
  const open = useApp((s) => s.view.help);
  if (!open) return null;
  return (
    <Suspense fallback={<Loading what="the help" overlay />}>
      <LazyHelp />
    </Suspense>
  );
}
