import { useState } from "react";
import { selectPages, selectSegment } from "../state/actions";
import { spanText, type PageSpan } from "../state/statements";
import type { ProcSnap, SegSnap } from "../worker/protocol";

/** "3", "0-3", "-2--1" (stack pages), or empty for the whole segment. */
export function parseSpan(text: string): PageSpan | null | "bad" {
  const t = text.trim();
  if (t === "") return null;
  const m = /^(-?\d+)(?:-(-?\d+))?$/.exec(t);
  if (!m) return "bad";
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to < from ? "bad" : { from, to };
}

interface Props {
  procs: readonly ProcSnap[];
  proc: ProcSnap | null;
  seg: SegSnap | null;
  pages: PageSpan | null;
}

/** What the operation buttons act on: a process, one of its segments, and pages (or all). */
export function OpsTarget({ procs, proc, seg, pages }: Props) {
  const shown = pages ? spanText(pages) : "";
  return (
    <span className="target" role="group" aria-label="Target of the operations">
      <select
        aria-label="Process"
        value={proc?.name ?? ""}
        onChange={(e) => selectSegment(e.target.value, seg ? { name: seg.name, first: seg.first } : null)}
      >
        {procs.length === 0 && <option value="">no process</option>}
        {procs.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Segment"
        value={seg ? `${seg.name}@${seg.first}` : ""}
        disabled={!proc}
        onChange={(e) => {
          const g = proc?.segs.find((x) => `${x.name}@${x.first}` === e.target.value);
          if (proc && g) selectSegment(proc.name, { name: g.name, first: g.first });
        }}
      >
        {!seg && <option value="">—</option>}
        {proc?.segs.map((g) => (
          <option key={`${g.name}@${g.first}`} value={`${g.name}@${g.first}`}>
            {g.name}
            {g.first !== 0 ? ` @${g.first}` : ""}
          </option>
        ))}
      </select>
      <PagesInput shown={shown} seg={seg} />
    </span>
  );
}

/** The pages field: keeps what the user types; a selection made elsewhere replaces it. */
function PagesInput({ shown, seg }: { shown: string; seg: SegSnap | null }) {
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  const parsed = parseSpan(text);
  if (shown !== seen) {
    // the selection changed elsewhere (a click on a slot): show it, unless it is what was typed
    setSeen(shown);
    const typed = parsed === "bad" ? "bad" : parsed ? spanText(parsed) : "";
    if (typed !== shown) setText(shown);
  }
  return (
    <input
      aria-label="Pages"
      aria-invalid={parsed === "bad" ? true : undefined}
      placeholder={seg ? `${seg.first}-${seg.first + seg.pages - 1}` : "pages"}
      title="Pages of the segment the buttons act on: 3, 0-3, or empty for all of them"
      value={text}
      size={7}
      onChange={(e) => {
        setText(e.target.value);
        const r = parseSpan(e.target.value);
        if (r !== "bad") selectPages(r);
      }}
    />
  );
}
