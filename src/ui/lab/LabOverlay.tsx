import { lazy, Suspense } from "react";
import { Loading } from "../Loading";
import { useLab } from "./labStore";

const CompareDialog = lazy(() => import("./CompareDialog"));

/** The compare view, loaded the first time it opens. */
export function LabOverlay() {
  const open = useLab((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={<Loading what="the compare view" overlay />}>
      <CompareDialog />
    </Suspense>
  );
}
