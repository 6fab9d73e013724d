/**
 * The engine side of the protocol, with no worker in it: holds the current timeline and turns
 * each request into one reply. The worker entry and the main-thread fallback both wrap this.
 *
 * It keeps the states of the last positions it built (a zoomed view's question right after a
 * seek, or a step back and forth, then costs no checkpoint replay). It remembers no view: a
 * move names the zoomed views whose windows come with its snapshot (views.ts). While idle it
 * builds the snapshot of the position the user is likely to step to next, so stepping event by
 * event through a big state is answered at once (idle() does one piece per call; the worker
 * calls it when no request is waiting). What it builds ahead goes to the client too ("ahead"
 * replies, with the windows of the views the last move named), so that a step key is answered
 * on the main thread in the same frame.
 */
import { cloneState } from "../engine/state";
import type { VmState } from "../engine/types";
import { parseScenario } from "../scenarios/parse";
import { INJECTED_FAULT, TEST_HOOKS, type DebugAction } from "../contract/wire/debug";
import { allPositions, ScrubPlan } from "./scrub";
import { snapshotBytes } from "../contract/wire/bytes";
import { buildSnapshot } from "./snapshot";
import { answer } from "./queries";
import { viewsPart } from "./views";
import { neighbours, stepExtra, stepInfos } from "./steps";
import type { Late, Session, SessionOptions } from "./sessionApi";
import {
  buildTimeline,
  clampPosition,
  isCut,
  resumeTimeline,
  stateAt,
  stateCells,
  type Timeline,
} from "../engine/timeline";
import type {
  LoadTarget,
  Position,
  Reply,
  Request,
  RunCut,
  Snapshot,
  ViewQuery,
} from "../contract/wire/protocol";

const CACHED_STATES = 3;
/**
 * Below this many state cells (RAM's own arrays aside: copying them is a memcpy) a snapshot is
 * cheap and both neighbours are built ahead; above, the next one only.
 */
const AHEAD_MIN_CELLS = 200_000;

const posKey = (gen: number, p: Position): string => `${gen}/${p.step}/${p.event}`;

export function createSession(opts: SessionOptions = {}): Session {
  const aheadMin = opts.aheadMinCells ?? AHEAD_MIN_CELLS;
  const now = opts.now ?? (() => Date.now());
  let tl: Timeline | null = null;
  let gen = 0;
  let seq = 0;
  let states: { key: string; st: VmState }[] = [];
  /** snapshots built ahead, by position (without windows: those are built when sent) */
  let ready = new Map<string, Snapshot>();
  /**
   * what idle() builds next: positions near the last move's, and the zoomed views that move
   * named (their windows go with each snapshot built ahead; the next move replaces both)
   */
  let ahead: Position[] = [];
  let aheadViews: readonly ViewQuery[] = [];
  let last: Position | null = null;
  /** the scrubber's cache (scrub.ts): only for a big state, after a move that named no view */
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

  /**
   * The user is now at p: plan what idle() builds ahead and pushes. A cheap state's both
   * neighbours (the way the user goes first); a big state's next position only (forward, or
   * back right after a step back; a jump, e.g. on the scrubber, counts as forward). Turning
   * round finds the state it came from still cached.
   */
  const arrive = (p: Position, st: VmState | null, views: readonly ViewQuery[] = []): void => {
    const { next, prev } = neighbours(tl!, p);
    const before = last && neighbours(tl!, last).prev;
    const back = before !== null && before.step === p.step && before.event === p.event;
    last = p;
    aheadViews = views;
    const near = back ? [prev, next] : [next, prev];
    if (st) cheapHere = stateCells(st) - st.ramPages * 2 < aheadMin;
    // the client keeps what the scrubber's cache sent: those need no push, unless the move
    // named views (the scrubber's travel bare, without their windows)
    const kept = (q: Position): boolean => views.length === 0 && scrub !== null && scrub.has(q);
    ahead = near.slice(0, cheapHere ? 2 : 1).filter((q): q is Position => q !== null && !kept(q));
  };

  /** The snapshot at pos, and the windows of the views the move names (a reply's part). */
  const snapshotAt = (pos: Position, views?: readonly ViewQuery[]) => {
    const p = clampPosition(tl!, pos);
    const key = posKey(gen, p);
    const st = stateFor(p);
    const snapshot = ready.get(key) ?? buildSnapshot(st, gen, p, stepExtra(tl!, p));
    ready.delete(key);
    arrive(p, st, views);
    return { snapshot, ...viewsPart(st, gen, p, seq, views) };
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
      const views = viewsPart(st, gen, p, seq, aheadViews);
      push = { v: 1, type: "ahead", id: 0, seq, snapshots: [snap], ...views };
    } catch {
      // an engine bug there is reported when the user moves there (the seek builds it again)
      ahead = [];
    }
    // then the scrubber's cache, for a big state
    return ahead.length > 0 || (!cheapHere && aheadViews.length === 0);
  }
  /**
   * One position of the scrubber's cache (scrub.ts); true while more remain worth building. Its
   * snapshots travel bare, so it waits while the last move named zoomed views.
   */
  function fillScrub(): boolean {
    if (cheapHere || !last || aheadViews.length > 0) return false;
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
  const loaded = (
    id: number,
    next: Timeline,
    to: LoadTarget,
    why: RunCut["why"],
    views: readonly ViewQuery[] | undefined,
    t0 = loadStart,
  ): Reply => {
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
      ...snapshotAt(p, views),
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
      if (req.type === "load") {
        // For a text, the one gate for input (load.ts) is the parser, which checks every limit
        // first; a link's text was decoded by the gate on the main thread. Calling the parser
        // itself keeps the link codec (and its DEFLATE) out of the worker's first load.
        const r = parseScenario(req.text);
        if (!r.ok) return { v: 1, type: "parse-error", id, seq, error: r.error };
        const n = r.scenario.steps.length;
        const hooks = {
          ...timed(id, n, req.budgetMs),
          ...(req.until ? { until: Math.max(0, Math.trunc(req.until.steps)) } : {}),
          ...(faultNext ? { beforeStep: (i: number) => void (i === n && injectFault()) } : {}),
        };
        return loaded(id, buildTimeline(r.scenario, hooks), req.to, req.until?.why ?? "budget", req.views);
      }
      // every other request names the timeline it is about: checked here, once
      const here = tl;
      if (!here || req.gen !== gen) return { v: 1, type: "failed", id, seq, message: "stale timeline" };
      switch (req.type) {
        case "resume": {
          const t0 = now();
          const more = resumeTimeline(here, timed(id, here.scenario.steps.length, req.budgetMs));
          return loaded(id, more, "end", "budget", req.views, t0);
        }
        case "seek":
          if (faultNext) injectFault();
          if (req.have) {
            const p = clampPosition(here, req.pos);
            // a jump within the scrubber's cache builds no state: the size is known already
            const st = scrub?.has(p) && !req.views?.length ? null : stateFor(p);
            arrive(p, st, req.views);
            const views = st ? viewsPart(st, gen, p, seq, req.views) : {};
            return { v: 1, type: "ahead", id, seq, snapshots: [], ...views };
          }
          return { v: 1, type: "snapshot", id, seq, ...snapshotAt(req.pos, req.views) };
        default:
          return answer({ tl: here, gen, seq, id, stateFor, late }, req);
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

  let late: Late | null = opts.late ?? null;
  const lacks = (req: Request): boolean =>
    (req.type === "predict" || req.type === "changes" || req.type === "view") && late === null;
  const provide = (l: Late): void => {
    late = l;
  };

  return { handle, idle, takePush, debug, lacks, provide };
}
