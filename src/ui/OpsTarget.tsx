import { useState } from "react";
import { selectPages, selectSegment } from "../state/view";
import { spanText, type PageSpan } from "../state/statements";
import type { SegRef } from "../state/store";
import type { ProcSnap, SegSnap } from "../contract/wire/protocol";

/** "3", "0-3", "-2--1" (stack pages) as a span; null for anything else (the parser says why). */
function spanOf(text: string): PageSpan | null {
  const m = /^(-?\d+)(?:-(-?\d+))?$/.exec(text.trim());
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return Number.isSafeInteger(from) && Number.isSafeInteger(to) && from <= to ? { from, to } : null;
}

/**
 * The Pages field's text: what the user types, kept; a selection made elsewhere (a click on a
 * slot, another segment) replaces it. A text that parses becomes the target's pages at once.
 */
export function usePagesText(pages: PageSpan | null): [string, (t: string) => void] {
  const shown = pages ? spanText(pages) : "";
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  if (shown !== seen) {
    setSeen(shown);
    const typed = spanOf(text);
    if ((typed ? spanText(typed) : text.trim() === "" ? "" : "bad") !== shown) setText(shown);
  }
  const edit = (t: string): void => {
    setText(t);
    const r = spanOf(t);
    if (r || t.trim() === "") {
      const next = r ? spanText(r) : "";
      setSeen(next);
      selectPages(r);
    }
  };
  return [text, edit];
}

interface Props {
  /** processes alive at the position on screen */
  procs: readonly ProcSnap[];
  /** the target's names, whether or not they exist here */
  procName: string | null;
  segRef: SegRef | null;
  proc: ProcSnap | null;
  seg: SegSnap | null;
  pagesText: string;
  onPages: (t: string) => void;
  /** what is wrong with the Pages field (the parser's words), or null */
  pagesError: string | null;
}

const keyOf = (g: { name: string; first: number }): string => `${g.name}@${g.first}`;

/**
 * What the operation buttons act on: a process, one of its mappings, and pages (or all). A target
 * that does not exist at this step stays in its box, marked, until the user picks another.
 */
export function OpsTarget({ procs, procName, segRef, proc, seg, pagesText, onPages, pagesError }: Props) {
  const missingProc = procName && !proc ? procName : null;
  const segKey = seg ? keyOf(seg) : segRef ? keyOf(segRef) : "";
  return (
    <span className="target" role="group" aria-label="Target of the operations">
      <select
        aria-label="Process"
        className={missingProc ? "missing" : undefined}
        title={missingProc ? `${missingProc} is not alive at this step` : "The process the operations act on"}
        value={procName ?? ""}
        onChange={(e) => selectSegment(e.target.value || null, null)}
      >
        {!procName && <option value="">{procs.length ? "—" : "no process"}</option>}
        {missingProc && <option value={missingProc}>{missingProc}</option>}
        {procs.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Segment"
        className={segRef && !seg ? "missing" : undefined}
        title={
          segRef && !seg
            ? `${segRef.name} is not mapped here at this step`
            : "The mapping the operations act on"
        }
        value={segKey}
        disabled={!proc}
        onChange={(e) => {
          const g = proc?.segs.find((x) => keyOf(x) === e.target.value);
          if (proc && g) selectSegment(proc.name, { name: g.name, first: g.first });
        }}
      >
        {!segRef && <option value="">—</option>}
        {segRef && !seg && <option value={segKey}>{segRef.name}</option>}
        {proc?.segs.map((g) => (
          <option key={keyOf(g)} value={keyOf(g)}>
            {g.name}
            {g.first !== 0 ? ` @${g.first}` : ""}
          </option>
        ))}
      </select>
      <span className="field">
        <input
          aria-label="Pages"
          aria-invalid={pagesError ? true : undefined}
          aria-describedby={pagesError ? "pages-error" : undefined}
          placeholder={seg ? `all ${seg.first}-${seg.first + seg.pages - 1}` : "pages"}
          title="Pages of the segment the buttons act on: 3, 0-3, -2--1, or empty for all of them"
          value={pagesText}
          size={7}
          onChange={(e) => onPages(e.target.value)}
        />
        {pagesError && (
          <span id="pages-error" className="field-error" role="alert">
            {pagesError}
          </span>
        )}
      </span>
    </span>
  );
}
