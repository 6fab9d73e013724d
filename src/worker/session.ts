/**
 * The engine side of the protocol, with no worker in it: holds the current timeline and turns
 * each request into one reply. The worker entry and the main-thread fallback both wrap this.
 *
 * It keeps the states of the last two positions it built (a window request right after a
 * seek, or a step back and forth, then costs no checkpoint replay) and the view's window
 * query, so every snapshot it sends carries the window the zoomed view shows.
 */
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, clampPosition, stateAt, type Timeline } from "../engine/timeline";
import type { VmState } from "../engine/types";
import { parseScenario } from "../scenarios/parse";
import { buildSnapshot, buildWindow, type Extra } from "./snapshot";
import type { Position, Reply, Request, Snapshot, StepInfo, WindowQuery } from "./protocol";

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

const idsIn = (text: string, kind: string): number[] =>
  [...text.matchAll(new RegExp(`\\b${kind}:(\\d+)`, "g"))].map((m) => Number(m[1]));

/** The anons and frames the events of the step at pos name (what the screen marks as "now"). */
function stepExtra(tl: Timeline, p: Position): Extra {
  if (p.step === 0) return { anons: [], frames: [] };
  const anons: number[] = [];
  const frames: number[] = [];
  for (const e of tl.steps[p.step - 1]!.events) {
    const r = e.refs;
    if (r?.anon) anons.push(r.anon);
    if (r?.frame) frames.push(r.frame);
    if (r?.from) frames.push(r.from);
    anons.push(...idsIn(e.say, "anon"));
    frames.push(...idsIn(e.say, "pp"));
  }
  return { anons, frames };
}

const CACHED_STATES = 2;

export function createSession(): Session {
  let tl: Timeline | null = null;
  let gen = 0;
  let seq = 0;
  let view: WindowQuery | null = null;
  let states: { key: string; st: VmState }[] = [];

  /** The state at a clamped position, from the cache when it was built lately. Read-only. */
  const stateFor = (p: Position): VmState => {
    const key = `${gen}/${p.step}/${p.event}`;
    const hit = states.find((s) => s.key === key);
    if (hit) return hit.st;
    const st = stateAt(tl!, p);
    states = [{ key, st }, ...states].slice(0, CACHED_STATES);
    return st;
  };

  const snapshotAt = (pos: Position): Snapshot => {
    const p = clampPosition(tl!, pos);
    const st = stateFor(p);
    const snap = buildSnapshot(st, gen, p, stepExtra(tl!, p));
    return view ? { ...snap, window: buildWindow(st, gen, p, seq, view) } : snap;
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
          states = [];
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
          return { v: 1, type: "doc", id, seq, doc: buildDoc(stateFor(p), tl.steps.slice(0, last)) };
        }
        case "window": {
          view = req.query;
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          const window = view ? buildWindow(stateFor(p), gen, p, seq, view) : null;
          return { v: 1, type: "window", id, seq, window };
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
