import { useState, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { insertStatement, type InsertOptions } from "../state/edits";
import { clampPos } from "../contract/position";
import { namesIn, scenarioOf } from "../state/scenarioFacts";
import { aliveProcs } from "../state/selectors";
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
import { blockedWhy, procWhy, segWhy, targetProc, targetSeg } from "../state/target";
import { useTeach } from "../state/teach";
import { checkStatement } from "../state/validate";
import { MmapForm, ProtForm, SizeForm } from "./OpForms";
import { OpsTarget, usePagesText } from "./OpsTarget";
import { ToolButton } from "./ToolButton";

type FormKind = "mmap" | "mprotect" | "sbrk" | "stack" | null;

const selTarget = (s: AppState) => {
  const p = targetProc(s);
  return {
    p,
    g: targetSeg(s, p),
    procName: s.view.proc,
    segRef: s.view.seg,
    pages: s.view.pages,
    snap: s.engine.snapshot,
    shownText: s.scenario.shownText,
    blocked: blockedWhy(s),
    at: s.engine.snapshot ? clampPos(s.engine.steps, s.engine.snapshot.pos).step : 0,
    total: s.engine.steps.length,
    procWhy: procWhy(s),
    segWhy: segWhy(s),
  };
};

/**
 * The operation buttons: each adds one statement for the target process, segment and pages,
 * right after the step on screen (edits.ts). A button whose target is not there at this step is
 * disabled and says why; in predict mode the student predicts what it does before it runs.
 */
export function OpsBar() {
  const t = useApp(useShallow(selTarget));
  const { p, g, pages, snap, shownText } = t;
  const [form, setForm] = useState<FormKind>(null);
  const [pagesText, setPagesText] = usePagesText(pages);
  const predict = useTeach((x) => x.predict && !x.mode.print);
  const names = namesIn(scenarioOf(shownText));
  const proc = p?.name ?? "";
  const span: PageSpan | null = g ? (pages ?? { from: g.first, to: g.first + g.pages - 1 }) : null;
  const pagesCheck =
    pagesText.trim() === ""
      ? null
      : checkStatement(shownText, [
          { text: proc || "P" },
          { text: "write" },
          { text: g?.name ?? "s" },
          { text: pagesText, label: "Pages" },
        ]);
  const pagesError = pagesCheck?.error ?? null;
  const segOpWhy = t.segWhy ?? pagesError;

  const run = (line: string, opts: InsertOptions = {}) => {
    setForm(null);
    void insertStatement(line, { ...opts, predict });
  };
  const toggle = (k: FormKind) => setForm((f) => (f === k ? null : k));
  const op = (label: string, text: string, why: string | null, onClick: () => void) => (
    <ToolButton label={label} why={why} onClick={onClick}>
      {text}
    </ToolButton>
  );
  const withForm = (k: Exclude<FormKind, null>, why: string | null, body: ReactNode) => (
    <span className="anchor" key={k}>
      <ToolButton label={k} expanded={form === k} why={why} onClick={() => toggle(k)}>
        {k}
      </ToolButton>
      {form === k && !why && body}
    </span>
  );
  const child = freeName(names.procs, "P");
  // where a statement goes: right after the step on screen
  const where =
    t.at === t.total
      ? `adds step ${t.at + 1}, at the end:`
      : `goes in after step ${t.at}, as step ${t.at + 1}:`;

  return (
    <div className="ops" role="toolbar" aria-label="Operations">
      <OpsTarget
        procs={aliveProcs(snap)}
        procName={t.procName}
        segRef={t.segRef}
        proc={p}
        seg={g}
        pagesText={pagesText}
        onPages={setPagesText}
        pagesError={pagesError}
      />
      {op("Spawn", "spawn", t.blocked, () => run(spawnLine(child), { fill: { proc: child } }))}
      {withForm(
        "mmap",
        t.procWhy,
        <MmapForm
          where={where}
          proc={proc}
          name={freeName([...names.segs, ...(p?.segs.map((x) => x.name) ?? [])], "buf")}
          files={snap?.files ?? []}
          shownText={shownText}
          onRun={(line, seg) => run(line, { fill: { seg: { name: seg, first: 0 } } })}
          onCancel={() => setForm(null)}
        />,
      )}
      {op("Read", "read", segOpWhy, () => run(touchLine("read", proc, g!.name, span!)))}
      {op("Write", "write", segOpWhy, () => run(touchLine("write", proc, g!.name, span!)))}
      {op("Fork", "fork", t.procWhy, () => run(forkLine(proc, child)))}
      {op("Exit", "exit", t.procWhy, () => run(exitLine(proc), { destructive: true }))}
      {op("munmap", "munmap", segOpWhy, () => run(munmapLine(proc, g!.name, pages), { destructive: true }))}
      {withForm(
        "mprotect",
        segOpWhy,
        <ProtForm
          where={where}
          proc={proc}
          seg={g?.name ?? ""}
          span={pages}
          onRun={run}
          onCancel={() => setForm(null)}
        />,
      )}
      {op("pageout", "pageout", segOpWhy, () =>
        run(pageoutLine(proc, g!.name, span!), { destructive: true }),
      )}
      {(["sbrk", "stack"] as const).map((k) =>
        withForm(
          k,
          t.procWhy,
          <SizeForm
            where={where}
            kind={k}
            proc={proc}
            shownText={shownText}
            onRun={run}
            onCancel={() => setForm(null)}
          />,
        ),
      )}
    </div>
  );
}
