import { Fragment, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { Snapshot } from "../../../contract/wire/protocol";
import { useApp } from "../../../state/store";
import { useMarks } from "../../hooks/useMarks";
import { Panel } from "../../Panel";
import { useCompact } from "../../phone/compact";
import { markedCells, totalsOf, type ConsoleLine } from "./consoleCells";
import { frameRead } from "../../hooks/frameRead";

export type { ConsoleLine } from "./consoleCells";

/** The console transcript: `pmap -x` for each live process and `swap -s`, as the tools print them. */
function consoleLines(snap: Snapshot): ConsoleLine[] {
  const out: ConsoleLine[] = [];
  for (const p of snap.procs) {
    if (!p.alive) continue;
    out.push({ text: `$ pmap -x ${p.pid}`, cmd: true });
    const rows = snap.pmap[p.name] ?? [];
    const text = (snap.text.pmapX[p.name] ?? "").replace(/\n+$/, "").split("\n");
    text.forEach((l, i) => {
      // the pid line and the column heads, a row per PmapLine, the rule, the total
      const row = i >= 2 && i - 2 < rows.length ? rows[i - 2] : undefined;
      if (row) out.push({ text: l, cmd: false, role: "pmap-row", proc: p.name, segment: row.segment });
      else if (i === text.length - 1 && i > 2)
        out.push({ text: l, cmd: false, role: "pmap-total", proc: p.name });
      else out.push({ text: l, cmd: false });
    });
  }
  out.push({ text: "$ swap -s", cmd: true });
  out.push({ text: snap.text.swapS.trimEnd(), cmd: false, role: "swap-s" });
  out.push({ text: "$ swap -l", cmd: true });
  const swapL = snap.text.swapL.trimEnd().split("\n");
  swapL.forEach((l, i) => out.push({ text: l, cmd: false, ...(i === 1 ? { role: "swap-l" as const } : {}) }));
  return out;
}

/**
 * The console: what the tools print now, with the figures the current event changed (in
 * Compare mode: those that differ from moment A) marked, as the engine's diff names them.
 */
export function ConsolePanel() {
  const snap = useApp((s) => s.engine.snapshot);
  const lines = useMemo(() => (snap ? consoleLines(snap) : []), [snap]);
  const marks = useMarks();
  const totals = useMemo(() => totalsOf(marks), [marks]);
  const pre = useRef<HTMLPreElement>(null);
  // on a phone the tools' columns are wider than the screen: say so, they scroll sideways
  const compact = useCompact();
  const wide = useWider(pre, lines, compact);
  const sub =
    compact && wide ? "wider than the screen: drag it sideways" : "pmap -x · swap -s · swap -l, live";
  return (
    <Panel id="console" title="Console" sub={sub}>
      {snap ? (
        <pre className="console" aria-label="pmap -x and swap -s output" ref={pre}>
          {lines.map((l, i) => {
            const cells = l.cmd ? [] : markedCells(l, marks, totals);
            return (
              <div key={i} className={l.cmd ? "cmd" : cells.length ? "changed" : undefined}>
                {cells.length ? <Cells text={l.text} cells={cells} /> : l.text || " "}
              </div>
            );
          })}
        </pre>
      ) : (
        <div className="empty-state">Starting the simulator…</div>
      )}
    </Panel>
  );
}

/** A line with its marked cells wrapped (the text itself unchanged). */
function Cells({ text, cells }: { text: string; cells: readonly [number, number][] }) {
  return (
    <>
      {cells.map(([a, b], k) => (
        <Fragment key={k}>
          {text.slice(k === 0 ? 0 : cells[k - 1]![1], a)}
          <mark className="cell-chg">{text.slice(a, b)}</mark>
        </Fragment>
      ))}
      {text.slice(cells[cells.length - 1]![1])}
    </>
  );
}

/**
 * Whether the text is wider than its box (it scrolls sideways), kept current as it or the box
 * changes, while `on` (only a phone's layout says so); read at the next frame (frameRead.ts).
 */
function useWider(ref: RefObject<HTMLElement | null>, content: unknown, on: boolean): boolean {
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || !on) return;
    const update = frameRead(() => setWide(el.scrollWidth > el.clientWidth + 1));
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      ro.disconnect();
      update.cancel();
    };
  }, [ref, content, on]);
  return on && wide;
}
