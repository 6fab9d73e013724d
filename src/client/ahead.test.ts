import { describe, expect, it } from "vitest";
import { buildTimeline } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { EngineClient } from "./client";
import { inProcessEndpoint } from "./endpoints";
import type { Position, Reply, Snapshot, ViewQuery } from "../contract/wire/protocol";
import { createSession } from "../worker/session";
import { type Session } from "../worker/sessionApi";
import { neighbours } from "../worker/steps";

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";
const AT: Position = { step: 4, event: 2 };
/** A zoomed view of both processes' buf. */
const VIEW: ViewQuery = {
  key: "buf",
  kind: "pages",
  query: { seg: { name: "buf", first: 0 }, procs: ["P1", "P2"], from: 0, count: 4, cells: 10 },
};

function near(p: Position) {
  const r = parseScenario(COW);
  if (!r.ok) throw new Error("parse");
  return neighbours(buildTimeline(r.scenario), p);
}

/** The snapshot a fresh session sends for p (what one sent ahead must equal). */
const fresh = (p: Position): Snapshot => {
  const r = createSession().handle({ v: 1, type: "load", id: 1, text: COW, to: p });
  if (r.type !== "loaded") throw new Error(r.type);
  return r.snapshot;
};

/** What the session pushes while idle for the step keys (not the scrubber's), until it is done. */
function pushes(s: Session): Snapshot[] {
  const out: Snapshot[] = [];
  for (let more = true; more;) {
    more = s.idle();
    const r = s.takePush();
    if (r?.type === "ahead") {
      if (!r.scrub) out.push(...r.snapshots);
    } else expect(r).toBeNull();
  }
  return out;
}

function loadAt(s: Session, to: Position): Extract<Reply, { type: "loaded" }> {
  const r = s.handle({ v: 1, type: "load", id: 1, text: COW, to });
  if (r.type !== "loaded") throw new Error(r.type);
  return r;
}

describe("snapshots sent ahead", () => {
  it("a cheap state: both neighbours, next first, each equal to a fresh snapshot", () => {
    const s = createSession();
    loadAt(s, AT);
    const got = pushes(s);
    const { next, prev } = near(AT);
    expect(got.map((g) => g.pos)).toEqual([next, prev]);
    for (const g of got) expect(g).toEqual(fresh(g.pos));
    expect(s.takePush()).toBeNull();
  });

  it("a seek the client answered itself is acknowledged, then the new neighbours follow", () => {
    const s = createSession();
    const r = loadAt(s, AT);
    const to = pushes(s)[0]!.pos;
    const h = s.handle({ v: 1, type: "seek", id: 2, gen: r.gen, pos: to, have: true });
    expect(h).toMatchObject({ type: "ahead", snapshots: [] });
    const { next, prev } = near(to);
    expect(pushes(s).map((g) => g.pos)).toEqual([next, prev]);
  });

  it("after a step back, the one behind comes first", () => {
    const s = createSession();
    const r = loadAt(s, AT);
    const back = pushes(s)[1]!.pos;
    expect(s.handle({ v: 1, type: "seek", id: 2, gen: r.gen, pos: back }).type).toBe("snapshot");
    const { next, prev } = near(back);
    expect(pushes(s).map((g) => g.pos)).toEqual([prev, next]);
  });

  it("a big state: the next position only", () => {
    const s = createSession({ aheadMinCells: 0 });
    loadAt(s, AT);
    expect(pushes(s).map((g) => g.pos)).toEqual([near(AT).next]);
  });

  it("the client keeps them and hands each out once; one without a zoomed view's window is not", async () => {
    let views: ViewQuery[] = [];
    const c = new EngineClient(inProcessEndpoint(), { views: () => views });
    const r = await c.load(COW, AT);
    if (r.type !== "loaded") throw new Error(r.type);
    const { next, prev } = near(AT);
    const waitFor = async (p: Position): Promise<Snapshot | null> => {
      for (let i = 0; i < 1000; i++) {
        const got = c.takeAhead(r.gen, p);
        if (got) return got;
        await new Promise((res) => setTimeout(res, 5));
      }
      return null;
    };
    expect((await waitFor(next!))?.pos).toEqual(next);
    expect(c.takeAhead(r.gen, next!)).toBeNull();
    expect(c.takeAhead(r.gen + 1, prev!)).toBeNull();
    // the screen shows `next` from the cache; the engine is told, and sends next's neighbours
    const ack = await new Promise<Reply>((res) => c.seek(r.gen, next!, res, true));
    expect(ack.type).toBe("ahead");
    const after = near(next!);
    expect((await waitFor(after.next!))?.pos).toEqual(after.next);
    for (let i = 0; i < 1000 && !c.hasAhead(r.gen, after.prev!); i++)
      await new Promise((res) => setTimeout(res, 5));
    // a view zoomed in since: what was built ahead lacks its window and is not handed out (the
    // move goes to the engine, whose reply brings the snapshot and the window together)
    views = [VIEW];
    expect(c.hasAhead(r.gen, after.prev!)).toBe(false);
    expect(c.takeAhead(r.gen, after.prev!)).toBeNull();
    views = [];
    expect(c.hasAhead(r.gen, after.prev!)).toBe(true);
    views = [VIEW];
    const moved = await new Promise<Reply>((res) => c.seek(r.gen, after.prev!, res));
    if (moved.type !== "snapshot") throw new Error(moved.type);
    expect(moved.views?.map((v) => [v.key, v.window.pos])).toEqual([["buf", after.prev]]);
    // the positions built ahead of that move carry the window: handed out with it
    const then = near(after.prev!).prev!;
    let got = null;
    for (let i = 0; i < 1000 && !got; i++) {
      got = c.takeAheadWith(r.gen, then);
      if (!got) await new Promise((res) => setTimeout(res, 5));
    }
    expect(got?.snapshot.pos).toEqual(then);
    expect(got?.views.map((v) => [v.key, v.window.pos])).toEqual([["buf", then]]);
    c.dispose();
  });
});

it("a new, shorter scenario does not look back into the old one", () => {
  const s = createSession();
  loadAt(s, { step: 5, event: -1 });
  const r = s.handle({ v: 1, type: "load", id: 2, text: "spawn P1 empty\n", to: "end" });
  expect(r.type).toBe("loaded");
  expect(pushes(s).map((g) => g.pos)).toEqual([{ step: 0, event: -1 }]);
});

it("nothing is built ahead while a test has armed a fault for the next move", () => {
  const s = createSession();
  const r = loadAt(s, AT);
  s.debug("fault-next-step");
  expect(pushes(s)).toEqual([]);
  // the move itself reaches the engine and fails there, as the hook asks
  expect(s.handle({ v: 1, type: "seek", id: 2, gen: r.gen, pos: near(AT).next! }).type).toBe("failed");
});
