import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EngineClient } from "./client";
import { BUSY_MS, PROGRESS_MS, type StatusEvent } from "./supervision";
import type { Endpoint, Message } from "./endpoints";
import type { Reply } from "../contract/wire/protocol";

/**
 * A quiet load: the page shows the build's first frame and asks the engine for the same load
 * (state/firstFrame.ts). That answer changes nothing on screen, so a slow engine must not put up
 * "Working…" or "Running step 1 of 7…" over a picture that is already there.
 */

/** An endpoint that takes every request (reporting progress on a load) and answers only when told. */
function slowEngine(): Endpoint & { sent: Message[]; answer(id: number): void } {
  let listener: ((r: Reply) => void) | null = null;
  const sent: Message[] = [];
  return {
    sent,
    postMessage(msg) {
      sent.push(msg);
      // as a worker does: asynchronously
      setTimeout(() => {
        listener?.({ v: 1, type: "ack", id: msg.id, seq: 0 });
        if (msg.type === "load") listener?.({ v: 1, type: "progress", id: msg.id, seq: 0, step: 1, of: 7 });
      }, 0);
    },
    onReply(fn) {
      listener = fn;
      setTimeout(() => fn({ v: 1, type: "ready", id: 0, seq: 0 }), 0);
    },
    answer(id) {
      listener?.({ v: 1, type: "failed", id, seq: 0, message: "answered" });
    },
    terminate() {},
  };
}

describe("a quiet load", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waiting long, with progress, shows no busy sign and no progress", () => {
    const status: StatusEvent[] = [];
    const ep = slowEngine();
    const c = new EngineClient(ep, { onStatus: (e) => status.push(e), hangMs: 60_000 });
    void c.load("spawn P1 empty\n", "end", true);
    vi.advanceTimersByTime(BUSY_MS * 5 + PROGRESS_MS);
    expect(status).toEqual([]);
    ep.answer(ep.sent[0]!.id);
    vi.advanceTimersByTime(BUSY_MS * 5);
    expect(status).toEqual([]);
    c.dispose();
  });

  it("a load that is not quiet, the same in all else, shows both", () => {
    const status: StatusEvent[] = [];
    const ep = slowEngine();
    const c = new EngineClient(ep, { onStatus: (e) => status.push(e), hangMs: 60_000 });
    void c.load("spawn P1 empty\n", "end");
    vi.advanceTimersByTime(BUSY_MS * 5);
    expect(status).toContainEqual({ kind: "progress", step: 1, of: 7 });
    expect(status).toContainEqual({ kind: "busy", busy: true });
    c.dispose();
  });

  it("a request of the user's waiting behind it does put up the sign, and takes it down", () => {
    const status: StatusEvent[] = [];
    const ep = slowEngine();
    const c = new EngineClient(ep, { onStatus: (e) => status.push(e), hangMs: 60_000 });
    void c.load("spawn P1 empty\n", "end", true);
    void c.request({ type: "seek", gen: 1, pos: { step: 0, event: -1 } });
    vi.advanceTimersByTime(BUSY_MS * 2);
    expect(status).toEqual([{ kind: "busy", busy: true }]);
    ep.answer(ep.sent[1]!.id);
    expect(status.at(-1)).toEqual({ kind: "busy", busy: false });
    c.dispose();
  });
});
