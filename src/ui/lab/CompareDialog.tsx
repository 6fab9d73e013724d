import { useMemo, useState, type ChangeEvent } from "react";
import { comparePmap } from "../../lab/compare/compare";
import { MAX_INPUT_CHARS } from "../../lab/parse/lab";
import { useApp } from "../../state/store";
import { Dialog } from "../teach/Dialog";
import { askLab } from "./labClient";
import type { LabReply } from "../../lab/protocol";
import { closeCompare } from "./labStore";
import { RowsTable } from "./RowsTable";
import { StepView } from "./StepView";
import "./lab.css";

/**
 * Compare with a real run: paste the lab program's output (or one real pmap -x) and see it
 * beside the simulation, step by step. Reading and simulating happen in a worker.
 */

const PLATFORM: Record<string, string> = {
  illumos: "illumos",
  linux: "Linux",
  simulator: "simulator (expected output)",
  unknown: "unknown system",
};

function Problem({ line, column, message }: { line: number; column?: number | undefined; message: string }) {
  return (
    <p className="lab-problem" role="alert">
      {`Line ${line}${column ? `, column ${column}` : ""}: ${message}`}
    </p>
  );
}

function LabResult({ reply }: { reply: Extract<LabReply, { kind: "lab" }> }) {
  const [at, setAt] = useState(() =>
    Math.max(
      0,
      reply.steps.findIndex((s) => s.differences > s.explained),
    ),
  );
  const total = reply.steps.reduce((n, s) => n + s.differences, 0);
  const explained = reply.steps.reduce((n, s) => n + s.explained, 0);
  const step = reply.steps[Math.min(at, reply.steps.length - 1)];
  return (
    <div className="lab-result-box">
      <p className="lab-summary" aria-live="polite">
        {`A ${PLATFORM[reply.run.platform]} run, ${reply.steps.length} steps: ${total} ${total === 1 ? "difference" : "differences"}, ${explained} explained, ${total - explained} unexplained.`}
        {reply.run.failed && <strong>{` The run failed: ${reply.run.failed}.`}</strong>}
        {!reply.run.ended && !reply.run.failed && <strong> The output ends early (no “== end”).</strong>}
      </p>
      {reply.run.problems.slice(0, 3).map((p, i) => (
        <Problem key={i} {...p} />
      ))}
      <div className="lab-cols">
        <ol className="lab-steps" aria-label="Steps">
          {reply.steps.map((s, i) => {
            const bad = s.differences - s.explained;
            return (
              <li key={s.n}>
                <button
                  type="button"
                  className="lab-step-btn"
                  aria-current={i === at ? "step" : undefined}
                  onClick={() => setAt(i)}
                >
                  <span className="lab-step-n">{s.n}</span>
                  <span className="lab-step-text">{s.text}</span>
                  <span
                    className={
                      bad ? "lab-badge lab-surprise" : s.differences ? "lab-badge lab-diff" : "lab-badge"
                    }
                  >
                    {bad ? `${bad} unexplained` : s.differences ? `${s.differences} explained` : "same"}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
        {step && <StepView step={step} />}
      </div>
    </div>
  );
}

function PmapResult({ reply }: { reply: Extract<LabReply, { kind: "pmap" }> }) {
  const snap = useApp((s) => s.engine.snapshot);
  const names = Object.keys(snap?.pmap ?? {});
  const [proc, setProc] = useState<string | null>(null);
  const name = proc ?? names[0] ?? null;
  const rows = useMemo(
    () => (snap && name ? comparePmap(reply.block.rows, snap.pmap[name] ?? [], "unknown") : []),
    [snap, name, reply.block.rows],
  );
  const others = reply.block.rows.length - rows.filter((r) => r.cells[0]!.real !== "").length;
  return (
    <div className="lab-result-box">
      <p className="lab-summary">
        {`One pmap -x of pid ${reply.block.pid} (${reply.block.bits}-bit), ${reply.block.rows.length} rows, beside the simulation at step ${snap?.pos.step ?? 0}. With no map line from the lab, rows are matched by their label, size and mode.`}
      </p>
      {reply.block.notes.map((p, i) => (
        <Problem key={i} {...p} />
      ))}
      <div className="lab-scroll">
        {names.length === 0 ? (
          <p className="lab-problem">
            No process is alive at this step of the simulation: go to a step where one is.
          </p>
        ) : (
          <>
            <label className="lab-pick">
              Simulated process{" "}
              <select value={name ?? ""} onChange={(e) => setProc(e.target.value)}>
                {names.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <RowsTable
              rows={rows}
              caption={`${name} in the simulator, pid ${reply.block.pid} on the real machine`}
            />
          </>
        )}
        {others > 0 && (
          <p className="teach-muted">{`+ ${others} other real ${others === 1 ? "row" : "rows"}: the rest of that process, which no simulated segment matches.`}</p>
        )}
        {reply.swap && (
          <p className="teach-muted">
            {`swap -s here: ${reply.swap.allocatedKb}k allocated + ${reply.swap.reservedKb}k reserved = ${reply.swap.usedKb}k used. A real system has other processes, so compare its changes between steps (a lab run does).`}
          </p>
        )}
      </div>
    </div>
  );
}

export default function CompareDialog() {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState<LabReply | null>(null);
  const compare = async (pasted: string): Promise<void> => {
    setBusy(true);
    const r = await askLab({ kind: "compare", scenario: useApp.getState().scenario.shownText, pasted });
    setReply(r);
    setBusy(false);
  };
  const open = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const f = e.target.files?.[0];
    e.target.value = "";
    if (!f) return;
    if (f.size > MAX_INPUT_CHARS) {
      setReply({
        id: 0,
        kind: "problem",
        problem: {
          line: 1,
          message: `${f.name} is ${f.size} bytes; the compare view reads at most ${MAX_INPUT_CHARS}`,
        },
      });
      return;
    }
    const t = await f.text();
    setText(t);
    await compare(t);
  };
  return (
    <Dialog
      label="Compare with a real run"
      onClose={closeCompare}
      className={reply && reply.kind !== "problem" ? "lab-dialog lab-full" : "lab-dialog"}
    >
      <div className="teach-dialog-head">
        <h2>Compare with a real run</h2>
        <button type="button" className="btn" onClick={closeCompare}>
          Close
        </button>
      </div>
      <p className="teach-muted">
        Paste what the lab program printed (Export → C program, built and run on an illumos machine) or one
        real <code>pmap -x</code>. Each step shows the simulator beside the real machine; every difference is
        marked, with why when the lab expects it.
      </p>
      <textarea
        className={reply && reply.kind !== "problem" ? "lab-input lab-small" : "lab-input"}
        aria-label="The real output"
        placeholder="== step 0: (start) …   or   1234:  ./prog  followed by pmap -x's table"
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        data-autofocus
      />
      <div className="lab-actions">
        <button
          type="button"
          className="btn primary"
          disabled={busy || !text.trim()}
          onClick={() => void compare(text)}
        >
          {busy ? "Comparing…" : "Compare"}
        </button>
        <label className="btn lab-file">
          Open a file…
          <input type="file" accept=".txt,text/plain" onChange={(e) => void open(e)} />
        </label>
      </div>
      {reply?.kind === "problem" && <Problem {...reply.problem} />}
      {reply?.kind === "lab" && <LabResult key={reply.id} reply={reply} />}
      {reply?.kind === "pmap" && <PmapResult key={reply.id} reply={reply} />}
    </Dialog>
  );
}
