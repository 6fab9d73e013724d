import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { requestDocView } from "../../state/queries";
import { useApp, type AppState } from "../../state/store";
import type { DocView } from "../../contract/docView";
import type { StepInfo } from "../../contract/wire/protocol";
import { useTeach } from "../../state/teach";
import { currentLesson } from "../../state/lesson";
import { scenarioTitle, withQuery } from "../../state/teachText";
import { AnonFigure } from "./AnonFigure";
import { toolText } from "./exportFiles";
import { TablesList } from "./TablesView";

/** The most steps printed (a page each). */
const PRINT_STEPS_MAX = 200;
/** Rows of each table on a page (the worker caps them: docView.ts); the figure shows the rest. */
const PRINT_ROWS = 64;

const sel = (s: AppState) => ({
  gen: s.engine.snapshot ? s.engine.gen : 0,
  count: s.engine.steps.length,
  steps: s.engine.steps,
  text: s.scenario.shownText,
  presetId: s.scenario.presetId,
  loading: s.scenario.loading,
});

function Page({
  doc,
  info,
  n,
  of,
}: {
  doc: DocView | null;
  info: StepInfo | undefined;
  n: number;
  of: number;
}) {
  const tables = doc ? doc.tables.filter((t) => t.id === "anons" || t.id === "swap") : [];
  return (
    <section className="print-page" aria-label={n === 0 ? "The start" : `Step ${n}`} data-step={n}>
      <h2>
        {info ? (
          <>
            Step {n} of {of}: <code>{info.text}</code>{" "}
            <span className={`result ${info.result === "ok" ? "ok" : "err"}`}>{info.result}</span>
          </>
        ) : (
          "The start, before the first statement"
        )}
      </h2>
      {info && (
        <ol className="print-events">
          {info.events.map((e, i) => (
            <li key={i}>
              <b>{e.fn}()</b> {e.say}
            </li>
          ))}
        </ol>
      )}
      {!doc && <p className="teach-muted">The simulator could not build this page.</p>}
      {doc && (
        <>
          <AnonFigure doc={doc} />
          <div className="print-cols">
            <div>
              <TablesList tables={tables} />
            </div>
            <pre className="print-tools">{toolText(doc, "both")}</pre>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * `?print`: the whole scenario, one step a page (the end state of each step with its narration),
 * for paper or PDF. CSS puts a page break after each step.
 */
export function PrintView() {
  const { gen, count, steps, text, presetId, loading } = useApp(useShallow(sel));
  const lesson = useTeach(currentLesson);
  const [docs, setDocs] = useState<{ gen: number; list: (DocView | null)[] } | null>(null);
  const last = Math.min(count, PRINT_STEPS_MAX);
  useEffect(() => {
    if (!gen || loading) return;
    let live = true;
    void (async () => {
      // one page at a time, each capped in the worker: nothing here grows with the state
      const list: (DocView | null)[] = [];
      for (let n = 0; n <= last; n++) {
        const d = await requestDocView({ step: n, event: -1 }, PRINT_ROWS);
        if (!live) return;
        list.push(d);
      }
      setDocs({ gen, list });
    })();
    return () => {
      live = false;
    };
  }, [gen, last, loading]);
  const title = lesson
    ? `Lesson ${lesson.n}: ${lesson.title}`
    : (scenarioTitle(text, presetId) ?? "Anonscope scenario");
  const ready = docs !== null && docs.gen === gen;
  const { pathname, search, hash } = window.location;
  return (
    <div className="print-view" aria-busy={!ready}>
      <header className="print-head">
        <h1>{title}</h1>
        <p className="teach-muted">
          {count} {count === 1 ? "step" : "steps"}, one a page: the state at the end of each step and what the
          kernel did.
          {count > PRINT_STEPS_MAX && ` Only the first ${PRINT_STEPS_MAX} steps are printed.`}
        </p>
        <div className="print-toolbar">
          <button type="button" className="btn primary" disabled={!ready} onClick={() => window.print()}>
            Print
          </button>
          <a className="btn" href={`${pathname}${withQuery(search, "print", null)}${hash}`}>
            Back to the app
          </a>
        </div>
        <h2 className="print-sub">The scenario</h2>
        <pre className="print-scenario">{text}</pre>
      </header>
      <main aria-label="Steps">
        {!ready && <p>Running every step…</p>}
        {ready && docs.list.map((d, n) => <Page key={n} doc={d} info={steps[n - 1]} n={n} of={count} />)}
      </main>
    </div>
  );
}
