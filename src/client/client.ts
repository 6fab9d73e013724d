/**
 * The main thread's side of the protocol, and the engine's supervisor. It depends only on a
 * minimal Endpoint, so tests can run the session in-process; if a Worker cannot start, the same
 * session runs on the main thread (slower on huge scenarios, but the app keeps working).
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
import type { DebugAction } from "../contract/wire/debug";
import type { Endpoint, RequestBody } from "./endpoints";
import { AheadCache } from "./ahead";
import {
  PROTOCOL_VERSION,
  type LoadTarget,
  type Position,
  type Reply,
  type Request,
  type RunCut,
  type Snapshot,
} from "../contract/wire/protocol";

export {
  defaultEndpoint,
  inProcessEndpoint,
  workerEndpoint,
  type Endpoint,
  type Message,
  type RequestBody,
} from "./endpoints";

type Loaded = Extract<Reply, { type: "loaded" }>;

/** A request taken but unanswered this long, with no progress, means the engine hangs. */
export const HANG_MS = 30_000;
/** A request no worker takes within this long means the worker is dead or silent. */
export const ACK_MS = 1000;
/** A request unanswered this long shows the busy sign. */
export const BUSY_MS = 200;
/** How often the busy sign hears how far a load got. */
const PROGRESS_MS = 200;
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

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
}

interface Pending {
  readonly msg: Request;
  readonly resolve: (r: Reply) => void;
  tries: number;
  /** the worker has taken it */
  acked?: boolean;
  /** a load: steps it has finished so far */
  done?: number;
}

/** Replies the client made up itself (the engine died before answering). */
const madeUp = new WeakSet<Reply>();

/** Whether a "failed" reply comes from the supervisor (the engine died), not from the engine. */
export const isSupervisorFailure = (r: Reply): boolean => madeUp.has(r);

export class EngineClient {
  private nextId = 1;
  private ep: Endpoint;
  /** which endpoint is current: replies and deaths of older ones are ignored */
  private life = 0;
  private pending = new Map<number, Pending>();
  private readonly factory: (() => Endpoint) | null;
  /** the text of the last load that ran, and the position of the last snapshot sent */
  private lastText: string | null = null;
  private shown: Position | null = null;
  /** the view's window query (the session keeps it; a new engine must be told again) */
  private lastWindow: RequestBody | null = null;
  private restarts: number[] = [];
  private gaveUp: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** the current worker has said it started (before that, its script may still be loading) */
  private ready = false;
  /** the current worker is doing work of its own between requests */
  private working = false;
  private busyTimer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  private toldProgress = 0;
  /** the last scenario that ran was cut short (a replay runs as many steps) */
  private lastCut: RunCut | null = null;
  /** snapshots the engine built before they were asked for: the neighbours and the scrubber's */
  private readonly ahead = new AheadCache();
  private windowsPending = 0;
  /** test hook: no snapshot sent ahead is used until the next load or seek is answered */
  private aheadOff = false;
  private seekBusy = false;
  private seekNext: { gen: number; pos: Position; have: boolean } | null = null;
  private onSeek: (r: Reply) => void = () => {};

  /** `source`: an endpoint, or a factory of them (only then can a dead engine be restarted). */
  constructor(
    source: Endpoint | (() => Endpoint),
    private readonly opts: ClientOptions = {},
  ) {
    this.factory = typeof source === "function" ? source : null;
    this.ep = this.attach(typeof source === "function" ? source() : source);
  }

  private attach(ep: Endpoint): Endpoint {
    const life = ++this.life;
    this.ready = false;
    this.working = false;
    ep.onReply((r) => {
      if (life === this.life) this.receive(r);
    });
    ep.onDeath?.((why) => {
      if (life === this.life) this.died(why);
    });
    return ep;
  }

  private receive(r: Reply): void {
    if (!r || r.v !== PROTOCOL_VERSION) return;
    // anything from the worker says it runs
    this.ready = true;
    if (r.type === "ready" || r.type === "ack" || r.type === "working" || r.type === "progress") {
      if (r.type === "working") this.working = r.on === true;
      const q = this.pending.get(r.id);
      if (q && r.type !== "working") q.acked = true;
      if (q && r.type === "progress") {
        q.done = r.step;
        // the busy sign reads it a few times a second at most
        const t = Date.now();
        if (t - this.toldProgress >= PROGRESS_MS) {
          this.toldProgress = t;
          this.opts.onStatus?.({ kind: "progress", step: r.step, of: r.of });
        }
      }
      this.watch();
      return;
    }
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    if (r.type === "loaded" && p?.msg.type === "load") this.lastText = p.msg.text;
    if (r.type === "loaded") this.lastCut = r.cut ?? null;
    if (r.type === "loaded" || r.type === "snapshot") this.shown = r.snapshot.pos;
    if (r.type === "loaded") this.ahead.clear();
    if (p?.msg.type === "window") this.windowsPending--;
    if (p?.msg.type === "seek" || p?.msg.type === "load") this.aheadOff = false;
    // one built before a new view was asked for carries the old view's window
    if (r.type === "ahead" && this.windowsPending === 0) {
      if (r.scrub) this.ahead.keepScrub(r.snapshots, r.drop ?? []);
      else this.ahead.keepNear(r.snapshots);
    }
    this.watch();
    p?.resolve(r);
  }

  /** What the scrubber's cache holds: positions and bytes (the bench reports them). */
  scrubStats(): { count: number; bytes: number } {
    return this.ahead.stats();
  }

  /**
   * The snapshot at pos, if the engine sent it ahead (then the caller shows it now and tells the
   * engine with seek(…, have = true)). Each is handed out once.
   */
  takeAhead(gen: number, pos: Position): Snapshot | null {
    return this.aheadOff ? null : this.ahead.take(gen, pos);
  }

  /** Whether the snapshot at pos was sent ahead (test bridge: nothing is taken). */
  hasAhead(gen: number, pos: Position): boolean {
    return this.ahead.has(gen, pos);
  }

  private send(p: Pending): void {
    this.pending.set(p.msg.id, p);
    this.ep.postMessage(p.msg);
    this.watch();
  }

  /**
   * (Re)start the watchdog while anything is unanswered: ACK_MS while the worker should be free
   * to take a request, HANG_MS while it works on one (each ack or progress starts it again), or
   * while its script may still be loading.
   */
  private watch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watchBusy();
    const hang = this.hangMs();
    if (this.pending.size === 0 || hang <= 0 || this.ep.inProcess) return;
    const taken = this.working || [...this.pending.values()].some((p) => p.acked);
    if (!this.ready || taken) {
      this.timer = setTimeout(
        () => this.died(`it did not answer for ${Math.round(hang / 1000)} s`, true),
        hang,
      );
      return;
    }
    const ack = this.opts.ackMs ?? ACK_MS;
    this.timer = setTimeout(() => this.died(`it stopped answering: nothing within ${ack / 1000} s`), ack);
  }

  /** The busy sign: on once a request has waited BUSY_MS, off when nothing waits. */
  private watchBusy(): void {
    const waiting = this.pending.size > 0;
    if (!waiting) {
      if (this.busyTimer) clearTimeout(this.busyTimer);
      this.busyTimer = null;
      this.setBusy(false);
    } else if (!this.busy && !this.busyTimer)
      this.busyTimer = setTimeout(() => {
        this.busyTimer = null;
        this.setBusy(this.pending.size > 0);
      }, BUSY_MS);
  }

  private setBusy(on: boolean): void {
    if (on === this.busy) return;
    this.busy = on;
    this.opts.onStatus?.({ kind: "busy", busy: on });
  }

  private failed(id: number, message: string): Reply {
    const r: Reply = { v: PROTOCOL_VERSION, type: "failed", id, seq: 0, message };
    madeUp.add(r);
    return r;
  }

  /** The engine died (or hangs): start a new one and put back what the user had. */
  private died(why: string, hung = false): void {
    if (this.gaveUp !== null) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ep.terminate();
    this.life++; // nothing more from the dead one
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const factory = this.restarts.length <= (this.opts.maxRestarts ?? MAX_RESTARTS) ? this.factory : null;
    const restarting = factory !== null;
    const lost = [...this.pending.values()]; // in the order they were sent
    // the user's last move: asked and not yet sent, else the last seek sent, else the screen
    const seeks = lost
      .filter((p) => p.msg.type === "seek")
      .map((p) => p.msg as Extract<Request, { type: "seek" }>);
    const wanted = this.seekNext?.pos ?? seeks[seeks.length - 1]?.pos ?? this.shown;
    this.pending.clear();
    this.seekBusy = false;
    this.seekNext = null;
    this.ahead.clear();
    this.windowsPending = 0;
    this.opts.onEvent?.({ kind: "died", why, restarting });
    // working on it until the replay is in
    if (restarting) this.setBusy(true);
    if (factory === null) {
      this.gaveUp = why;
      for (const p of lost) p.resolve(this.failed(p.msg.id, `The simulator stopped (${why}).`));
      return;
    }
    this.ep = this.attach(factory());
    // the window query first, so the replayed snapshot carries the zoomed view's window
    if (this.lastWindow) this.post(this.lastWindow);
    let resent = false;
    let dropped: string | null = null;
    for (const p of lost) {
      // A load in flight is sent again once, unless it is what hung (it would hang again).
      const culprit = p.msg.type === "load" && ((hung && p === lost[0]) || p.tries >= 2);
      if (p.msg.type === "load" && culprit && hung && p.tries < 2 && p.msg.until === undefined) {
        // it hung inside a step: run it again up to the last step it finished, and show that
        p.tries++;
        const until = { steps: p.done ?? 0, why: "hung" as const };
        const msg = { ...p.msg, id: this.nextId++, until, to: "end" as const };
        this.send({ ...p, msg, acked: false });
        resent = true;
      } else if (p.msg.type === "load" && !culprit) {
        p.tries++;
        const resolve = (r: Reply): void => {
          if (r.type !== "failed") this.opts.onEvent?.({ kind: "resumed", why });
          p.resolve(r);
        };
        this.send({ ...p, resolve });
        resent = true;
      } else if (culprit) {
        const message = hung
          ? `This scenario took more than ${Math.round(this.hangMs() / 1000)} s to run, so the simulator was stopped and restarted.`
          : `The simulator stopped twice while running this scenario (${why}).`;
        dropped = message;
        p.resolve(this.failed(p.msg.id, message));
      } else p.resolve(this.failed(p.msg.id, "The simulator restarted before it answered."));
    }
    if (!resent && this.lastText !== null) {
      const to: LoadTarget = wanted ?? "end";
      const cut = this.lastCut;
      const until = cut ? { until: { steps: cut.ran, why: cut.why } } : {};
      void this.request({ type: "load", text: this.lastText, to, ...until }).then((r) => {
        if (r.type === "loaded") this.opts.onEvent?.({ kind: "replayed", why, reply: r, lost: dropped });
      });
    }
    // nothing to replay: nothing is waiting
    this.watchBusy();
  }

  /** Send without waiting for the answer (it is dropped). */
  private post(body: RequestBody): void {
    this.ep.postMessage({ ...body, v: PROTOCOL_VERSION, id: this.nextId++ });
  }

  request(body: RequestBody): Promise<Reply> {
    const id = this.nextId++;
    if (body.type === "window") {
      this.lastWindow = body;
      // their windows answer the old view
      this.ahead.clear();
    }
    return new Promise((resolve) => {
      if (this.gaveUp !== null) resolve(this.failed(id, `The simulator stopped (${this.gaveUp}).`));
      else {
        if (body.type === "window") this.windowsPending++;
        this.send({ msg: { ...body, v: PROTOCOL_VERSION, id }, resolve, tries: 1 });
      }
    });
  }

  load(text: string, to: LoadTarget): Promise<Reply> {
    this.seekNext = null;
    return this.request({ type: "load", text, to, budgetMs: this.budgetMs() });
  }

  /** Run a further budget of a timeline whose load was cut (a "loaded" reply with `cut`). */
  resume(gen: number): Promise<Reply> {
    this.seekNext = null;
    return this.request({ type: "resume", gen, budgetMs: this.budgetMs() });
  }

  /** A load may run this long before it stops between steps: well inside the watchdog. */
  private budgetMs(): number {
    return Math.max(200, Math.round(this.hangMs() / 3));
  }

  /**
   * Ask for the snapshot at pos. Only one seek is in flight at a time; asks made meanwhile
   * replace each other, so scrubbing fast costs one snapshot per round trip and the latest wins.
   */
  seek(gen: number, pos: Position, onReply: (r: Reply) => void, have = false): void {
    this.seekNext = { gen, pos, have };
    this.onSeek = onReply;
    if (this.seekBusy) return;
    const pump = (): void => {
      const next = this.seekNext;
      this.seekNext = null;
      if (!next) {
        this.seekBusy = false;
        return;
      }
      this.seekBusy = true;
      const life = this.life;
      const have = next.have ? { have: true } : {};
      if (next.have) this.shown = next.pos;
      void this.request({ type: "seek", gen: next.gen, pos: next.pos, ...have }).then((r) => {
        this.onSeek(r);
        // after a restart the pump starts afresh
        if (life === this.life) pump();
      });
    };
    pump();
  }

  private hangOverride: number | null = null;
  private hangMs(): number {
    return this.hangOverride ?? this.opts.hangMs ?? HANG_MS;
  }
  /**
   * Test hook: a shorter watchdog, so a test can show a scenario being stopped without needing
   * one that outlasts 30 s on whatever machine runs it.
   */
  setHangMs(ms: number): void {
    this.hangOverride = ms;
  }

  /** Test hooks (dev and test builds): make the engine crash or throw inside its next step. */
  debug(action: DebugAction): void {
    // the next move must reach the engine, which is to throw on it
    if (action === "fault-next-step") this.aheadOff = true;
    this.ep.postMessage({ v: PROTOCOL_VERSION, type: "debug", id: this.nextId++, action });
  }

  /** Test hook: the worker is killed (as the browser may kill it); the supervisor takes over. */
  kill(why = "it was killed"): void {
    this.died(why);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.busyTimer) clearTimeout(this.busyTimer);
    this.timer = null;
    this.busyTimer = null;
    this.life++;
    this.ep.terminate();
    this.pending.clear();
  }
}
