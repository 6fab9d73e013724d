import { useEffect, useLayoutEffect, useRef, type ClipboardEvent, type DragEvent } from "react";
import { editText } from "../../state/actions";
import { notify } from "../../state/view";
import { LIMITS } from "../../contract/limits";
import { handOff, isLong, spliced, takeHandoff, tooLong } from "./long";
import type { EditorProps } from "./props";
import { frameRead } from "../hooks/frameRead";

/**
 * The scenario text in a plain textarea, over a highlight layer drawn from the same text with
 * the same font and wrapping: comments dimmed, the current step's line and a parse error's
 * line marked. The layer is text only (never HTML from the input). For short texts only
 * (long.ts): a paste, drop or edit that makes the text long hands it, with the caret, to the
 * long-text editor; one past LIMITS.scenarioChars is refused before anything is built.
 */
export function TextEditor({ text, errorLine, stepLine, broke, invalid, describedBy }: EditorProps) {
  const broken = new Set(broke ? broke.split(",").map(Number) : []);
  const under = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const lines = text.split("\n");
  // arriving from the long-text editor (the text shrank): the caret stays where it was
  useLayoutEffect(() => {
    const sel = takeHandoff();
    const ta = area.current;
    if (!sel || !ta) return;
    ta.focus();
    ta.setSelectionRange(Math.min(sel.anchor, sel.head), Math.max(sel.anchor, sel.head));
  }, []);
  // follow the current step while the user is not typing here
  // (at the next frame, frameRead.ts: its offsets lay the page out)
  useEffect(() => {
    const follow = frameRead(() => {
      const ta = area.current;
      const row = under.current?.children[stepLine - 1] as HTMLElement | undefined;
      if (!ta || !row || document.activeElement === ta) return;
      const top = row.offsetTop;
      if (top < ta.scrollTop || top + row.offsetHeight > ta.scrollTop + ta.clientHeight) {
        ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
      }
    });
    follow();
    return follow.cancel;
  }, [stepLine]);

  /**
   * Text put in from outside (a paste or a drop): refused past the limit, and applied here
   * (not by the browser, whose textarea would lay out every line first) when it makes the text
   * long. Returns true when it took the input over.
   */
  const takeOver = (insert: string, what: "paste" | "drop"): boolean => {
    const ta = area.current;
    if (!ta) return false;
    const next = spliced(ta.value, ta.selectionStart, ta.selectionEnd, insert);
    if (next.length > LIMITS.scenarioChars) {
      notify("error", tooLong(next.length, what));
      return true;
    }
    if (!isLong(next)) return false;
    const caret = ta.selectionStart + insert.length;
    handOff({ anchor: caret, head: caret });
    editText(next);
    return true;
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>): void => {
    if (takeOver(e.clipboardData.getData("text/plain"), "paste")) e.preventDefault();
  };
  const onDrop = (e: DragEvent<HTMLTextAreaElement>): void => {
    const t = e.dataTransfer.getData("text/plain");
    if (t && takeOver(t, "drop")) e.preventDefault();
  };

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
        onPaste={onPaste}
        onDrop={onDrop}
        onChange={(e) => {
          const ta = e.currentTarget;
          const value = ta.value;
          // anything else that got past the limit (the textarea is put back as it was)
          if (value.length > LIMITS.scenarioChars) return notify("error", tooLong(value.length, "edit"));
          if (isLong(value)) handOff({ anchor: ta.selectionStart, head: ta.selectionEnd });
          editText(value);
        }}
        onScroll={(e) => {
          if (under.current) under.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
