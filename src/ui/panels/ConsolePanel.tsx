import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { Snapshot } from "../../contract/wire/protocol";
import { useApp } from "../../state/store";
import { Panel } from "../Panel";
import { useCompact } from "../phone/compact";

export interface ConsoleLine {
  readonly text: string;
  readonly cmd: boolean;
}

/** The console transcript: `pmap -x` for each live process and `swap -s`, as the tools print them. */
export function consoleLines(snap: Snapshot): ConsoleLine[] {
  const out: ConsoleLine[] = [];
  for (const p of snap.procs) {
    if (!p.alive) continue;
    out.push({ text: `$ pmap -x ${p.pid}`, cmd: true });
    for (const l of (snap.text.pmapX[p.name] ?? "").replace(/\n+$/, "").split("\n"))
      out.push({ text: l, cmd: false });
  }
  out.push({ text: "$ swap -s", cmd: true });
  out.push({ text: snap.text.swapS.trimEnd(), cmd: false });
  out.push({ text: "$ swap -l", cmd: true });
  for (const l of snap.text.swapL.trimEnd().split("\n")) out.push({ text: l, cmd: false });
  return out;
}

export function ConsolePanel() {
  const snap = useApp((s) => s.engine.snapshot);
  const previous = useApp((s) => s.engine.previous);
  const lines = useMemo(() => (snap ? consoleLines(snap) : []), [snap]);
  // mark what changed since the previous position of the same run (not across scenarios)
  const before = useMemo(
    () =>
      previous && snap && previous.gen === snap.gen
        ? new Set(consoleLines(previous).map((l) => l.text))
        : null,
    [previous, snap],
  );
  const pre = useRef<HTMLPreElement>(null);
  const wide = useWider(pre, lines);
  // on a phone the tools' columns are wider than the screen: say so, they scroll sideways
  const sub =
    useCompact() && wide ? "wider than the screen: drag it sideways" : "pmap -x · swap -s · swap -l, live";
  return (
    <Panel id="console" title="Console" sub={sub}>
      {snap ? (
        <pre className="console" aria-label="pmap -x and swap -s output" ref={pre}>
          {lines.map((l, i) => (
            <div
              key={i}
              className={
                l.cmd ? "cmd" : before && !before.has(l.text) && l.text.trim() ? "changed" : undefined
              }
            >
              {l.text || " "}
            </div>
          ))}
        </pre>
      ) : (
        <div className="empty-state">Starting the simulator…</div>
      )}
    </Panel>
  );
}

/** Whether the text is wider than its box (it scrolls sideways), kept current as it or the box changes. */
function useWider(ref: RefObject<HTMLElement | null>, content: unknown): boolean {
  const [wide, setWide] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (): void => setWide(el.scrollWidth > el.clientWidth + 1);
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, content]);
  return wide;
}
