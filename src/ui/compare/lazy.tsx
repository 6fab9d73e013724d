/**
 * Compare's view and the second scenario's panel, loaded the first time they open (issue 18: a
 * lean first load); the service worker caches their chunks with the rest of the build.
 */
import { lazy, Suspense } from "react";
import { Loading } from "../Loading";
import { usePicker } from "../pair/picker";

const LazyCompare = lazy(() => import("./CompareView").then((m) => ({ default: m.CompareView })));
const LazyPair = lazy(() => import("../pair/PairPanel").then((m) => ({ default: m.PairPanel })));
const LazyPicker = lazy(() => import("../pair/BesidePicker").then((m) => ({ default: m.BesidePicker })));

export function CompareView() {
  return (
    <Suspense fallback={<Loading what="Compare" />}>
      <LazyCompare />
    </Suspense>
  );
}

export function PairPanel() {
  return (
    <Suspense fallback={<Loading what="the second scenario" />}>
      <LazyPair />
    </Suspense>
  );
}

/** The dialog that opens a second scenario, while it is up. */
export function BesidePicker() {
  const open = usePicker((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={<Loading what="the choice of a second scenario" overlay />}>
      <LazyPicker />
    </Suspense>
  );
}
