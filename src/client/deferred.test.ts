/** The endpoint that waits for the first paint (state/firstFrame.ts) before it makes the engine. */
import { describe, expect, it } from "vitest";
import type { Reply } from "../contract/wire/protocol";
import { deferredEndpoint, type Endpoint, type Message } from "./endpoints";

/** An engine that records what it was sent and answers through the listener it was given. */
function fake() {
  const sent: Message[] = [];
  let reply: ((r: Reply) => void) | null = null;
  let death: ((why: string) => void) | null = null;
  let made = 0;
  let ended = false;
  const make = (): Endpoint => {
    made++;
    return {
      postMessage: (m) => void sent.push(m),
      onReply: (fn) => void (reply = fn),
      onDeath: (fn) => void (death = fn),
      inProcess: true,
      terminate: () => void (ended = true),
    };
  };
  return {
    make,
    sent,
    made: () => made,
    ended: () => ended,
    answer: (r: Reply) => reply?.(r),
    die: (why: string) => death?.(why),
  };
}

const msg = (id: number): Message => ({ v: 1, type: "load", id, text: "x", to: "end" });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("an endpoint made after the first paint", () => {
  it("makes nothing until the paint, then sends what waited, in order, and wires the listeners given before", async () => {
    const f = fake();
    let paint = (): void => {};
    const ep = deferredEndpoint(f.make, new Promise<void>((r) => (paint = r)));
    const replies: Reply[] = [];
    const deaths: string[] = [];
    ep.onReply((r) => replies.push(r));
    ep.onDeath?.((w) => deaths.push(w));
    ep.postMessage(msg(1));
    ep.postMessage(msg(2));
    await tick();
    expect(f.made()).toBe(0);
    expect(ep.inProcess).toBe(false); // the watchdog treats it as a worker still loading
    paint();
    await tick();
    expect(f.made()).toBe(1);
    expect(f.sent.map((m) => ("id" in m ? m.id : -1))).toEqual([1, 2]);
    ep.postMessage(msg(3)); // straight through now
    expect(f.sent).toHaveLength(3);
    expect(ep.inProcess).toBe(true);
    f.answer({ v: 1, type: "ready", id: 0, seq: 0 });
    f.die("gone");
    expect(replies).toHaveLength(1);
    expect(deaths).toEqual(["gone"]);
  });

  it("never makes an engine once terminated before the paint", async () => {
    const f = fake();
    const ep = deferredEndpoint(f.make, Promise.resolve());
    ep.postMessage(msg(1));
    ep.terminate();
    await tick();
    expect(f.made()).toBe(0);
    expect(f.sent).toEqual([]);
  });

  it("passes terminate on to the engine it made", async () => {
    const f = fake();
    const ep = deferredEndpoint(f.make, Promise.resolve());
    await tick();
    ep.terminate();
    expect(f.ended()).toBe(true);
  });
});
