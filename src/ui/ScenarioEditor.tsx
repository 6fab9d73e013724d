import { useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { editText } from "../state/actions";
import { clampPos } from "../state/positions";
import { useApp, type AppState } from "../state/store";

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
 * The scenario text in a plain textarea, over a highlight layer drawn from the same text with
 * the same font and wrapping: comments dimmed, the current step's line and a parse error's
 * line marked. The layer is text only (never HTML from the input).
 */
export function ScenarioEditor({ invalid, describedBy }: { invalid: boolean; describedBy?: string }) {
  const { text, errorLine, stepLine, broke } = useApp(useShallow(sel));
  const broken = new Set(broke ? broke.split(",").map(Number) : []);
  const under = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const lines = text.split("\n");
  // follow the current step while the user is not typing here
  useEffect(() => {
    const ta = area.current;
    const row = under.current?.children[stepLine - 1] as HTMLElement | undefined;
    if (!ta || !row || document.activeElement === ta) return;
    const top = row.offsetTop;
    if (top < ta.scrollTop || top + row.offsetHeight > ta.scrollTop + ta.clientHeight) {
      ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
    }
  }, [stepLine]);
  return (
    <div className="editor-wrap">
      <div className="editor editor-under" ref={under} aria-hidden="true">
        {lines.map((l, i) => {
          const n = i + 1;
          const cls = [
            /^\s*#/.test(l) ? "c" : "",
            n === stepLine ? "cur" : "",
            n === errorLine ? "err" : "",
            broken.has(n) ? "broke" : "",
          ]
            .filter(Boolean)
            .join(" ");
          return (
            <div key={i} className={cls || undefined}>
              {l === "" ? " " : l}
            </div>
          );
        })}
      </div>
      <textarea
        ref={area}
        className="editor editor-over"
        aria-label="Scenario text"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={text}
        onChange={(e) => editText(e.target.value)}
        onScroll={(e) => {
          if (under.current) under.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
