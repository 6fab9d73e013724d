/// <reference lib="webworker" />
import { compareRun } from "../lab/compare/compare";
import { emitC } from "../lab/emit_c";
import { expectedText, simulateLab } from "../lab/expected";
import { parseReal } from "../lab/parse/lab";
import { parseScenario } from "../scenarios/parse";
import type { LabReply, LabRequest } from "../lab/protocol";

/**
 * The compare view's worker: reads what the user pasted and runs the simulator for the steps it
 * shows, off the main thread, so a huge or hostile paste never freezes the page.
 */
declare const self: DedicatedWorkerGlobalScope;

function answer(req: LabRequest): LabReply {
  const sc = parseScenario(req.scenario);
  if (!sc.ok)
    return {
      id: req.id,
      kind: "problem",
      problem: { line: 1, message: "the scenario on screen does not parse: fix it first" },
    };
  if (req.kind === "expected")
    return { id: req.id, kind: "expected", text: expectedText(sc.scenario, req.title) };
  if (req.kind === "c") {
    const opts = { title: req.title, source: req.scenario, hints: req.hints };
    return { id: req.id, kind: "c", text: emitC(sc.scenario, opts) };
  }
  const r = parseReal(req.pasted);
  if (!r.ok) return { id: req.id, kind: "problem", problem: r.problem };
  if (r.input.kind === "pmap") return { id: req.id, kind: "pmap", block: r.input.block, swap: r.input.swap };
  const run = r.input;
  if (run.steps.length === 0)
    return { id: req.id, kind: "problem", problem: { line: 1, message: "no step markers" } };
  for (const s of run.steps) {
    if (s.n === 0) continue;
    const mine = sc.scenario.steps[s.n - 1];
    if (!mine || mine.where.text !== s.text)
      return {
        id: req.id,
        kind: "problem",
        problem: {
          line: s.line,
          message: `this output is of another scenario: its step ${s.n} is "${s.text.slice(0, 80)}", ${mine ? `the scenario on screen has "${mine.where.text.slice(0, 80)}"` : `the scenario on screen has ${sc.scenario.steps.length} steps`}. Open that scenario first.`,
        },
      };
  }
  const wanted = new Set(run.steps.flatMap((s) => [s.n, s.n - 1]));
  const steps = compareRun(
    run,
    simulateLab(sc.scenario, (n) => wanted.has(n)),
  );
  const { title, machine, platform, ended, failed, problems } = run;
  return {
    id: req.id,
    kind: "lab",
    run: { title, machine, platform, ended, failed, problems: problems.slice(0, 20) },
    steps,
  };
}

self.onmessage = (e: MessageEvent<LabRequest>) => {
  let reply: LabReply;
  try {
    reply = answer(e.data);
  } catch (err) {
    reply = {
      id: e.data.id,
      kind: "problem",
      problem: { line: 1, message: `internal fault (a bug): ${String(err)}` },
    };
  }
  self.postMessage(reply);
};
