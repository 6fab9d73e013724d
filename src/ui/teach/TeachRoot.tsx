import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { useTeach, wireTeach } from "../../state/teach";
import { LabOverlay } from "../lab/LabOverlay";
import { Loading } from "../Loading";
import { registerServiceWorker } from "./sw";
import "./teach.css";

/*
 * Each part of the teaching layer is loaded the first time it is opened (React.lazy): the
 * default scenario paints without them (issue 18: a lean first load). The service worker caches
 * every chunk of the build on install (asset-manifest.json), so they open offline too.
 */
const EmbedApp = lazy(() => import("./EmbedApp").then((m) => ({ default: m.EmbedApp })));
const LessonPanel = lazy(() => import("./LessonPanel").then((m) => ({ default: m.LessonPanel })));
const PredictCard = lazy(() => import("./PredictCard").then((m) => ({ default: m.PredictCard })));
const PrintView = lazy(() => import("./PrintView").then((m) => ({ default: m.PrintView })));
const RulesDialog = lazy(() => import("./RulesDialog").then((m) => ({ default: m.RulesDialog })));
const TablesView = lazy(() => import("./TablesView").then((m) => ({ default: m.TablesView })));

/** A lazily loaded part, with "Loading …" in its place until it is here. */
function Part({ what, overlay = false, children }: { what: string; overlay?: boolean; children: ReactNode }) {
  return <Suspense fallback={<Loading what={what} overlay={overlay} />}>{children}</Suspense>;
}

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
  return (
    <Part what={page === "embed" ? "the embedded view" : "the printable scenario"}>
      {page === "embed" ? <EmbedApp /> : <PrintView />}
    </Part>
  );
}

/** Grid children of the app's main area: the open lesson and the table view. */
export function TeachMain() {
  const lesson = useTeach((t) => t.lesson !== null);
  const table = useTeach((t) => t.table);
  return (
    <>
      {lesson && (
        <Part what="the lesson">
          <LessonPanel />
        </Part>
      )}
      {table && (
        <Part what="the tables">
          <TablesView />
        </Part>
      )}
    </>
  );
}

/** Dialogs and cards over the app. */
export function TeachOverlays() {
  const asking = useTeach((t) => t.asking !== null);
  const rules = useTeach((t) => t.rules);
  return (
    <>
      {asking && (
        <Part what="the question" overlay>
          <PredictCard />
        </Part>
      )}
      {rules && (
        <Part what="the rules" overlay>
          <RulesDialog />
        </Part>
      )}
      <LabOverlay />
    </>
  );
}
