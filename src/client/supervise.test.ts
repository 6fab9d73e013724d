import { describe, expect, it } from "vitest";
import { EngineClient } from "./client";
import { isSupervisorFailure, type SupervisorEvent } from "./supervision";
import { type Endpoint, type Message } from "./endpoints";
import { INJECTED_FAULT, isDebugRequest } from "../contract/wire/debug";
import type { Reply } from "../contract/wire/protocol";
import { createSession } from "../worker/session";

/**
 * The supervisor: an engine that dies, hangs or throws inside a step costs the user nothing.
 * The engines here are in-process sessions behind a fake endpoint the test can kill or freeze.
 */

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

interface Fake extends Endpoint {
  die(why: string): void;
  /** stop answering (an engine stuck in a loop, or a worker that closed itself) */
  freeze(): void;
  /** take the next request (ack, and a progress report of `done` steps), then stop answering */
  hangInNext(done?: number): void;
  readonly n: number;
  readonly dead: boolean;
}

/**
 * A factory of in-process engines; `made` lists every one it made, in order. Like the worker,
 * each says "ready" when it starts and "ack" as it takes a request.
 */
function engines(): { factory: () => Fake; made: Fake[] } {
  const made: Fake[] = [];
  const factory = (): Fake => {
    const session = createSession();
    let listener: ((r: Reply) => void) | null = null;
    let death: ((why: string) => void) | null = null;
    let frozen = false;
    let dead = false;
    let hang: number | null = null;
    const tell = (r: Reply): void => {
      if (!dead && !frozen) listener?.(r);
    };
    setTimeout(() => tell({ v: 1, type: "ready", id: 0, seq: 0 }), 1);
    const ep: Fake = {
      n: made.length,
      get dead() {
        return dead;
      },
      postMessage(msg: Message) {
        setTimeout(() => {
          if (dead || frozen) return;
          if (isDebugRequest(msg)) {
            if (msg.action === "fault-next-step") session.debug(msg.action);
            return;
          }
          tell({ v: 1, type: "ack", id: msg.id, seq: 0 });
          if (hang !== null) {
            if (hang > 0) tell({ v: 1, type: "progress", id: msg.id, seq: 0, step: hang, of: 99 });
            frozen = true;
            return;
          }
          tell(session.handle(msg));
        }, 1);
      },
      onReply: (fn) => void (listener = fn),
      onDeath: (fn) => void (death = fn),
      terminate: () => void (dead = true),
      die(why) {
        dead = true;
        death?.(why);
      },
      freeze: () => void (frozen = true),
      hangInNext: (done = 0) => void (hang = done),
    };
    made.push(ep);
    return ep;
  };
  return { factory, made };
}

const loaded = (r: Reply): Extract<Reply, { type: "loaded" }> => {
  if (r.type !== "loaded") throw new Error(`expected loaded, got ${r.type}: ${JSON.stringify(r)}`);
  return r;
};

const seekTo = (c: EngineClient, gen: number, pos: { step: number; event: number }) =>
  new Promise<Reply>((resolve) => c.seek(gen, pos, resolve));

function until<T>(get: () => T | undefined, ms = 5000): Promise<T> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const v = get();
      if (v !== undefined) resolve(v);
      else if (Date.now() - t0 > ms) reject(new Error("timed out"));
      else setTimeout(poll, 2);
    };
    poll();
  });
}

describe("supervision", () => {
  it("a worker that dies while idle is restarted and replays the scenario to the same position", async () => {
    const { factory, made } = engines();
    const events: SupervisorEvent[] = [];
    const c = new EngineClient(factory, { onEvent: (e) => events.push(e) });
    const r = loaded(await c.load(COW, "end"));
    const s = await seekTo(c, r.gen, { step: 4, event: 1 });
    if (s.type !== "snapshot") throw new Error(s.type);
    made[0]!.die("a test killed it");
    const replayed = await until(() => events.find((e) => e.kind === "replayed"));
    expect(events[0]).toEqual({ kind: "died", why: "a test killed it", restarting: true });
    expect(made).toHaveLength(2);
    if (replayed.kind !== "replayed") throw new Error();
    expect(replayed.reply.snapshot.pos).toEqual({ step: 4, event: 1 });
    expect(replayed.reply.steps).toEqual(r.steps);
    // the new engine serves the new generation
    const again = await seekTo(c, replayed.reply.gen, { step: 5, event: -1 });
    expect(again.type).toBe("snapshot");
    c.dispose();
  });

  it("a load in flight when the worker dies is sent again, once, to the new one", async () => {
    const { factory, made } = engines();
    const events: SupervisorEvent[] = [];
    const c = new EngineClient(factory, { onEvent: (e) => events.push(e) });
    const p = c.load(COW, "end");
    made[0]!.die("crash");
    const r = loaded(await p);
    expect(r.steps).toHaveLength(5);
    expect(events.map((e) => e.kind)).toEqual(["died", "resumed"]);
    // dying again while resending it: it is then taken as the culprit
    const q = c.load(`${COW}P2 exit\n`, "end");
    made[1]!.die("crash");
    await until(() => (made.length === 3 ? true : undefined));
    made[2]!.die("crash again");
    const f = await q;
    expect(f.type).toBe("failed");
    expect(isSupervisorFailure(f)).toBe(true);
    if (f.type === "failed") expect(f.message).toContain("stopped twice");
    c.dispose();
  });

  it("a hung load is stopped by the watchdog and run again up to the last step it finished", async () => {
    const { factory, made } = engines();
    const events: SupervisorEvent[] = [];
    const c = new EngineClient(factory, { hangMs: 60, onEvent: (e) => events.push(e) });
    loaded(await c.load(COW, "end"));
    made[0]!.hangInNext();
    const r = loaded(await c.load("spawn P1\nP1 fork P2\n", "end"));
    // nothing said how far it got: the machine before its first step, with the scenario's text
    expect(r.cut).toMatchObject({ ran: 0, of: 2, why: "hung" });
    expect(r.steps).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(["died"]);
    expect(made[0]!.dead).toBe(true);
    c.dispose();
  });

  it("a seek in flight at the death is answered (as the supervisor's) and the pump starts afresh", async () => {
    const { factory, made } = engines();
    const c = new EngineClient(factory);
    const r = loaded(await c.load(COW, "end"));
    made[0]!.freeze();
    const s = seekTo(c, r.gen, { step: 1, event: -1 });
    made[0]!.die("gone");
    const lost = await s;
    expect(lost.type).toBe("failed");
    expect(isSupervisorFailure(lost)).toBe(true);
    const replay = await until(() => (made[1] ? true : undefined));
    expect(replay).toBe(true);
    c.dispose();
  });

  it("gives up after too many restarts, and then answers at once", async () => {
    const { factory, made } = engines();
    const events: SupervisorEvent[] = [];
    const c = new EngineClient(factory, { maxRestarts: 2, onEvent: (e) => events.push(e) });
    loaded(await c.load(COW, "end"));
    for (let i = 0; i < 3; i++) made[made.length - 1]!.die(`crash ${i}`);
    expect(events.filter((e) => e.kind === "died").map((e) => e.kind === "died" && e.restarting)).toEqual([
      true,
      true,
      false,
    ]);
    const r = await c.load(COW, "end");
    expect(r.type).toBe("failed");
    expect(isSupervisorFailure(r)).toBe(true);
    c.dispose();
  });

  it("without a factory a death fails what was pending, and nothing restarts", async () => {
    const { factory } = engines();
    const ep = factory();
    const events: SupervisorEvent[] = [];
    const c = new EngineClient(ep, { onEvent: (e) => events.push(e) });
    ep.freeze();
    const p = c.load(COW, "end");
    ep.die("gone");
    const r = await p;
    expect(r.type).toBe("failed");
    expect(events).toEqual([{ kind: "died", why: "gone", restarting: false }]);
    c.dispose();
  });

  it("ignores replies from an engine it has replaced", async () => {
    const { factory, made } = engines();
    const c = new EngineClient(factory);
    loaded(await c.load(COW, "end"));
    c.kill("test");
    // the old one answering late (it was terminated) changes nothing: no throw, no double resolve
    made[0]!.postMessage({ v: 1, type: "load", id: 999, text: COW, to: "end" });
    const r = loaded(await c.load(COW, "end"));
    expect(r.steps).toHaveLength(5);
    c.dispose();
  });
});

describe("an exception inside a step", () => {
  it("at load: the timeline stops before the step that threw, and says which", () => {
    const s = createSession();
    s.debug("fault-next-step");
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: COW, to: "end" }));
    expect(r.fault).toMatchObject({ step: 5, line: 5, text: "P2 write buf 1", message: INJECTED_FAULT });
    expect(r.steps).toHaveLength(4);
    expect(r.snapshot.pos).toEqual({ step: 4, event: -1 });
    // once only
    const again = loaded(s.handle({ v: 1, type: "load", id: 2, text: COW, to: "end" }));
    expect(again.fault).toBeUndefined();
    expect(again.steps).toHaveLength(5);
  });

  it("at a seek: the seek fails, the timeline stays, and the next seek works", () => {
    const s = createSession();
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: COW, to: { step: 2, event: -1 } }));
    s.debug("fault-next-step");
    const f = s.handle({ v: 1, type: "seek", id: 2, gen: r.gen, pos: { step: 3, event: -1 } });
    expect(f).toMatchObject({ type: "failed", message: INJECTED_FAULT });
    const ok = s.handle({ v: 1, type: "seek", id: 3, gen: r.gen, pos: { step: 3, event: -1 } });
    expect(ok.type).toBe("snapshot");
  });
});
