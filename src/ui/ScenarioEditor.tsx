import { lazy, Suspense } from "react";
import { useShallow } from "zustand/react/shallow";
import { clampPos } from "../contract/position";
import { useApp, type AppState } from "../state/store";
import { isLong } from "./editor/long";
import { TextEditor } from "./editor/TextEditor";

/** CodeMirror is loaded only when a long text needs it: it is not in the first page's bundle. */
const CodeEditor = lazy(() => import("./editor/CodeEditor"));

const sel = (s: AppState) => {
  const e = s.scenario.error;
  const p = s.engine.snapshot ? clampPos(s.engine.steps, s.engine.snapshot.pos) : null;
  const same = s.scenario.text === s.scenario.shownText;
  return {
    text: s.scenario.text,
    errorLine: e ? e.line : 0,
    stepLine: same && p && p.step > 0 ? (s.engine.steps[p.step - 1]?.line ?? 0) : 0,
    // later steps an operation made fail (edits.ts), while the text is still the one that ran
    broke: same ? s.scenario.marks.map((m) => m.line).join(",") : "",
  };
};

/**
 * The scenario editor: a textarea with a highlight layer for the texts people write, and, for a
 * long text (thousands of lines: long.ts), an editor that draws only the lines on screen, so
 * even the longest text the limits allow stays responsive.
 */
export function ScenarioEditor({ invalid, describedBy }: { invalid: boolean; describedBy?: string }) {
  const { text, errorLine, stepLine, broke } = useApp(useShallow(sel));
  const props = { text, errorLine, stepLine, broke, invalid, describedBy };
  if (!isLong(text)) return <TextEditor {...props} />;
  return (
    <Suspense
      fallback={
        <div className="editor-wrap" aria-busy="true">
          <div className="editor editor-under editor-wait">Opening the editor for long scenarios…</div>
        </div>
      }
    >
      <CodeEditor {...props} />
    </Suspense>
  );
}
