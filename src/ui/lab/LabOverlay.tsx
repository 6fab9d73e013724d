import { lazy, Suspense } from "react";
import { useLab } from "./labStore";

const CompareDialog = lazy(() => import("./CompareDialog"));

/** The compare view, loaded the first time it opens. */
export function LabOverlay() {
  const open = useLab((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <CompareDialog />
    </Suspense>
  );
}
