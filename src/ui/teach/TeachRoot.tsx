import { useEffect } from "react";
import { useTeach, wireTeach } from "../../state/teach";
import { LabOverlay } from "../lab/LabOverlay";
import { EmbedApp } from "./EmbedApp";
import { LessonPanel } from "./LessonPanel";
import { PredictCard } from "./PredictCard";
import { PrintView } from "./PrintView";
import { RulesDialog } from "./RulesDialog";
import { registerServiceWorker } from "./sw";
import { TablesView } from "./TablesView";
import "./teach.css";

/**
 * The teaching layer's hook into the app: wires predict mode, lessons and the URL once, registers
 * the service worker, and says which page to show (`?embed` and `?print` replace the app).
 */
export function useTeachApp(): "app" | "embed" | "print" {
  const mode = useTeach((t) => t.mode);
  useEffect(() => wireTeach(), []);
  useEffect(() => registerServiceWorker(mode.sw), [mode.sw]);
  return mode.print ? "print" : mode.embed ? "embed" : "app";
}

/** The page for a mode other than the app. */
export function TeachPage({ page }: { page: "embed" | "print" }) {
  return page === "embed" ? <EmbedApp /> : <PrintView />;
}

/** Grid children of the app's main area: the open lesson and the table view. */
export function TeachMain() {
  return (
    <>
      <LessonPanel />
      <TablesView />
    </>
  );
}

/** Dialogs and cards over the app. */
export function TeachOverlays() {
  return (
    <>
      <PredictCard />
      <RulesDialog />
      <LabOverlay />
    </>
  );
}
