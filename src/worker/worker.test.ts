import { afterEach, describe, expect, it, vi } from "vitest";
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, stateAt } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { defaultEndpoint, EngineClient, inProcessEndpoint } from "./client";
import { PS_SHARED, SUMMARY_STRIDE, transferables, type Reply, type Snapshot } from "./protocol";
import { createSession } from "./session";
import { buildSnapshot, SEG_DETAIL_MAX } from "./snapshot";

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

describe("session", () => {
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
