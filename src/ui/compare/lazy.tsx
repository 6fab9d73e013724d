/**
 * Compare's view and the second scenario's panel, loaded the first time they open (issue 18: a
 * lean first load); the service worker caches their chunks with the rest of the build.
 */
import { lazy, Suspense } from "react";
import { Loading } from "../Loading";

const LazyCompare = lazy(() => import("./CompareView").then((m) => ({ default: m.CompareView })));
const LazyPair = lazy(() => import("../pair/PairPanel").then((m) => ({ default: m.PairPanel })));

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
