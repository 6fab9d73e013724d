import { useMemo } from "react";
import type { Snapshot } from "../../contract/wire/protocol";
import { useApp } from "../../state/store";
import { Panel } from "../Panel";

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
  return (
    <Panel id="console" title="Console" sub="pmap -x · swap -s · swap -l, live">
      {snap ? (
        <pre className="console" aria-label="pmap -x and swap -s output">
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
