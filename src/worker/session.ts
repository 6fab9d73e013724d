/**
 * The engine side of the protocol, with no worker in it: holds the current timeline and turns
 * each request into one reply. The worker entry and the main-thread fallback both wrap this.
 */
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, clampPosition, stateAt, type Timeline } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { buildSnapshot } from "./snapshot";
import type { Position, Reply, Request, StepInfo } from "./protocol";

export interface Session {
  handle(req: Request): Reply;
}

function stepInfos(tl: Timeline): StepInfo[] {
  return tl.steps.map((s) => ({
    n: s.n,
    line: s.line,
    text: s.text,
    result: s.result,
    events: s.events.map((e) =>
      e.refs ? { fn: e.fn, src: e.src, say: e.say, refs: e.refs } : { fn: e.fn, src: e.src, say: e.say },
    ),
  }));
}

export function createSession(): Session {
  let tl: Timeline | null = null;
  let gen = 0;
  let seq = 0;

  const snapshotAt = (pos: Position) => {
    const p = clampPosition(tl!, pos);
    return buildSnapshot(stateAt(tl!, p), gen, p);
  };

  function handle(req: Request): Reply {
    const id = req.id;
    seq++;
    try {
      switch (req.type) {
        case "load": {
          const r = parseScenario(req.text);
          if (!r.ok) return { v: 1, type: "parse-error", id, seq, error: r.error };
          tl = buildTimeline(r.scenario);
          gen++;
          const to = req.to === "end" ? { step: tl.steps.length, event: -1 } : req.to;
          return { v: 1, type: "loaded", id, seq, gen, steps: stepInfos(tl), snapshot: snapshotAt(to) };
        }
        case "seek":
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          return { v: 1, type: "snapshot", id, seq, snapshot: snapshotAt(req.pos) };
        case "doc": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          const last = p.event === -1 ? p.step : p.step - 1;
          return { v: 1, type: "doc", id, seq, doc: buildDoc(stateAt(tl, p), tl.steps.slice(0, last)) };
        }
        default:
          return assertNever(req);
      }
    } catch (e) {
      return { v: 1, type: "failed", id, seq, message: e instanceof Error ? e.message : String(e) };
    }
  }
  return { handle };
}

function assertNever(x: never): never {
  throw new Error(`unknown request ${JSON.stringify(x)}`);
}
