import { describe, expect, it } from "vitest";
import { EngineClient } from "./client";
import { type Endpoint, type Message } from "./endpoints";
import { type StatusEvent, type SupervisorEvent } from "./supervision";
import { isDebugRequest } from "../contract/wire/debug";
import type { Reply } from "../contract/wire/protocol";
import { createSession } from "../worker/session";

/**
 * Issue 15, items 5 and 6: a worker that closed itself or spins is noticed within ACK_MS of a
 * request nobody takes (not the 30 s watchdog), the busy sign shows meanwhile, and the move the
 * user asked for is made after the restart; a load that hangs inside a step comes back as far as
 * it got; a slow load stops itself between steps (its budget) and can be run on.
 */
const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

/** In-process engines that, like the worker, say "ready" and "ack"; `silence()` closes one. */
function engines() {
  const made: { silent: boolean; dead: boolean }[] = [];
  const factory = (): Endpoint => {
    const me = { silent: false, dead: false };
    made.push(me);
    const session = createSession({ onProgress: (r) => tell(r) });
    let listener: ((r: Reply) => void) | null = null;
    const tell = (r: Reply): void => {
      if (!me.silent && !me.dead) listener?.(r);
    };
    setTimeout(() => tell({ v: 1, type: "ready", id: 0, seq: 0 }), 1);
    return {
      postMessage(msg: Message) {
        setTimeout(() => {
          if (me.silent || me.dead || isDebugRequest(msg)) return;
          tell({ v: 1, type: "ack", id: msg.id, seq: 0 });
          tell(session.handle(msg));
        }, 1);
      },
      onReply: (fn) => void (listener = fn),
      terminate: () => void (me.dead = true),
    };
  };
  return { factory, made };
}

const loaded = (r: Reply): Extract<Reply, { type: "loaded" }> => {
  if (r.type !== "loaded") throw new Error(`expected loaded, got ${r.type}`);
  return r;
};

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

describe("liveness", () => {
  it("a worker that closed itself is noticed at the next request, and the move asked for is made", async () => {
    const { factory, made } = engines();
    const events: SupervisorEvent[] = [];
    const status: StatusEvent[] = [];
    // a 30 s watchdog: only the ack deadline can notice it within the test
    const c = new EngineClient(factory, {
      hangMs: 30_000,
      ackMs: 150,
      onEvent: (e) => events.push(e),
      onStatus: (e) => status.push(e),
    });
    const r = loaded(await c.load(COW, "end"));
    made[0]!.silent = true; // self.close(): no error event, nothing more
    const t0 = Date.now();
    c.seek(r.gen, { step: 0, event: -1 }, () => {});
    const replayed = await until(() => events.find((e) => e.kind === "replayed"));
    if (replayed.kind !== "replayed") throw new Error();
    // noticed by the ack deadline, far inside the watchdog
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(events[0]).toMatchObject({ kind: "died", restarting: true });
    expect(events[0]!.kind === "died" && events[0]!.why).toMatch(/stopped answering/);
    expect(made).toHaveLength(2);
    // the requested move (Jump to start), not the position that was on screen
    expect(replayed.reply.snapshot.pos).toEqual({ step: 0, event: -1 });
    expect(status).toContainEqual({ kind: "busy", busy: true });
    expect(status[status.length - 1]).toEqual({ kind: "busy", busy: false });
    c.dispose();
  });

  it("the move asked while the dead worker was being noticed wins (the latest one)", async () => {
    const { factory, made } = engines();
    const events: SupervisorEvent[] = [];
    const c = new EngineClient(factory, { ackMs: 100, onEvent: (e) => events.push(e) });
    const r = loaded(await c.load(COW, "end"));
    made[0]!.silent = true;
    c.seek(r.gen, { step: 1, event: -1 }, () => {});
    c.seek(r.gen, { step: 3, event: -1 }, () => {});
    const replayed = await until(() => events.find((e) => e.kind === "replayed"));
    expect(replayed.kind === "replayed" && replayed.reply.snapshot.pos).toEqual({ step: 3, event: -1 });
    c.dispose();
  });

  it("a worker that is busy with a taken request is not killed by the ack deadline", async () => {
    const { factory, made } = engines();
    const c = new EngineClient(factory, { ackMs: 50 });
    // a big load: the worker takes it at once and works for a while
    const big =
      "machine ram=2g\nspawn P1 empty\nP1 mmap a /dev/zero 262144 rw private\nP1 write a 0-262143\nP1 fork P2\n";
    const r = loaded(await c.load(big, "end"));
    expect(r.steps).toHaveLength(4);
    expect(made).toHaveLength(1);
    c.dispose();
  });
});

describe("a slow load", () => {
  it("stops between steps once its budget is spent, says how far it got, and runs on", () => {
    let t = 0;
    const progress: Reply[] = [];
    const s = createSession({ now: () => (t += 100), onProgress: (r) => progress.push(r) });
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: COW, to: "end", budgetMs: 250 }));
    // the clock moves 100 ms a reading: steps 1 and 2 end inside the 250 ms, step 3 past it
    expect(r.cut).toMatchObject({ ran: 3, of: 5, why: "budget" });
    expect(r.steps).toHaveLength(3);
    expect(r.snapshot.pos).toEqual({ step: 3, event: -1 });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ type: "progress", id: 1, of: 5 });
    let gen = r.gen;
    let more = r;
    for (let i = 0; i < 5 && more.cut; i++) {
      more = loaded(s.handle({ v: 1, type: "resume", id: 2 + i, gen, budgetMs: 250 }));
      gen = more.gen;
    }
    expect(more.cut).toBeUndefined();
    const whole = loaded(createSession().handle({ v: 1, type: "load", id: 9, text: COW, to: "end" }));
    expect(more.steps).toEqual(whole.steps);
    expect(more.snapshot.pos).toEqual({ step: 5, event: -1 });
  });

  it("until: runs only the first steps, and says the next one hung", () => {
    const r = loaded(
      createSession().handle({
        v: 1,
        type: "load",
        id: 1,
        text: COW,
        to: "end",
        until: { steps: 3, why: "hung" },
      }),
    );
    expect(r.cut).toMatchObject({ ran: 3, of: 5, why: "hung" });
    expect(r.snapshot.pos).toEqual({ step: 3, event: -1 });
  });
});
