import { useState } from "react";
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
import { MmapForm, ProtForm, SizeForm } from "./OpForms";
import { OpsTarget } from "./OpsTarget";

type FormKind = "mmap" | "mprotect" | "sbrk" | "stack" | null;

const selTarget = (s: AppState) => {
  const p = targetProc(s);
  const g = targetSeg(s, p);
  return { p, g, pages: s.view.pages, snap: s.engine.snapshot, alive: s.engine.snapshot?.procs };
};

/** The operation buttons: each appends one statement for the selected process, segment, pages. */
export function OpsBar() {
  const { p, g, pages, snap, alive: all } = useApp(useShallow(selTarget));
  const alive = (all ?? []).filter((x) => x.alive);
  const [form, setForm] = useState<FormKind>(null);
  const names = snap ? snap.procs.map((x) => x.name) : [];
  const proc = p?.name ?? null;
  const seg = g ? { name: g.name, first: g.first } : null;
  const span: PageSpan | null = g ? (pages ?? { from: g.first, to: g.first + g.pages - 1 }) : null;
  const run = (line: string, select?: Parameters<typeof appendStatement>[1]) => {
    setForm(null);
    void appendStatement(line, select);
  };
  const toggle = (k: FormKind) => setForm((f) => (f === k ? null : k));
  const noProc = !proc;
  const noSeg = !proc || !g || !span;

  return (
    <div className="ops" role="toolbar" aria-label="Operations">
      <OpsTarget procs={alive} proc={p} seg={g} pages={pages} />
      <button
        type="button"
        className="btn"
        aria-label="Spawn"
        title="spawn a new process"
        onClick={() => run(spawnLine(freeName(names, "P")))}
      >
        spawn
      </button>
      <span className="anchor">
        <button
          type="button"
          className="btn"
          aria-label="mmap"
          aria-expanded={form === "mmap"}
          disabled={noProc}
          onClick={() => toggle("mmap")}
        >
          mmap
        </button>
        {form === "mmap" && proc && snap && (
          <MmapForm
            proc={proc}
            taken={p!.segs.map((x) => x.name)}
            files={snap.files}
            onRun={run}
            onCancel={() => setForm(null)}
          />
        )}
      </span>
      <button
        type="button"
        className="btn"
        aria-label="Read"
        disabled={noSeg}
        onClick={() => run(touchLine("read", proc!, g!.name, span!))}
      >
        read
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Write"
        disabled={noSeg}
        onClick={() => run(touchLine("write", proc!, g!.name, span!))}
      >
        write
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Fork"
        disabled={noProc}
        onClick={() => run(forkLine(proc!, freeName(names, "P")), { seg })}
      >
        fork
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Exit"
        disabled={noProc}
        onClick={() => run(exitLine(proc!), { proc: null })}
      >
        exit
      </button>
      <button
        type="button"
        className="btn"
        aria-label="munmap"
        disabled={noSeg}
        onClick={() => run(munmapLine(proc!, g!.name, pages), { seg: null })}
      >
        munmap
      </button>
      <span className="anchor">
        <button
          type="button"
          className="btn"
          aria-label="mprotect"
          aria-expanded={form === "mprotect"}
          disabled={noSeg}
          onClick={() => toggle("mprotect")}
        >
          mprotect
        </button>
        {form === "mprotect" && proc && g && (
          <ProtForm proc={proc} seg={g.name} span={pages} onRun={run} onCancel={() => setForm(null)} />
        )}
      </span>
      <button
        type="button"
        className="btn"
        aria-label="pageout"
        disabled={noSeg}
        onClick={() => run(pageoutLine(proc!, g!.name, span!))}
      >
        pageout
      </button>
      {(["sbrk", "stack"] as const).map((k) => (
        <span className="anchor" key={k}>
          <button
            type="button"
            className="btn"
            aria-label={k}
            aria-expanded={form === k}
            disabled={noProc}
            onClick={() => toggle(k)}
          >
            {k}
          </button>
          {form === k && proc && <SizeForm kind={k} proc={proc} onRun={run} onCancel={() => setForm(null)} />}
        </span>
      ))}
    </div>
  );
}
