import { describe, expect, it } from "vitest";
import { EngineClient } from "../client/client";
import { inProcessEndpoint } from "../client/endpoints";
import type { Position, Reply, Snapshot, ViewQuery } from "../contract/wire/protocol";
import { halvingOrder, ScrubPlan } from "./scrub";
import { snapshotBytes } from "../contract/wire/bytes";
import { createSession } from "./session";
import { type Session } from "./sessionApi";

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 64 rw private\nP1 write buf 0-63\nP1 fork P2\nP2 write buf 1-40\nP1 write buf 50\n";

/** Every scrub reply the session pushes while idle, until it has nothing more to do. */
function scrubPushes(s: Session): Extract<Reply, { type: "ahead" }>[] {
  const out: Extract<Reply, { type: "ahead" }>[] = [];
  for (let more = true, n = 0; more && n < 10_000; n++) {
    more = s.idle();
    const r = s.takePush();
    if (r?.type === "ahead" && r.scrub) out.push(r);
  }
  return out;
}

const key = (p: Position): string => `${p.step}/${p.event}`;

function load(s: Session, to: Position | "end" = { step: 2, event: -1 }) {
  const r = s.handle({ v: 1, type: "load", id: 1, text: COW, to });
  if (r.type !== "loaded") throw new Error(r.type);
  return r;
}

describe("the scrubber's cache", () => {
  it("halving covers every index once, ends first, then middles", () => {
    for (const n of [0, 1, 2, 3, 10, 124]) {
      const o = halvingOrder(n);
      expect([...o].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(halvingOrder(9).slice(0, 5)).toEqual([0, 8, 4, 2, 6]);
  });

  it("a big state: every position is sent once, each equal to a fresh snapshot there", () => {
    const s = createSession({ aheadMinCells: 0 });
    const r = load(s);
    const got = scrubPushes(s).flatMap((p) => p.snapshots);
    const count = 1 + r.steps.reduce((n, st) => n + Math.max(1, st.events.length), 0);
    // all but the one on screen
    expect(new Set(got.map((g) => key(g.pos))).size).toBe(count - 1);
    expect(got.length).toBe(count - 1);
    for (const g of got.filter((_, i) => i % 7 === 0)) {
      const f = createSession().handle({ v: 1, type: "load", id: 1, text: COW, to: g.pos });
      if (f.type !== "loaded") throw new Error(f.type);
      expect(g).toEqual(f.snapshot);
    }
  });

  it("builds none while the last move named a zoomed view (its snapshots travel bare)", () => {
    const s = createSession({ aheadMinCells: 0 });
    const views: ViewQuery[] = [{ key: "f", kind: "frames", query: { from: 0, count: 8, cells: 8 } }];
    const r = s.handle({ v: 1, type: "load", id: 1, text: COW, to: { step: 2, event: -1 }, views });
    if (r.type !== "loaded") throw new Error(r.type);
    // the next position is built ahead with the view's window; the scrubber's cache waits
    const near: Reply[] = [];
    for (let more = true; more;) {
      more = s.idle();
      const p = s.takePush();
      if (p) near.push(p);
    }
    expect(near).toHaveLength(1);
    if (near[0]!.type !== "ahead") throw new Error(near[0]!.type);
    expect(near[0]!.scrub).toBeUndefined();
    expect(near[0]!.views?.map((v) => [v.key, v.window.pos])).toEqual([["f", near[0]!.snapshots[0]!.pos]]);
    // a views question moves nothing and changes nothing; a move naming no view starts it
    s.handle({ v: 1, type: "views", id: 2, gen: r.gen, pos: r.snapshot.pos, views: [] });
    expect(scrubPushes(s)).toEqual([]);
    s.handle({ v: 1, type: "seek", id: 3, gen: r.gen, pos: { step: 1, event: -1 } });
    expect(scrubPushes(s).length).toBeGreaterThan(0);
    // the client holds every position now, bare: a move naming the view has its next one
    // pushed again, with the window
    s.handle({ v: 1, type: "seek", id: 4, gen: r.gen, pos: { step: 3, event: -1 }, views });
    s.idle();
    const again = s.takePush();
    if (again?.type !== "ahead") throw new Error(String(again?.type));
    expect(again.scrub).toBeUndefined();
    expect(again.views).toHaveLength(1);
  });

  it("a cheap state builds none (its jumps are answered within the frame anyway)", () => {
    const s = createSession();
    load(s);
    expect(scrubPushes(s)).toEqual([]);
  });

  it("stays within its budget: the farthest from the slider are dropped for nearer ones", () => {
    const one = snapshotBytes(load(createSession()).snapshot);
    const s = createSession({ aheadMinCells: 0, scrubBudget: one * 5 });
    const r = load(s, { step: 0, event: -1 });
    const kept = new Map<string, Snapshot>();
    const apply = (rs: ReturnType<typeof scrubPushes>): void => {
      for (const p of rs) {
        for (const d of p.drop ?? []) expect(kept.delete(key(d))).toBe(true);
        for (const g of p.snapshots) kept.set(key(g.pos), g);
      }
    };
    apply(scrubPushes(s));
    const bytes = (): number => [...kept.values()].reduce((n, g) => n + snapshotBytes(g), 0);
    // the budget, plus at most one snapshot over it
    expect(bytes()).toBeLessThanOrEqual(one * 5 * 1.5 + one);
    expect(kept.size).toBeGreaterThan(2);
    // jump to the end: what is near it replaces what is near the start
    const end = { step: r.steps.length, event: -1 };
    s.handle({ v: 1, type: "seek", id: 2, gen: r.gen, pos: end });
    apply(scrubPushes(s));
    expect(bytes()).toBeLessThanOrEqual(one * 5 * 1.5 + one);
    expect(kept.has(key({ step: 0, event: -1 }))).toBe(false);
    const plan = new ScrubPlan([], 1);
    expect(plan.next(0)).toBeNull();
  });

  it("the client keeps them for many jumps, bare; a new load drops them", async () => {
    let views: ViewQuery[] = [];
    const c = new EngineClient(inProcessEndpoint({ aheadMinCells: 0 }), { views: () => views });
    const r = await c.load(COW, { step: 2, event: -1 });
    if (r.type !== "loaded") throw new Error(r.type);
    const start = { step: 0, event: -1 };
    for (let i = 0; i < 2000 && !c.hasAhead(r.gen, start); i++)
      await new Promise((res) => setTimeout(res, 2));
    expect(c.takeAhead(r.gen, start)?.pos).toEqual(start);
    // not handed out once only: a drag comes back over it
    expect(c.takeAhead(r.gen, start)?.pos).toEqual(start);
    expect(c.scrubStats().count).toBeGreaterThan(0);
    // they carry no window: not handed out while a zoomed view needs its own, kept for later
    views = [{ key: "buf", kind: "frames", query: { from: 0, count: 8, cells: 8 } }];
    expect(c.takeAhead(r.gen, start)).toBeNull();
    views = [];
    expect(c.takeAhead(r.gen, start)?.pos).toEqual(start);
    const again = await c.load(COW, { step: 2, event: -1 });
    if (again.type !== "loaded") throw new Error(again.type);
    expect(c.takeAhead(r.gen, start)).toBeNull();
    expect(c.scrubStats()).toEqual({ count: 0, bytes: 0 });
    c.dispose();
  });
});
