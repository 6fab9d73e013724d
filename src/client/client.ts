/**
 * The main thread's side of the protocol, and the engine's supervisor. It depends only on a
 * minimal Endpoint, so tests can run the session in-process; if a Worker cannot start, the same
 * session runs on the main thread (slower on huge scenarios, but the app keeps working).
 *
 * Supervision (supervision.ts says how): a dead or silent engine is replaced and the last
 * scenario replayed to the position the user last asked for, so nothing is lost.
 */
import type { DebugAction } from "../contract/wire/debug";
import type { Endpoint, RequestBody } from "./endpoints";
import { AheadCache, type Ahead } from "./ahead";
import { BusySign } from "./busy";
import { SeekQueue } from "./seeks";
import {
  ACK_MS,
  failed,
  fatesOf,
  HANG_MS,
  lastMove,
  loadBudgetMs,
  loud,
  MAX_RESTARTS,
  RestartBudget,
  watchdog,
  type ClientOptions,
  type Pending,
} from "./supervision";
import { PROTOCOL_VERSION } from "../contract/wire/protocol";
import type { LoadTarget, Position, Reply, RunCut, Snapshot, ViewQuery } from "../contract/wire/protocol";

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
  private readonly restarts: RestartBudget;
  private gaveUp: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** the current worker has said it started (before that, its script may still be loading) */
  private ready = false;
  /** the current worker is doing work of its own between requests */
  private working = false;
  /** the busy sign, and how far a load got */
  private readonly sign: BusySign;
  /** the last scenario that ran was cut short (a replay runs as many steps) */
  private lastCut: RunCut | null = null;
  /** snapshots the engine built before they were asked for: the neighbours and the scrubber's */
  private readonly ahead = new AheadCache();
  /** test hook: no snapshot sent ahead is used until the next load or seek is answered */
  private aheadOff = false;
  /** the user's moves: one seek in flight, the latest ask waiting behind it */
  private readonly seeks = new SeekQueue((next) => {
    if (next.have) this.shown = next.pos;
    const have = next.have ? { have: true } : {};
    // a move taken from the ahead cache has its views' windows already (takeAheadWith)
    const views = next.have ? {} : this.views();
    return this.request({ type: "seek", gen: next.gen, pos: next.pos, ...have, ...views });
  });

  /** `source`: an endpoint, or a factory of them (only then can a dead engine be restarted). */
  constructor(
    source: Endpoint | (() => Endpoint),
    private readonly opts: ClientOptions = {},
  ) {
    this.factory = typeof source === "function" ? source : null;
    this.sign = new BusySign(opts.onStatus);
    this.restarts = new RestartBudget(opts.maxRestarts ?? MAX_RESTARTS);
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
        if (!q.quiet) this.sign.progress(r.step, r.of);
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
    if (p?.msg.type === "seek" || p?.msg.type === "load") this.aheadOff = false;
    if (r.type === "ahead") {
      if (r.scrub) this.ahead.keepScrub(r.snapshots, r.drop ?? []);
      else this.ahead.keepNear(r.snapshots, r.views);
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
    return this.takeAheadWith(gen, pos)?.snapshot ?? null;
  }

  /**
   * takeAhead, with the windows of the zoomed views (ClientOptions.views) at pos: only a
   * snapshot sent ahead with a window for each of them is handed out.
   */
  takeAheadWith(gen: number, pos: Position): Ahead | null {
    return this.aheadOff ? null : this.ahead.takeWith(gen, pos, this.opts.views?.() ?? []);
  }

  /** `{ views }` for a move: the zoomed views whose windows come with its snapshot. */
  private views(): { views?: readonly ViewQuery[] } {
    const v = this.opts.views?.() ?? [];
    return v.length ? { views: v } : {};
  }

  /** Whether takeAheadWith would hand out the snapshot at pos (test bridge: nothing is taken). */
  hasAhead(gen: number, pos: Position): boolean {
    return this.ahead.has(gen, pos, this.opts.views?.() ?? []);
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
    this.sign.waiting(loud(this.pending.values()));
    const alarm = watchdog({
      pending: [...this.pending.values()],
      hangMs: this.ep.inProcess ? 0 : this.hangMs(),
      ackMs: this.opts.ackMs ?? ACK_MS,
      ready: this.ready,
      working: this.working,
    });
    if (alarm) this.timer = setTimeout(() => this.died(alarm.why, alarm.hung), alarm.ms);
  }

  /** The engine died (or hangs): start a new one and put back what the user had. */
  private died(why: string, hung = false): void {
    if (this.gaveUp !== null) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ep.terminate();
    this.life++; // nothing more from the dead one
    const factory = this.restarts.allow(Date.now()) ? this.factory : null;
    const restarting = factory !== null;
    const lost = [...this.pending.values()]; // in the order they were sent
    const wanted = lastMove(this.seeks.waiting(), lost, this.shown);
    this.pending.clear();
    this.seeks.reset();
    this.ahead.clear();
    this.opts.onEvent?.({ kind: "died", why, restarting });
    // working on it until the replay is in
    if (restarting) this.sign.set(true);
    if (factory === null) {
      this.gaveUp = why;
      for (const p of lost) p.resolve(failed(p.msg.id, `The simulator stopped (${why}).`));
      return;
    }
    this.ep = this.attach(factory());
    let resent = false;
    let dropped: string | null = null;
    const fates = fatesOf(lost, hung, why, this.hangMs());
    lost.forEach((p, i) => {
      const fate = fates[i]!;
      if (fate.kind === "rerun-until" && p.msg.type === "load") {
        p.tries++;
        const until = { steps: fate.steps, why: "hung" as const };
        const msg = { ...p.msg, id: this.nextId++, until, to: "end" as const };
        this.send({ ...p, msg, acked: false });
        resent = true;
      } else if (fate.kind === "resend") {
        p.tries++;
        const resolve = (r: Reply): void => {
          if (r.type !== "failed") this.opts.onEvent?.({ kind: "resumed", why });
          p.resolve(r);
        };
        this.send({ ...p, resolve });
        resent = true;
      } else if (fate.kind === "drop") {
        dropped = fate.message;
        p.resolve(failed(p.msg.id, fate.message));
      } else p.resolve(failed(p.msg.id, "The simulator restarted before it answered."));
    });
    if (!resent && this.lastText !== null) {
      const to: LoadTarget = wanted ?? "end";
      const cut = this.lastCut;
      const until = cut ? { until: { steps: cut.ran, why: cut.why } } : {};
      // the zoomed views' windows come with the replayed snapshot
      void this.request({ type: "load", text: this.lastText, to, ...until, ...this.views() }).then((r) => {
        if (r.type === "loaded") this.opts.onEvent?.({ kind: "replayed", why, reply: r, lost: dropped });
      });
    }
    // nothing to replay: nothing is waiting
    this.sign.waiting(loud(this.pending.values()));
  }

  request(body: RequestBody, quiet = false): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.gaveUp !== null) resolve(failed(id, `The simulator stopped (${this.gaveUp}).`));
      else this.send({ msg: { ...body, v: PROTOCOL_VERSION, id }, resolve, tries: 1, quiet });
    });
  }

  /** `quiet`: the answer is on screen already (Pending.quiet). */
  load(text: string, to: LoadTarget, quiet = false): Promise<Reply> {
    this.seeks.drop();
    const budgetMs = loadBudgetMs(this.hangMs());
    return this.request({ type: "load", text, to, budgetMs, ...this.views() }, quiet);
  }

  /** Run a further budget of a timeline whose load was cut (a "loaded" reply with `cut`). */
  resume(gen: number): Promise<Reply> {
    this.seeks.drop();
    return this.request({ type: "resume", gen, budgetMs: loadBudgetMs(this.hangMs()), ...this.views() });
  }

  /**
   * Ask for the snapshot at pos. Only one seek is in flight at a time; asks made meanwhile
   * replace each other, so scrubbing fast costs one snapshot per round trip and the latest wins.
   */
  seek(gen: number, pos: Position, onReply: (r: Reply) => void, have = false): void {
    this.seeks.ask({ gen, pos, have }, onReply);
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
    this.sign.dispose();
    this.timer = null;
    this.life++;
    this.seeks.reset();
    this.ep.terminate();
    this.pending.clear();
  }
}
