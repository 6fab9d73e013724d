import { useState, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { appendStatement } from "../state/actions";
import { targetProc, targetSeg } from "../state/selectors";
import {
  exitLine,
  forkLine,
  freeName,
  munmapLine,
  pageoutLine,
  spawnLine,
  touchLine,
  type PageSpan,
} from "../state/statements";
import { useApp, type AppState } from "../state/store";
import { appendPredicted, useTeach } from "../state/teach";
import { MmapForm, ProtForm, SizeForm } from "./OpForms";
import { OpsTarget } from "./OpsTarget";
import { ToolButton } from "./ToolButton";

type FormKind = "mmap" | "mprotect" | "sbrk" | "stack" | null;

const selTarget = (s: AppState) => {
  const p = targetProc(s);
  const g = targetSeg(s, p);
  return { p, g, pages: s.view.pages, snap: s.engine.snapshot, alive: s.engine.snapshot?.procs };
};

/**
 * The operation buttons: each appends one statement for the selected process, segment, pages
 * (in predict mode, the student predicts what it does before it runs).
 */
export function OpsBar() {
  const { p, g, pages, snap, alive: all } = useApp(useShallow(selTarget));
  const alive = (all ?? []).filter((x) => x.alive);
  const [form, setForm] = useState<FormKind>(null);
  const names = snap ? snap.procs.map((x) => x.name) : [];
  const proc = p?.name ?? null;
  const seg = g ? { name: g.name, first: g.first } : null;
  const span: PageSpan | null = g ? (pages ?? { from: g.first, to: g.first + g.pages - 1 }) : null;
  // in predict mode the student says what the new statement will do before it runs
  const predict = useTeach((t) => t.predict && !t.mode.print);
  const run = (line: string, select?: Parameters<typeof appendStatement>[1]) => {
    setForm(null);
    void (predict ? appendPredicted : appendStatement)(line, select);
  };
  const toggle = (k: FormKind) => setForm((f) => (f === k ? null : k));
  const noProc = !proc;
  const noSeg = !proc || !g || !span;

  const op = (label: string, text: string, disabled: boolean, onClick: () => void) => (
    <ToolButton label={label} disabled={disabled} onClick={onClick}>
      {text}
    </ToolButton>
  );
  const withForm = (k: Exclude<FormKind, null>, disabled: boolean, body: ReactNode) => (
    <span className="anchor" key={k}>
      <ToolButton label={k} expanded={form === k} disabled={disabled} onClick={() => toggle(k)}>
        {k}
      </ToolButton>
      {form === k && body}
    </span>
  );

  return (
    <div className="ops" role="toolbar" aria-label="Operations">
      <OpsTarget procs={alive} proc={p} seg={g} pages={pages} />
      <ToolButton
        label="Spawn"
        title="spawn a new process"
        onClick={() => run(spawnLine(freeName(names, "P")))}
      >
        spawn
      </ToolButton>
      {withForm(
        "mmap",
        noProc,
        proc && snap && (
          <MmapForm
            proc={proc}
            taken={p!.segs.map((x) => x.name)}
            files={snap.files}
            onRun={run}
            onCancel={() => setForm(null)}
          />
        ),
      )}
      {op("Read", "read", noSeg, () => run(touchLine("read", proc!, g!.name, span!)))}
      {op("Write", "write", noSeg, () => run(touchLine("write", proc!, g!.name, span!)))}
      {op("Fork", "fork", noProc, () => run(forkLine(proc!, freeName(names, "P")), { seg }))}
      {op("Exit", "exit", noProc, () => run(exitLine(proc!), { proc: null }))}
      {op("munmap", "munmap", noSeg, () => run(munmapLine(proc!, g!.name, pages), { seg: null }))}
      {withForm(
        "mprotect",
        noSeg,
        proc && g && (
          <ProtForm proc={proc} seg={g.name} span={pages} onRun={run} onCancel={() => setForm(null)} />
        ),
      )}
      {op("pageout", "pageout", noSeg, () => run(pageoutLine(proc!, g!.name, span!)))}
      {(["sbrk", "stack"] as const).map((k) =>
        withForm(
          k,
          noProc,
          proc && <SizeForm kind={k} proc={proc} onRun={run} onCancel={() => setForm(null)} />,
        ),
      )}
    </div>
  );
}
