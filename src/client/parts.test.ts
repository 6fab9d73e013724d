/** The client's parts, each alone: the supervisor's decisions, the seek queue, the busy sign. */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Reply, Request } from "../contract/wire/protocol";
import { BusySign } from "./busy";
import { SeekQueue, type SeekAsk } from "./seeks";
import { fatesOf, lastMove, loadBudgetMs, RestartBudget, watchdog, type Pending } from "./supervision";

const pending = (
  msg: Partial<Request> & { type: Request["type"] },
  extra: Partial<Pending> = {},
): Pending => ({
  msg: { v: 1, id: 1, ...msg } as Request,
  resolve: () => {},
  tries: 1,
  ...extra,
});
const load = (extra: Partial<Pending> = {}) => pending({ type: "load", text: "x", to: "end" }, extra);
const seek = (step: number) => pending({ type: "seek", gen: 1, pos: { step, event: -1 } });

describe("the supervisor's decisions", () => {
  it("a load that hung is run again up to the steps it finished; one that merely waited is sent again", () => {
    expect(fatesOf([load({ done: 3 }), load()], true, "x", 30_000)).toEqual([
      { kind: "rerun-until", steps: 3 },
      { kind: "resend" },
    ]);
  });

  it("a load that hung twice, or died twice, is dropped with why; other requests fail", () => {
    const [hung] = fatesOf([load({ tries: 2 })], true, "x", 30_000);
    expect(hung?.kind).toBe("drop");
    expect(hung?.kind === "drop" && hung.message).toContain("more than 30 s");
    const [twice] = fatesOf([load({ tries: 2 })], false, "a crash", 30_000);
    expect(twice?.kind === "drop" && twice.message).toContain("stopped twice");
    expect(fatesOf([seek(2)], false, "x", 30_000)).toEqual([{ kind: "fail" }]);
  });

  it("the watchdog: none when nothing waits or on the main thread; ack time while free, hang time while taken", () => {
    const w = { hangMs: 30_000, ackMs: 1000, ready: true, working: false };
    expect(watchdog({ ...w, pending: [] })).toBeNull();
    expect(watchdog({ ...w, hangMs: 0, pending: [seek(1)] })).toBeNull();
    expect(watchdog({ ...w, pending: [seek(1)] })).toMatchObject({ ms: 1000, hung: false });
    expect(watchdog({ ...w, pending: [load({ acked: true })] })).toMatchObject({ ms: 30_000, hung: true });
    expect(watchdog({ ...w, ready: false, pending: [seek(1)] })).toMatchObject({ ms: 30_000 });
  });

  it("restarts within the window are counted; past the budget it gives up; the window forgets", () => {
    const b = new RestartBudget(2);
    expect([b.allow(0), b.allow(1), b.allow(2)]).toEqual([true, true, false]);
    expect(b.allow(10 * 60_000)).toBe(true);
  });

  it("the last move: waiting, else the last seek sent, else the screen", () => {
    const screen = { step: 9, event: -1 };
    expect(lastMove({ pos: { step: 1, event: 0 } }, [seek(2)], screen)).toEqual({ step: 1, event: 0 });
    expect(lastMove(null, [seek(2), seek(3)], screen)).toEqual({ step: 3, event: -1 });
    expect(lastMove(null, [load()], screen)).toBe(screen);
    expect(loadBudgetMs(30_000)).toBe(10_000);
    expect(loadBudgetMs(300)).toBe(200);
  });
});

describe("the seek queue", () => {
  it("one seek in flight; asks made meanwhile replace each other, the latest is sent next", async () => {
    const sent: number[] = [];
    const answers: (() => void)[] = [];
    const q = new SeekQueue((a: SeekAsk) => {
      sent.push(a.pos.step);
      return new Promise<Reply>((res) => answers.push(() => res({ type: "failed" } as Reply)));
    });
    const replies: Reply[] = [];
    for (const step of [1, 2, 3, 4])
      q.ask({ gen: 1, pos: { step, event: -1 }, have: false }, (r) => replies.push(r));
    expect(sent).toEqual([1]);
    expect(q.waiting()?.pos.step).toBe(4);
    answers.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual([1, 4]);
    q.reset();
    answers.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    // after a reset, the old round's reply starts nothing
    q.ask({ gen: 1, pos: { step: 7, event: -1 }, have: false }, () => {});
    expect(sent).toEqual([1, 4, 7]);
    expect(replies).toHaveLength(2);
  });
});

describe("the busy sign", () => {
  afterEach(() => vi.useRealTimers());
  it("shows after BUSY_MS of waiting, not for a quick answer, and tells progress a few times a second", () => {
    vi.useFakeTimers();
    const told: string[] = [];
    const s = new BusySign((e) => told.push(e.kind === "busy" ? `busy:${e.busy}` : `step:${e.step}`));
    s.waiting(1);
    vi.advanceTimersByTime(100);
    s.waiting(0);
    vi.advanceTimersByTime(500);
    expect(told).toEqual([]);
    s.waiting(1);
    vi.advanceTimersByTime(250);
    expect(told).toEqual(["busy:true"]);
    s.progress(1, 9);
    s.progress(2, 9);
    vi.advanceTimersByTime(250);
    s.progress(3, 9);
    s.waiting(0);
    expect(told).toEqual(["busy:true", "step:1", "step:3", "busy:false"]);
  });
});
