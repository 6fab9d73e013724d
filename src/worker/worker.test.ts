import { afterEach, describe, expect, it, vi } from "vitest";
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, stateAt } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { EngineClient } from "../client/client";
import { defaultEndpoint, inProcessEndpoint } from "../client/endpoints";
import { PRESETS } from "../scenarios/presets";
import {
  PHYS_ANON,
  PHYS_STRIDE,
  PS_SHARED,
  SUMMARY_MAPPED,
  SUMMARY_STRIDE,
  transferables,
  type Reply,
  type Snapshot,
  type ViewQuery,
  type ViewWindow,
  type WindowQuery,
} from "../contract/wire/protocol";
import { createSession } from "./session";
import { neighbours } from "./steps";
import { nextEvent, posAt, posCount, prevEvent } from "../contract/position";
import { pmapLines } from "../engine/report/text";
import { mergeXmap, prgetxmap } from "../engine/report/xmap";
import { buildSnapshot, buildWindow, DENSE_MAX, SEG_DETAIL_MAX, SWAP_LIST_MAX, xmapOf } from "./snapshot";
import { anonIn, forEachAnon, frameIn, refcntIn, rowOf } from "../contract/wire/tables";

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

function loaded(r: Reply): Extract<Reply, { type: "loaded" }> {
  if (r.type !== "loaded") throw new Error(`expected loaded, got ${r.type}`);
  return r;
}

const anonId = (s: string | null): number => (s ? Number(s.split(":")[1]) : 0);

describe("snapshot", () => {
  it("agrees with the JSON document, slot by slot, at every position", () => {
    const r = parseScenario(COW);
    if (!r.ok) throw new Error("parse");
    const tl = buildTimeline(r.scenario);
    for (let step = 0; step <= tl.steps.length; step++) {
      const n = step === 0 ? 0 : tl.steps[step - 1]!.events.length;
      for (let event = -1; event < Math.max(0, n - 1); event++) {
        const st = stateAt(tl, { step, event });
        const doc = buildDoc(st, []);
        const snap = buildSnapshot(stateAt(tl, { step, event }), 1, { step, event });
        for (const p of doc.processes) {
          const sp = snap.procs.find((x) => x.name === p.name)!;
          p.segments.forEach((g, i) => {
            const sg = sp.segs[i]!;
            expect(sg.base).toBe(g.base);
            if (sg.detail.kind !== "pages") throw new Error("small segments travel page by page");
            const d = sg.detail;
            g.slots.forEach((slot, k) => {
              expect(d.anon[k]).toBe(anonId(slot.anon));
              expect(d.frame[k]).toBe(anonId(slot.frame));
              expect(d.hat[k]! > 0).toBe(slot.hat !== null);
            });
          });
        }
        for (const a of doc.anons) expect(snap.anons.refcnt[anonId(a.id)]).toBe(a.refcnt);
        expect(snap.swap).toEqual(doc.swap);
        expect(snap.text.swapS).toBe(doc.text["swap-s"]);
        expect(snap.text.pmapX).toEqual(doc.text["pmap-x"]);
      }
    }
  });

  it("summarises big segments in buckets instead of one entry per page", () => {
    const pages = SEG_DETAIL_MAX * 4;
    const r = parseScenario(
      `spawn P1 empty\nP1 mmap big /dev/zero ${pages} rw private\nP1 write big 0-${pages - 1}\nP1 fork P2\n`,
    );
    if (!r.ok) throw new Error("parse");
    const tl = buildTimeline(r.scenario);
    const snap = buildSnapshot(stateAt(tl, { step: 4, event: -1 }), 1, { step: 4, event: -1 });
    const g = snap.procs[1]!.segs[0]!;
    expect(g.detail.kind).toBe("summary");
    if (g.detail.kind !== "summary") return;
    expect(g.totals).toMatchObject({ filled: pages, shared: pages, mapped: 0 });
    let shared = 0;
    for (let b = 0; b < g.detail.buckets; b++) shared += g.detail.counts[b * SUMMARY_STRIDE + PS_SHARED]!;
    expect(shared).toBe(pages);
    expect(g.detail.counts.length).toBeLessThan(pages);
  });

  it("lists every typed-array buffer for transfer", () => {
    const s = createSession();
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: COW, to: "end" }));
    const bufs = transferables(r);
    expect(bufs.length).toBeGreaterThan(6);
    expect(new Set(bufs).size).toBe(bufs.length);
  });
});

/**
 * A scenario with more anons than DENSE_MAX: 12,000 pages touched, forked, 30 copies, 3,000
 * paged out, and part of the child's mapping made read-only (pmap splits its row).
 */
const BIG = [
  "machine arch=x86 ram=64m swap=256m",
  "spawn P1 empty",
  "P1 mmap big /dev/zero 12000 rw private",
  "P1 mmap small /dev/zero 8 rw private",
  "P1 write small 0-7",
  "P1 write big 0-11999",
  "P1 fork P2",
  "P2 write big 100-129",
  "pageout P1 big 5000-7999 reuse",
  "P2 mprotect big r 9000-9999",
].join("\n");

function timelineOf(text: string) {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(`parse: ${r.error.message}`);
  return buildTimeline(r.scenario);
}

describe("snapshot of every small preset", () => {
  it("matches the JSON document slot by slot at the end of each preset", () => {
    for (const pr of PRESETS.filter((p) => !p.id.startsWith("large-"))) {
      const tl = timelineOf(pr.text);
      const end = { step: tl.steps.length, event: -1 };
      const doc = buildDoc(stateAt(tl, end), []);
      const snap = buildSnapshot(stateAt(tl, end), 1, end);
      for (const p of doc.processes) {
        const sp = snap.procs.find((x) => x.name === p.name)!;
        p.segments.forEach((g, i) => {
          const sg = sp.segs[i]!;
          const d = sg.detail;
          if (d.kind !== "pages") {
            expect(sg.totals.filled).toBe(g.slots.filter((x) => x.anon).length);
            expect(sg.totals.mapped).toBe(g.slots.filter((x) => x.hat).length);
            return;
          }
          g.slots.forEach((slot, k) => {
            expect([pr.id, d.anon[k]]).toEqual([pr.id, anonId(slot.anon)]);
            expect([pr.id, d.frame[k]]).toEqual([pr.id, anonId(slot.frame)]);
          });
        });
      }
      for (const a of doc.anons) expect(refcntIn(snap.anons, anonId(a.id))).toBe(a.refcnt);
      expect(snap.anons.live).toBe(doc.anons.length);
      expect(snap.phys.used).toBe(doc.frames.length);
    }
  });
});

describe("big states", () => {
  const tl = timelineOf(BIG);
  const end = { step: tl.steps.length, event: -1 };
  const st = stateAt(tl, end);
  const doc = buildDoc(st, []);
  const snap = buildSnapshot(stateAt(tl, end), 1, end, { anons: [7], frames: [9] });

  it("send sparse tables: only what can be drawn one by one, and bounded summaries", () => {
    expect(snap.anons.count).toBeGreaterThan(DENSE_MAX);
    expect(snap.anons.ids).not.toBeNull();
    expect(snap.frames.ids).not.toBeNull();
    expect(snap.anons.live).toBe(doc.anons.length);
    // the small segment's anons, the extra ones, every listed swap slot's anon
    const small = snap.procs[0]!.segs.find((g) => g.name === "small")!;
    if (small.detail.kind !== "pages") throw new Error("small travels page by page");
    for (const a of small.detail.anon) expect(anonIn(snap.anons, a)?.refcnt).toBe(2);
    expect(rowOf(snap.anons, 7)).toBeGreaterThanOrEqual(0);
    expect(rowOf(snap.frames, 9)).toBeGreaterThanOrEqual(0);
    expect(snap.swapUse.used).toBe(doc.anons.filter((a) => a.swapSlot !== null).length);
    expect(snap.swapUse.slots.length).toBe(Math.min(SWAP_LIST_MAX, snap.swapUse.used));
    for (let k = 0; k < snap.swapUse.slots.length; k++) {
      const a = doc.anons.find((x) => x.id === `anon:${snap.swapUse.anons[k]}`)!;
      expect(a.swapSlot).toBe(snap.swapUse.slots[k]);
      if (k) expect(snap.swapUse.slots[k]).toBeGreaterThan(snap.swapUse.slots[k - 1]!);
    }
    // every carried anon agrees with the document
    forEachAnon(snap.anons, (id) => {
      const a = doc.anons.find((x) => x.id === `anon:${id}`)!;
      expect(anonIn(snap.anons, id)).toEqual({
        refcnt: a.refcnt,
        frame: anonId(a.frame),
        swapSlot: a.swapSlot ?? 0,
      });
    });
    // frames by pfn add up
    let anonFrames = 0;
    for (let b = 0; b < snap.phys.buckets; b++) anonFrames += snap.phys.counts[b * PHYS_STRIDE + PHYS_ANON]!;
    expect(anonFrames).toBe(doc.frames.filter((f) => f.vnode === "swapfs").length);
    expect(snap.phys.anon).toBe(anonFrames);
    // the wire size does not follow the state: well under one entry per anon
    const bytes = transferables({ v: 1, type: "snapshot", id: 1, seq: 1, snapshot: snap }).reduce(
      (n, b) => n + b.byteLength,
      0,
    );
    expect(bytes).toBeLessThan(200_000);
  });

  it("counts pmap's RSS and Anon of big segments as prgetxmap does, at every position", () => {
    for (let step = 0; step <= tl.steps.length; step++) {
      const sst = stateAt(tl, { step, event: -1 });
      for (const p of sst.procs) if (p.alive) expect(xmapOf(sst, p)).toEqual(prgetxmap(sst, p));
      // and from the counts the snapshot's own walk makes
      const snap = buildSnapshot(sst, 1, { step, event: -1 });
      for (const p of sst.procs)
        if (p.alive)
          expect(snap.pmap[p.name]).toEqual(pmapLines(mergeXmap(prgetxmap(sst, p), 4096), 4096, 12));
    }
  });

  it("the anon_hdr chunk fill matches the slots", () => {
    const amp = snap.amps.find((m) => m.pages === 12000 && m.refcnt === 1)!;
    expect(amp.levels).toBe(2);
    expect(amp.chunkFill).not.toBeNull();
    const fill = amp.chunkFill!;
    expect(fill.length).toBe(amp.slots / amp.chunkSlots);
    expect([...fill].filter((n) => n >= 0).length).toBe(amp.chunks);
    expect([...fill].reduce((s, n) => s + Math.max(0, n), 0)).toBe(12000);
  });

  it("a window reads the slots of a page range, as the document has them", () => {
    const q: WindowQuery = {
      seg: { name: "big", first: 0 },
      procs: ["P1", "P2"],
      from: 90,
      count: 50,
      cells: 400,
    };
    const w = buildWindow(st, 1, end, 5, q);
    expect(w.rows.map((r) => r.proc)).toEqual(["P1", "P2"]);
    for (const row of w.rows) {
      const d = row.detail;
      if (d.kind !== "pages") throw new Error("50 pages fit 400 cells");
      const slots = doc.processes
        .find((p) => p.name === row.proc)!
        .segments.find((g) => g.name === "big")!.slots;
      for (let k = 0; k < row.count; k++) {
        const slot = slots[row.from + k]!;
        expect(d.anon[k]).toBe(anonId(slot.anon));
        expect(d.frame[k]).toBe(anonId(slot.frame));
        const a = doc.anons.find((x) => x.id === slot.anon);
        expect(d.refcnt[k]).toBe(a?.refcnt ?? 0);
        expect(refcntIn(w.anons, d.anon[k]!)).toBe(a?.refcnt ?? 0);
        if (d.frame[k]) expect(frameIn(w.frames, d.frame[k]!)).not.toBeNull();
      }
    }
    // P2's copies at 100..129 hold anons of their own
    const p2 = w.rows[1]!.detail;
    if (p2.kind === "pages") expect(p2.refcnt[15]).toBe(1);
  });

  it("a window wider than its cells comes bucketed, and clamps to the segment", () => {
    const q: WindowQuery = {
      seg: { name: "big", first: 0 },
      procs: ["P1", "nobody"],
      from: 11000,
      count: 99999,
      cells: 100,
    };
    const w = buildWindow(st, 1, end, 5, q);
    expect(w.rows).toHaveLength(1);
    const row = w.rows[0]!;
    expect(row.count).toBe(1000);
    if (row.detail.kind !== "summary") throw new Error("1,000 pages in 100 cells are bucketed");
    expect(row.detail.buckets).toBeLessThanOrEqual(100);
    let pages = 0;
    let mapped = 0;
    for (let b = 0; b < row.detail.buckets; b++) {
      for (let s = 0; s < 5; s++) pages += row.detail.counts[b * SUMMARY_STRIDE + s]!;
      mapped += row.detail.counts[b * SUMMARY_STRIDE + SUMMARY_MAPPED]!;
    }
    expect(pages).toBe(1000);
    expect(mapped).toBe(1000);
  });
});

describe("session", () => {
  it("answers the zoomed views a request names, and remembers none of them", () => {
    const s = createSession();
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: BIG, to: "end" }));
    expect(r.views).toBeUndefined();
    const query: WindowQuery = {
      seg: { name: "big", first: 0 },
      procs: ["P1", "P2"],
      from: 0,
      count: 200,
      cells: 400,
    };
    const views: ViewQuery[] = [{ key: "anon", kind: "pages", query }];
    const w = s.handle({ v: 1, type: "views", id: 2, gen: r.gen, pos: r.snapshot.pos, views });
    if (w.type !== "views" || w.views[0]?.kind !== "pages") throw new Error(w.type);
    expect(w.views[0].key).toBe("anon");
    expect(w.views[0].window.rows).toHaveLength(2);
    expect(transferables(w).length).toBeGreaterThan(4);
    // asking about a view changed nothing: a move that names none gets none
    const bare = s.handle({ v: 1, type: "seek", id: 3, gen: r.gen, pos: { step: 7, event: -1 } });
    if (bare.type !== "snapshot") throw new Error(bare.type);
    expect(bare.views).toBeUndefined();
    // a move that names it gets its window at the new position, in the same reply
    const back = s.handle({ v: 1, type: "seek", id: 4, gen: r.gen, pos: { step: 6, event: -1 }, views });
    if (back.type !== "snapshot" || back.views?.[0]?.kind !== "pages") throw new Error(back.type);
    const win = back.views[0].window;
    expect(win.pos).toEqual({ step: 6, event: -1 });
    expect(win.seq).toBe(back.seq);
    expect(transferables(back)).toEqual(expect.arrayContaining(transferables({ ...w, views: back.views })));
    // before P2's copies: every slot of both rows shares its anon
    for (const row of win.rows)
      if (row.detail.kind === "pages") expect([...row.detail.refcnt].every((n) => n === 2)).toBe(true);
    const again = s.handle({ v: 1, type: "seek", id: 5, gen: r.gen, pos: { step: 7, event: -1 } });
    if (again.type === "snapshot") expect(again.views).toBeUndefined();
    // a load names its views too: the loaded snapshot brings their windows
    const re = loaded(s.handle({ v: 1, type: "load", id: 6, text: BIG, to: "end", views }));
    expect(re.views?.map((v) => [v.key, v.window.pos])).toEqual([["anon", re.snapshot.pos]]);
  });

  it("loads, clamps positions, seeks and refuses a stale generation", () => {
    const s = createSession();
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: COW, to: { step: 99, event: 99 } }));
    expect(r.steps).toHaveLength(5);
    expect(r.snapshot.pos).toEqual({ step: 5, event: -1 });
    const seek = s.handle({ v: 1, type: "seek", id: 2, gen: r.gen, pos: { step: 5, event: 4 } });
    expect(seek.type).toBe("snapshot");
    expect(seek.seq).toBeGreaterThan(r.seq);
    expect(s.handle({ v: 1, type: "seek", id: 3, gen: r.gen + 7, pos: { step: 1, event: -1 } }).type).toBe(
      "failed",
    );
  });

  it("reports a parse error with line and column, and keeps the old timeline", () => {
    const s = createSession();
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: COW, to: "end" }));
    const bad = s.handle({ v: 1, type: "load", id: 2, text: "spawn P1\nP1 zap\n", to: "end" });
    expect(bad.type).toBe("parse-error");
    if (bad.type === "parse-error") expect(bad.error).toMatchObject({ line: 2, column: 4 });
    expect(s.handle({ v: 1, type: "seek", id: 3, gen: r.gen, pos: { step: 1, event: -1 } }).type).toBe(
      "snapshot",
    );
  });

  it("builds the JSON document at a position", () => {
    const s = createSession();
    const r = loaded(s.handle({ v: 1, type: "load", id: 1, text: COW, to: "end" }));
    const d = s.handle({ v: 1, type: "doc", id: 2, gen: r.gen, pos: { step: 4, event: -1 } });
    if (d.type !== "doc") throw new Error(d.type);
    expect(d.doc.format).toBe("anonscope/1");
    expect(d.doc.steps).toHaveLength(4);
    expect(d.doc.anons.every((a) => a.refcnt === 2)).toBe(true);
  });
});

describe("building ahead", () => {
  it("builds the positions the step keys go to next, as positions.ts numbers them", () => {
    const tl = timelineOf(COW);
    const steps = loaded(createSession().handle({ v: 1, type: "load", id: 1, text: COW, to: "end" })).steps;
    for (let i = 0; i < posCount(steps); i++) {
      const p = posAt(steps, i);
      const { next, prev } = neighbours(tl, p);
      expect(next ?? p).toEqual(nextEvent(steps, p));
      expect(prev ?? p).toEqual(prevEvent(steps, p));
    }
  });

  it("answers the next position from a snapshot built while idle, the same as a fresh one", () => {
    const strip = (r: Reply) => {
      if (r.type !== "snapshot") throw new Error(r.type);
      return {
        ...r.snapshot,
        views: r.views?.map((v) => ({ ...v, window: { ...v.window, seq: 0 } }) as ViewWindow),
      };
    };
    const a = createSession({ aheadMinCells: 0 });
    // b never idles: every snapshot it sends is built when asked
    const b = createSession();
    const ra = loaded(a.handle({ v: 1, type: "load", id: 1, text: COW, to: { step: 5, event: 2 } }));
    loaded(b.handle({ v: 1, type: "load", id: 1, text: COW, to: { step: 5, event: 2 } }));
    const query: WindowQuery = {
      seg: { name: "buf", first: 0 },
      procs: ["P1", "P2"],
      from: 0,
      count: 4,
      cells: 10,
    };
    const views: ViewQuery[] = [{ key: "anon", kind: "pages", query }];
    // the move names the zoomed view: the positions built ahead of it carry its window
    a.handle({ v: 1, type: "seek", id: 2, gen: ra.gen, pos: ra.snapshot.pos, views });
    // one position built ahead, then nothing more to do
    expect(a.idle()).toBe(false);
    // forward, then back: each time the next position the same way was built while idle
    for (const pos of [
      { step: 5, event: 3 },
      { step: 5, event: -1 },
      { step: 5, event: 3 },
      { step: 5, event: 2 },
    ]) {
      const x = strip(a.handle({ v: 1, type: "seek", id: 3, gen: ra.gen, pos, views }));
      const y = strip(b.handle({ v: 1, type: "seek", id: 3, gen: ra.gen, pos, views }));
      expect(x).toEqual(y);
      const w = x.views![0]!;
      if (w.kind !== "pages") throw new Error(w.kind);
      expect(w.window.rows).toHaveLength(2);
      while (a.idle());
    }
  });
});

describe("client", () => {
  it("answers requests in process and keeps only the latest seek", async () => {
    const c = new EngineClient(inProcessEndpoint());
    const r = loaded(await c.load(COW, "end"));
    const got: Snapshot[] = [];
    await new Promise<void>((resolve) => {
      const on = (x: Reply) => {
        if (x.type === "snapshot") got.push(x.snapshot);
        if (got.length && got[got.length - 1]!.pos.step === 3) resolve();
      };
      for (let step = 0; step <= 3; step++) c.seek(r.gen, { step, event: -1 }, on);
    });
    // the first ask went out at once; the two in between were replaced by the last one
    expect(got.map((g) => g.pos.step)).toEqual([0, 3]);
    c.dispose();
  });
});

describe("fallback", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("re-sends unanswered requests to the main thread when the worker fails to start", async () => {
    class BrokenWorker {
      onerror: ((e: { preventDefault(): void }) => void) | null = null;
      onmessage: unknown = null;
      constructor() {
        setTimeout(() => this.onerror?.({ preventDefault() {} }), 5);
      }
      postMessage(): void {}
      terminate(): void {}
    }
    vi.stubGlobal("Worker", BrokenWorker);
    const c = new EngineClient(defaultEndpoint());
    const r = await c.load(COW, "end");
    expect(r.type).toBe("loaded");
    c.dispose();
  });
});
