/**
 * The editor for long scenarios (long.ts): CodeMirror, which draws only the lines on screen, so
 * the longest text the limits allow opens in a fraction of a second and a keystroke costs a
 * frame. Loaded lazily (ScenarioEditor.tsx): the first page never pays for it. It marks what
 * the textarea editor marks (comments, the current step's line, a parse error's line), for the
 * lines on screen only, and refuses an edit past LIMITS.scenarioChars before applying it.
 */
import { history, historyKeymap, standardKeymap } from "@codemirror/commands";
import {
  Annotation,
  Compartment,
  EditorState,
  RangeSetBuilder,
  StateEffect,
  StateField,
} from "@codemirror/state";
import {
  Decoration,
  EditorView,
  keymap,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from "@codemirror/view";
import { useEffect, useRef } from "react";
import { editText } from "../../state/actions";
import { notify } from "../../state/view";
import { LIMITS } from "../../contract/limits";
import { handOff, isLong, takeHandoff, tooLong } from "./long";
import type { EditorProps } from "./props";

interface Marks {
  readonly step: number;
  readonly error: number;
  readonly broke: ReadonlySet<number>;
}
const setMarks = StateEffect.define<Marks>();
const marks = StateField.define<Marks>({
  create: () => ({ step: 0, error: 0, broke: new Set<number>() }),
  update: (v, tr) => tr.effects.reduce((m, e) => (e.is(setMarks) ? e.value : m), v),
});
/** A change that comes from the store (a preset, a link), not from typing here. */
const fromStore = Annotation.define<boolean>();

/** Line classes for the lines on screen: what the textarea's layer draws for every line. */
function lineClasses(view: EditorView): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  const m = view.state.field(marks);
  const doc = view.state.doc;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = doc.lineAt(pos);
      const cls = [
        /^\s*#/.test(line.text) ? "c" : "",
        line.number === m.step ? "cur" : "",
        line.number === m.error ? "err" : "",
        m.broke.has(line.number) ? "broke" : "",
      ]
        .filter(Boolean)
        .join(" ");
      if (cls) b.add(line.from, line.from, Decoration.line({ class: cls }));
      pos = line.to + 1;
    }
  }
  return b.finish();
}

const highlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = lineClasses(view);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged || u.viewportChanged || u.startState.field(marks) !== u.state.field(marks))
        this.decorations = lineClasses(u.view);
    }
  },
  { decorations: (p) => p.decorations },
);

/** An edit past the limit is dropped before it is applied, and the user is told. */
const limit = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.length <= LIMITS.scenarioChars || tr.annotation(fromStore)) return tr;
  const what = tr.isUserEvent("input.paste") ? "paste" : tr.isUserEvent("input.drop") ? "drop" : "edit";
  const n = tr.newDoc.length;
  queueMicrotask(() => notify("error", tooLong(n, what)));
  return [];
});

const attrs = (invalid: boolean, describedBy: string | undefined) =>
  EditorView.contentAttributes.of({
    "aria-label": "Scenario text",
    spellcheck: "false",
    autocapitalize: "off",
    autocorrect: "off",
    ...(invalid ? { "aria-invalid": "true" } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  });

/**
 * Drawn like the textarea editor. Inside its own shadow root (below): there CodeMirror's style
 * modules go in adopted style sheets, which the app's Content-Security-Policy allows (in the
 * document it would add a <style> element, which the policy refuses).
 */
const look = EditorView.theme({
  "&": { height: "100%", background: "var(--panel-2)", color: "var(--ink)" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "-1px" },
  ".cm-scroller": { font: "calc(12 * var(--u))/1.5 var(--mono)", overflowY: "scroll" },
  ".cm-content": { padding: "calc(6 * var(--u)) 0", caretColor: "var(--ink)" },
  ".cm-line": { padding: "0 calc(8 * var(--u))" },
  ".cm-cursor": { borderLeftColor: "var(--ink)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": {
    background: "color-mix(in srgb, var(--focus) 30%, transparent)",
  },
  ".cm-line.c": { color: "var(--faint)" },
  ".cm-line.cur": { background: "var(--now-soft)", boxShadow: "inset 3px 0 0 var(--now)" },
  ".cm-line.err": { background: "var(--error-soft)", textDecoration: "underline wavy var(--error)" },
  ".cm-line.broke": { background: "var(--error-soft)", boxShadow: "inset 3px 0 0 var(--error)" },
  ".cm-content[aria-invalid=true]": { boxShadow: "inset 0 0 0 1px var(--error)" },
});

export default function CodeEditor({ text, errorLine, stepLine, broke, invalid, describedBy }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** the text this editor last gave the store (so its echo is not applied again) */
  const sent = useRef(text);
  const aria = useRef(new Compartment());

  useEffect(() => {
    const sel = takeHandoff();
    const el = host.current!;
    const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
    const v = new EditorView({
      parent: root,
      root,
      state: EditorState.create({
        doc: sent.current,
        ...(sel ? { selection: { anchor: sel.anchor, head: sel.head } } : {}),
        extensions: [
          history(),
          keymap.of([...standardKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          look,
          marks,
          highlight,
          limit,
          aria.current.of(attrs(false, undefined)),
          EditorView.updateListener.of((u) => {
            const mixed = u.transactions.some((t) => t.annotation(fromStore));
            if (
              !u.docChanged ||
              (mixed && u.transactions.every((t) => t.annotation(fromStore) || !t.docChanged))
            )
              return;
            // the new text from the old one and the changes: doc.toString() walks every line
            // object (40 ms a keystroke at 262,000 lines), slicing a string costs almost nothing
            const prev = sent.current;
            const parts: string[] = [];
            let at = 0;
            u.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
              parts.push(prev.slice(at, fromA), inserted.toString());
              at = toA;
            });
            parts.push(prev.slice(at));
            const t = mixed ? u.state.doc.toString() : parts.join("");
            sent.current = t;
            // short again: the textarea takes over, with the caret
            if (!isLong(t)) handOff(u.state.selection.main);
            editText(t);
          }),
        ],
      }),
    });
    view.current = v;
    if (sel) {
      v.focus();
      v.dispatch({ effects: EditorView.scrollIntoView(sel.head, { y: "center" }) });
    }
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // the store's text changed elsewhere (a preset, a link, Back): show it
  useEffect(() => {
    const v = view.current;
    if (!v || text === sent.current) return;
    sent.current = text;
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: text },
      annotations: fromStore.of(true),
    });
  }, [text]);

  useEffect(() => {
    view.current?.dispatch({ effects: aria.current.reconfigure(attrs(invalid, describedBy)) });
  }, [invalid, describedBy]);

  // mark the lines; follow the current step while the user is not typing here
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const follow = stepLine > 0 && stepLine <= doc.lines && !v.hasFocus;
    v.dispatch({
      effects: [
        setMarks.of({
          step: stepLine,
          error: errorLine,
          broke: new Set(broke ? broke.split(",").map(Number) : []),
        }),
        ...(follow ? [EditorView.scrollIntoView(doc.line(stepLine).from, { y: "center" })] : []),
      ],
    });
  }, [stepLine, errorLine, broke]);

  return (
    <div className="editor-wrap">
      <div className="editor-cm" ref={host} data-long-editor="" />
    </div>
  );
}
