import {
  PROTOCOL_VERSION,
  type Position,
  type Reply,
  type Request,
  type ViewQuery,
} from "../contract/wire/protocol";

/**
 * What the supervisor promises (client.ts carries it out): its time limits, what it tells its
 * owner, and the fate of the requests a dead engine left unanswered.
 *
 * Supervision: when the worker dies (an uncaught error in it, a message it cannot send) or stops
 * answering, the client terminates it, starts a new one and replays the last scenario that ran
 * to the position the user last asked for, so nothing is lost. Liveness: the worker says
 * "ready" when it starts, "ack" the moment it takes a request, "working" around its own work
 * between requests, and "progress" while a load runs; so a request that nobody takes within
 * ACK_MS means a dead or silent worker (one that closed itself, or spins), and one taken but
 * silent for HANG_MS means it hangs. A load in flight is sent again once, unless it is what
 * hung: then it runs again up to the last step it finished (the user sees how far it got).
 * Loads carry a time budget (a third of the watchdog's), so a slow valid scenario stops itself
 * between steps and opens where it got to. After MAX_RESTARTS restarts within
 * RESTART_WINDOW_MS it gives up and says so, rather than loop.
 */

type Loaded = Extract<Reply, { type: "loaded" }>;

/** A request taken but unanswered this long, with no progress, means the engine hangs. */
export const HANG_MS = 30_000;
/** A request no worker takes within this long means the worker is dead or silent. */
export const ACK_MS = 1000;
/** A request unanswered this long shows the busy sign. */
export const BUSY_MS = 200;
/** How often the busy sign hears how far a load got. */
export const PROGRESS_MS = 200;
export const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/** What the supervisor tells its owner. */
export type SupervisorEvent =
  /** the engine died; `restarting`: a new one is starting (else the client has given up) */
  | { readonly kind: "died"; readonly why: string; readonly restarting: boolean }
  /**
   * the new engine runs the last scenario again, at the position that was on screen; `lost`:
   * why the load in flight was dropped (it hung, or the engine died twice running it)
   */
  | { readonly kind: "replayed"; readonly why: string; readonly reply: Loaded; readonly lost: string | null }
  /** the load in flight was sent again to the new engine, and ran */
  | { readonly kind: "resumed"; readonly why: string };

/** What the busy sign shows. */
export type StatusEvent =
  /** a request has waited BUSY_MS (busy), or nothing is waiting any more */
  | { readonly kind: "busy"; readonly busy: boolean }
  /** a load is running: `step` of `of` steps done */
  | { readonly kind: "progress"; readonly step: number; readonly of: number };

export interface ClientOptions {
  readonly hangMs?: number;
  readonly ackMs?: number;
  readonly maxRestarts?: number;
  readonly onEvent?: (e: SupervisorEvent) => void;
  readonly onStatus?: (e: StatusEvent) => void;
  /**
   * The zoomed views a move must answer (their windows come with its snapshot and with the
   * snapshots built ahead of it): asked each time a load, resume or seek is sent, so the
   * engine keeps none between requests.
   */
  readonly views?: () => readonly ViewQuery[];
}

export interface Pending {
  readonly msg: Request;
  readonly resolve: (r: Reply) => void;
  tries: number;
  /** the worker has taken it */
  acked?: boolean;
  /** a load: steps it has finished so far */
  done?: number;
  /** its answer is on screen already (the build's first frame): no busy sign, no progress */
  readonly quiet?: boolean;
}

/** How many of `pending` the busy sign waits on: all but the quiet ones. */
export function loud(pending: Iterable<Pending>): number {
  let n = 0;
  for (const p of pending) if (!p.quiet) n++;
  return n;
}

/** Replies the client made up itself (the engine died before answering). */
const madeUp = new WeakSet<Reply>();

/** Whether a "failed" reply comes from the supervisor (the engine died), not from the engine. */
export const isSupervisorFailure = (r: Reply): boolean => madeUp.has(r);

/** A "failed" reply the supervisor makes up for a request the engine never answered. */
export function failed(id: number, message: string): Reply {
  const r: Reply = { v: PROTOCOL_VERSION, type: "failed", id, seq: 0, message };
  madeUp.add(r);
  return r;
}

/** What becomes of one request a dead engine left unanswered. */
export type Fate =
  /** a load that hung inside a step: run again up to the last step it finished, and show that */
  | { readonly kind: "rerun-until"; readonly steps: number }
  /** a load in flight, not the culprit: sent again once to the new engine */
  | { readonly kind: "resend" }
  /** the load that hung (or that the engine died on twice): dropped, with why */
  | { readonly kind: "drop"; readonly message: string }
  /** anything else: answered "failed" (the screen asks again what it still needs) */
  | { readonly kind: "fail" };

/**
 * The fate of each request in flight when the engine died (`lost`, in the order sent). A load
 * in flight is sent again once, unless it is what hung: it would hang again.
 */
export function fatesOf(lost: readonly Pending[], hung: boolean, why: string, hangMs: number): Fate[] {
  return lost.map((p) => {
    const culprit = p.msg.type === "load" && ((hung && p === lost[0]) || p.tries >= 2);
    if (p.msg.type === "load" && culprit && hung && p.tries < 2 && p.msg.until === undefined)
      return { kind: "rerun-until", steps: p.done ?? 0 };
    if (p.msg.type === "load" && !culprit) return { kind: "resend" };
    if (culprit)
      return {
        kind: "drop",
        message: hung
          ? `This scenario took more than ${Math.round(hangMs / 1000)} s to run, so the simulator was stopped and restarted.`
          : `The simulator stopped twice while running this scenario (${why}).`,
      };
    return { kind: "fail" };
  });
}

/** When the watchdog goes off, and what it then says of the engine. */
export interface Alarm {
  readonly ms: number;
  readonly why: string;
  /** it was working on a request (it hangs), rather than never taking one (dead or silent) */
  readonly hung: boolean;
}

/**
 * The watchdog while anything is unanswered: ackMs while the worker should be free to take a
 * request, hangMs while it works on one (each ack or progress starts it again), or while its
 * script may still be loading. None when nothing waits or hangMs is 0 (an engine on the main
 * thread cannot be stopped, so there is no point watching it).
 */
export function watchdog(w: {
  readonly pending: readonly Pending[];
  readonly hangMs: number;
  readonly ackMs: number;
  readonly ready: boolean;
  readonly working: boolean;
}): Alarm | null {
  if (w.pending.length === 0 || w.hangMs <= 0) return null;
  const taken = w.working || w.pending.some((p) => p.acked);
  if (!w.ready || taken)
    return { ms: w.hangMs, why: `it did not answer for ${Math.round(w.hangMs / 1000)} s`, hung: true };
  return { ms: w.ackMs, why: `it stopped answering: nothing within ${w.ackMs / 1000} s`, hung: false };
}

/** At most `max` restarts within RESTART_WINDOW_MS; past that the client gives up, rather than loop. */
export class RestartBudget {
  private times: number[] = [];
  constructor(private readonly max: number) {}
  /** A restart now: whether it is still within the budget. */
  allow(now: number): boolean {
    this.times = [...this.times.filter((t) => now - t < RESTART_WINDOW_MS), now];
    return this.times.length <= this.max;
  }
}

/** The user's last move: asked and not yet sent, else the last seek sent, else the screen. */
export function lastMove(
  waiting: { pos: Position } | null,
  lost: readonly Pending[],
  shown: Position | null,
): Position | null {
  const seeks = lost.flatMap((p) => (p.msg.type === "seek" ? [p.msg.pos] : []));
  return waiting?.pos ?? seeks[seeks.length - 1] ?? shown;
}

/** A load may run this long before it stops between steps: well inside the watchdog. */
export const loadBudgetMs = (hangMs: number): number => Math.max(200, Math.round(hangMs / 3));
