/**
 * The engine side of the protocol, with no worker in it: holds the current timeline and turns
 * each request into one reply. The worker entry and the main-thread fallback both wrap this.
 *
 * It keeps the states of the last positions it built (a window request right after a seek,
 * or a step back and forth, then costs no checkpoint replay) and the view's window query, so
 * every snapshot it sends carries the window the zoomed view shows. While idle it builds the
 * snapshot of the position the user is likely to step to next, so stepping event by event
 * through a big state is answered at once (idle() does one piece per call; the worker calls it
 * when no request is waiting). What it builds ahead goes to the client too ("ahead" replies),
 * so that a step key is answered on the main thread in the same frame.
 */
import { diffStates } from "../engine/diff";
import { buildDoc, docRecords } from "../engine/report/doc";
import { cloneState } from "../engine/state";
import {
  buildTimeline,
  clampPosition,
  isCut,
  resumeTimeline,
  stateAt,
  stateCells,
  type Timeline,
} from "../engine/timeline";
import type { VmState } from "../engine/types";
import { LIMITS } from "../contract/limits";
import { loadInput } from "../scenarios/load";
import { INJECTED_FAULT, TEST_HOOKS, type DebugAction } from "../contract/wire/debug";
import { buildDocView, ROWS_MAX } from "./docView";
import { buildFrameWindow } from "./frames";
import { buildSlotWindow } from "./slots";
import type { questionsBetween } from "./questions";
import { allPositions, ScrubPlan } from "./scrub";
import { snapshotBytes } from "../contract/wire/bytes";
import { buildSnapshot, buildWindow, type Extra } from "./snapshot";
import type {
  LoadTarget,
  Position,
  Reply,
  Request,
  RunCut,
  Snapshot,
  StepInfo,
  WindowQuery,
} from "../contract/wire/protocol";

export interface Session {
  handle(req: Request): Reply;
  /** Speculative work (a neighbouring position's snapshot); true while more remains. */
  idle(): boolean;
  /** What idle() built, as an "ahead" reply for the client to keep (then null until more). */
  takePush(): Reply | null;
  /** Test hooks (debug.ts): "fault-next-step" makes the next step run (a load or a seek) throw. */
  debug(action: DebugAction): void;
  /**
   * Whether `req` needs code the session was not given yet (the predict questions, loaded on
   * first use: see provide); the caller loads it, provides it, then hands the request over.
   */
  lacks(req: Request): boolean;
  provide(questions: Questions): void;
}

/** What builds the predict questions of a step (questions.ts, with the rules it cites). */
export type Questions = typeof questionsBetween;

function stepInfos(tl: Timeline): StepInfo[] {
  return tl.steps.map((s) => ({
    n: s.n,
    line: s.line,
    text: s.text,
    result: s.result,
    stmt: s.stmt,
    events: s.events.map((e) =>
      e.refs
        ? { fn: e.fn, src: e.src, say: e.say, depth: e.depth, refs: e.refs }
        : { fn: e.fn, src: e.src, say: e.say, depth: e.depth },
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

/** The whole JSON document is refused past the CLI's limit, in the CLI's words. */
export const docTooBig = (records: number): string =>
  `the JSON document would hold ${records} slot, anon and page records; the limit is ${LIMITS.docRecords} (LIMITS.docRecords)`;

const CACHED_STATES = 3;
/**
 * Below this many state cells (RAM's own arrays aside: copying them is a memcpy) a snapshot is
 * cheap and both neighbours are built ahead; above, the next one only.
 */
const AHEAD_MIN_CELLS = 200_000;

/**
 * The position a change list starts from: just before the event at p ("event": the event
 * before it, or the end of the previous step for a step's first event), or the end of the
 * previous step ("step").
 */
export function before(tl: Timeline, p: Position, scope: "event" | "step"): Position {
  if (p.step === 0) return p;
  const n = tl.steps[p.step - 1]!.events.length;
  const e = p.event === -1 ? n - 1 : p.event;
  return scope === "event" && e >= 1 ? { step: p.step, event: e - 1 } : { step: p.step - 1, event: -1 };
}

const posKey = (gen: number, p: Position): string => `${gen}/${p.step}/${p.event}`;

/** The positions right after and before p, as the transport's step keys move (positions.ts). */
export function neighbours(tl: Timeline, p: Position): { next: Position | null; prev: Position | null } {
  const n = (step: number): number => Math.max(1, tl.steps[step - 1]!.events.length);
  let next: Position | null = null;
  let prev: Position | null = null;
  if (p.event === -1 && p.step < tl.steps.length)
    next = { step: p.step + 1, event: n(p.step + 1) > 1 ? 0 : -1 };
  else if (p.event >= 0) next = { step: p.step, event: p.event + 1 >= n(p.step) - 1 ? -1 : p.event + 1 };
  if (p.event === 0) prev = { step: p.step - 1, event: -1 };
  else if (p.event > 0) prev = { step: p.step, event: p.event - 1 };
  else if (p.step > 0)
    prev = n(p.step) > 1 ? { step: p.step, event: n(p.step) - 2 } : { step: p.step - 1, event: -1 };
  const c = (q: Position | null) => q && clampPosition(tl, q);
  return { next: c(next), prev: c(prev) };
}

export interface SessionOptions {
  aheadMinCells?: number;
  /**
   * the predict questions; without them a predict request is refused until provide() (the worker
   * loads them on first use: they and the rules they cite are a fifth of the engine's code)
   */
  questions?: Questions;
  /** bytes of snapshots for the scrubber's cache (scrub.ts; tests give a small one) */
  scrubBudget?: number;
  /** where a running load's "progress" replies go (the worker posts them at once) */
  onProgress?: (r: Reply) => void;
  /** called between the steps of a long replay (the worker tells the client it is alive) */
  beat?: () => void;
  /** the clock (ms) for load budgets and progress; tests give their own */
  now?: () => number;
}

export function createSession(opts: SessionOptions = {}): Session {
  const aheadMin = opts.aheadMinCells ?? AHEAD_MIN_CELLS;
  const now = opts.now ?? (() => Date.now());
  let tl: Timeline | null = null;
  let gen = 0;
  let seq = 0;
  let view: WindowQuery | null = null;
  let states: { key: string; st: VmState }[] = [];
  /** snapshots built ahead, by position (without the view's window: that is added when sent) */
  let ready = new Map<string, Snapshot>();
  let ahead: Position[] = [];
  let last: Position | null = null;
  /** the scrubber's cache (scrub.ts): only for a big state with no zoomed view */
  let scrub: ScrubPlan | null = null;
  /** whether the state on screen is cheap (both neighbours built ahead, no scrub cache) */
  let cheapHere = true;

  /** The state at a clamped position, from the cache when it was built lately. Read-only. */
  const stateFor = (p: Position): VmState => {
    const key = posKey(gen, p);
    const hit = states.find((s) => s.key === key);
    if (hit) return hit.st;
    const st = buildState(p);
    states = [{ key, st }, ...states].slice(0, CACHED_STATES);
    return st;
  };
  const buildState = (p: Position): VmState => {
    // the end is the tail (no checkpoint may be there: no replay)
    const end = p.step === tl!.steps.length && p.event === -1;
    return end && tl!.tail ? cloneState(tl!.tail) : stateAt(tl!, p, opts.beat);
  };

  const withWindow = (snap: Snapshot, st: VmState, p: Position): Snapshot =>
    view ? { ...snap, window: buildWindow(st, gen, p, seq, view) } : snap;

  /**
   * The user is now at p: plan what idle() builds ahead and pushes. A cheap state's both
   * neighbours (the way the user goes first); a big state's next position only (forward, or
   * back right after a step back; a jump, e.g. on the scrubber, counts as forward). Turning
   * round finds the state it came from still cached.
   */
  const arrive = (p: Position, st: VmState | null): void => {
    const { next, prev } = neighbours(tl!, p);
    const before = last && neighbours(tl!, last).prev;
    const back = before !== null && before.step === p.step && before.event === p.event;
    last = p;
    const near = back ? [prev, next] : [next, prev];
    if (st) cheapHere = stateCells(st) - st.ramPages * 2 < aheadMin;
    // the client keeps what the scrubber's cache sent: those need no push
    ahead = near
      .slice(0, cheapHere ? 2 : 1)
      .filter((q): q is Position => q !== null && !(scrub !== null && scrub.has(q)));
  };

  const snapshotAt = (pos: Position): Snapshot => {
    const p = clampPosition(tl!, pos);
    const key = posKey(gen, p);
    const st = stateFor(p);
    const snap = ready.get(key) ?? buildSnapshot(st, gen, p, stepExtra(tl!, p));
    ready.delete(key);
    arrive(p, st);
    return withWindow(snap, st, p);
  };

  let push: Reply | null = null;
  function idle(): boolean {
    // a test's "the next step throws" is for the next move the user makes: build nothing ahead
    const p = faultNext ? undefined : ahead.shift();
    if (!p && !faultNext && tl) return fillScrub();
    if (!p || !tl) return false;
    const key = posKey(gen, p);
    try {
      const st = stateFor(p);
      let snap = ready.get(key);
      if (!snap) {
        snap = buildSnapshot(st, gen, p, stepExtra(tl, p));
        // keep only the neighbours of the position on screen
        ready = new Map([...ready].slice(-1));
        ready.set(key, snap);
      }
      push = { v: 1, type: "ahead", id: 0, seq, snapshots: [withWindow(snap, st, p)] };
    } catch {
      // an engine bug there is reported when the user moves there (the seek builds it again)
      ahead = [];
    }
    // then the scrubber's cache, for a big state
    return ahead.length > 0 || (!cheapHere && view === null);
  }
  /** One position of the scrubber's cache (scrub.ts); true while more remain worth building. */
  function fillScrub(): boolean {
    if (cheapHere || !last || view !== null) return false;
    scrub ??= new ScrubPlan(allPositions(tl!), opts.scrubBudget);
    const at = scrub.indexOf(last);
    const i = scrub.next(at);
    if (i === null) return false;
    const p = scrub.positions[i]!;
    try {
      // not kept in the cache of states: that holds the ones near the user, and no two
      // positions of the fill share one
      const cached = states.find((s) => s.key === posKey(gen, p))?.st;
      const snap =
        ready.get(posKey(gen, p)) ?? buildSnapshot(cached ?? buildState(p), gen, p, stepExtra(tl!, p));
      const drop = scrub.add(i, snapshotBytes(snap), at);
      push = {
        v: 1,
        type: "ahead",
        id: 0,
        seq,
        snapshots: [snap],
        scrub: true,
        ...(drop.length ? { drop } : {}),
      };
    } catch {
      scrub.fail(i);
    }
    return scrub.next(at) !== null;
  }

  const takePush = (): Reply | null => {
    const r = push;
    push = null;
    return r;
  };

  /**
   * Timeline hooks for a load of `of` steps: progress replies as it goes, and a stop between
   * steps once `budgetMs` is spent.
   */
  const timed = (id: number, of: number, budgetMs?: number): { afterStep: (n: number) => boolean } => {
    const t0 = now();
    return {
      afterStep: (step) => {
        // every step (a few bytes each): if the next one hangs, the client knows this one ended
        opts.onProgress?.({ v: 1, type: "progress", id, seq, step, of });
        return budgetMs !== undefined && now() - t0 >= budgetMs && step < of;
      },
    };
  };

  /** A new timeline is on: the "loaded" reply at `to`, saying whether and why it was cut. */
  const loaded = (id: number, next: Timeline, to: LoadTarget, why: RunCut["why"], t0 = loadStart): Reply => {
    tl = next;
    gen++;
    states = [];
    ready = new Map();
    last = null;
    scrub = null;
    const p = to === "end" ? { step: tl.steps.length, event: -1 } : to;
    const fault = tl.fault ? { fault: { ...tl.fault } } : {};
    const cut = isCut(tl)
      ? { cut: { ran: tl.steps.length, of: tl.scenario.steps.length, why, ms: Math.round(now() - t0) } }
      : {};
    return {
      v: 1,
      type: "loaded",
      id,
      seq,
      gen,
      steps: stepInfos(tl),
      snapshot: snapshotAt(p),
      ...fault,
      ...cut,
    };
  };
  let loadStart = 0;

  function handle(req: Request): Reply {
    loadStart = now();
    const id = req.id;
    seq++;
    try {
      switch (req.type) {
        case "load": {
          // the one gate for input (load.ts); a link's text was decoded by it on the main thread
          const r = loadInput("editor", req.text);
          if (!r.ok) {
            const error = r.error ?? { line: 1, column: 1, message: r.message };
            return { v: 1, type: "parse-error", id, seq, error };
          }
          const n = r.scenario.steps.length;
          const hooks = {
            ...timed(id, n, req.budgetMs),
            ...(req.until ? { until: Math.max(0, Math.trunc(req.until.steps)) } : {}),
            ...(faultNext ? { beforeStep: (i: number) => void (i === n && injectFault()) } : {}),
          };
          return loaded(id, buildTimeline(r.scenario, hooks), req.to, req.until?.why ?? "budget");
        }
        case "resume": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const t0 = now();
          const more = resumeTimeline(tl, timed(id, tl.scenario.steps.length, req.budgetMs));
          return loaded(id, more, "end", "budget", t0);
        }
        case "seek":
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          if (faultNext) injectFault();
          if (req.have) {
            const p = clampPosition(tl, req.pos);
            // a jump within the scrubber's cache builds no state: the size is known already
            arrive(p, scrub?.has(p) ? null : stateFor(p));
            return { v: 1, type: "ahead", id, seq, snapshots: [] };
          }
          return { v: 1, type: "snapshot", id, seq, snapshot: snapshotAt(req.pos) };
        case "doc": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          const last = p.event === -1 ? p.step : p.step - 1;
          const st = stateFor(p);
          // the CLI's cap: one object per mapped page would exhaust memory long before this
          const records = docRecords(st);
          if (records > LIMITS.docRecords)
            return { v: 1, type: "failed", id, seq, message: docTooBig(records) };
          return { v: 1, type: "doc", id, seq, doc: buildDoc(st, tl.steps.slice(0, last)) };
        }
        case "view": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          const rows = Math.max(1, Math.min(ROWS_MAX, Math.trunc(req.rows ?? ROWS_MAX)));
          return { v: 1, type: "view", id, seq, view: buildDocView(stateFor(p), rows) };
        }
        case "predict": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const rec = tl.steps[req.step - 1];
          if (!rec) return { v: 1, type: "predict", id, seq, step: req.step, questions: [] };
          if (!ask) return { v: 1, type: "failed", id, seq, message: "the predict questions are not loaded" };
          const before = stateFor(clampPosition(tl, { step: req.step - 1, event: -1 }));
          const after = stateFor(clampPosition(tl, { step: req.step, event: -1 }));
          return {
            v: 1,
            type: "predict",
            id,
            seq,
            step: req.step,
            questions: ask(before, rec, after),
          };
        }
        case "changes": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          // a whole step is its whole step, wherever in it the user stands
          const at = clampPosition(tl, req.pos);
          const to = req.scope === "step" && !req.from ? { step: at.step, event: -1 } : at;
          const from = clampPosition(tl, req.from ?? before(tl, to, req.scope));
          const d = diffStates(stateFor(from), stateFor(to));
          return { v: 1, type: "changes", id, seq, from, to, items: d.items, folded: d.folded };
        }
        case "window": {
          view = req.query;
          // the client dropped what it kept (it carried the old view's window)
          scrub = null;
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          const window = view ? buildWindow(stateFor(p), gen, p, seq, view) : null;
          return { v: 1, type: "window", id, seq, window };
        }
        case "frames": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          return {
            v: 1,
            type: "frames",
            id,
            seq,
            frames: buildFrameWindow(stateFor(p), gen, p, seq, req.query),
          };
        }
        case "slots": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          const slots = buildSlotWindow(stateFor(p), gen, p, seq, req.query);
          return { v: 1, type: "slots", id, seq, slots };
        }
        case "pages": {
          if (!tl || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
          const p = clampPosition(tl, req.pos);
          return { v: 1, type: "pages", id, seq, window: buildWindow(stateFor(p), gen, p, seq, req.query) };
        }
        default:
          return assertNever(req);
      }
    } catch (e) {
      return { v: 1, type: "failed", id, seq, message: e instanceof Error ? e.message : String(e) };
    }
  }
  let faultNext = false;
  const injectFault = (): never => {
    faultNext = false;
    throw new Error(INJECTED_FAULT);
  };
  const debug = (action: DebugAction): void => {
    // dev and test builds only: a production session never fails on purpose
    if (TEST_HOOKS && action === "fault-next-step") faultNext = true;
  };

  let ask: Questions | null = opts.questions ?? null;
  const lacks = (req: Request): boolean => req.type === "predict" && ask === null;
  const provide = (q: Questions): void => {
    ask = q;
  };

  return { handle, idle, takePush, debug, lacks, provide };
}

function assertNever(x: never): never {
  throw new Error(`unknown request ${JSON.stringify(x)}`);
}
