import { describe, expect, it } from "vitest";
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, stateAt } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { frameCounts, physSource, visibleFrames } from "../ui/layout/frameStrip";
import { stripColumns } from "../ui/layout/zoomStrip";
import { buildFrameWindow } from "./frames";
import { FS_ANON, FS_CACHED, FS_FILE, FS_FREE, FS_SHARED } from "../contract/wire/protocol";
import { buildSnapshot } from "./snapshot";
import { frameIn } from "../contract/wire/tables";

// anon pages shared by a fork, a child's copy, a mapped file page and one left on the cachelist
const TEXT = `machine arch=x86 ram=600 swap=1000
file /data/f 4
spawn P1 empty
P1 mmap buf /dev/zero 40 rw private
P1 write buf 0-39
P1 mmap f /data/f 2 r private
P1 read f 0-1
P1 fork P2
P2 write buf 3-5
P1 munmap f
`;

function stateAtEnd() {
  const r = parseScenario(TEXT);
  if (!r.ok) throw new Error("parse");
  const tl = buildTimeline(r.scenario);
  const pos = { step: tl.steps.length, event: -1 };
  return { st: stateAt(tl, pos), tl, pos };
}

describe("frame windows", () => {
  const { st, tl, pos } = stateAtEnd();
  const snap = buildSnapshot(st, 1, pos);
  const doc = buildDoc(st, tl.steps);
  const refcnt = new Map(doc.anons.map((a) => [a.id, a.refcnt]));
  const anonOf = new Map(doc.anons.filter((a) => a.frame).map((a) => [a.frame!, a.id]));
  const want = new Map(
    doc.frames.map((f) => {
      const shared = f.vnode === "swapfs" && (refcnt.get(anonOf.get(f.id) ?? "") ?? 0) > 1;
      return [f.pfn, f.vnode === "swapfs" ? (shared ? FS_SHARED : FS_ANON) : f.cached ? FS_CACHED : FS_FILE];
    }),
  );

  it("bucketed over all of RAM, counts what the engine holds (snapshot and document)", () => {
    const w = buildFrameWindow(st, 1, pos, 1, { from: 0, count: st.ramPages, cells: 7 });
    expect(w.detail.kind).toBe("summary");
    const n = frameCounts(w);
    expect(n.reduce((a, b) => a + b, 0)).toBe(st.ramPages);
    expect(n[FS_ANON]! + n[FS_SHARED]!).toBe(snap.phys.anon);
    expect(n[FS_FILE]! + n[FS_CACHED]!).toBe(snap.phys.file);
    expect(n[FS_CACHED]).toBe(snap.phys.cached);
    expect(n[FS_FREE]).toBe(st.ramPages - snap.phys.used);
    expect(n[FS_SHARED]).toBe([...want.values()].filter((s) => s === FS_SHARED).length);
    expect(n[FS_CACHED]).toBeGreaterThan(0);
    expect(n[FS_SHARED]).toBeGreaterThan(0);
    expect(n[FS_ANON]).toBeGreaterThan(0);
  });

  it("frame by frame, names each frame's page as the document does", () => {
    const w = buildFrameWindow(st, 1, pos, 1, { from: 0, count: 64, cells: 64 });
    if (w.detail.kind !== "frames") throw new Error("per frame");
    for (let k = 0; k < w.count; k++) {
      const id = w.detail.page[k]!;
      const f = doc.frames.find((x) => x.pfn === k);
      expect(id ? `pp:${id}` : undefined).toBe(f?.id);
      expect(w.detail.state[k]).toBe(want.get(k) ?? FS_FREE);
      if (id) expect(frameIn(w.frames, id)?.pfn).toBe(k);
    }
  });

  it("the snapshot's pfn buckets colour the same columns zoomed out (anon or file)", () => {
    const fallback = physSource(snap.phys, st.ramPages);
    const cols = stripColumns([fallback], 0, st.ramPages, 60).state;
    // frames 0.. hold pages (allocated first), the end of RAM is free
    expect(cols[0]).not.toBe(FS_FREE);
    expect(cols[59]).toBe(FS_FREE);
  });

  it("visibleFrames places the frames of the view and refuses what the window lacks", () => {
    const w = buildFrameWindow(st, 1, pos, 1, { from: 10, count: 20, cells: 20 });
    const cells = visibleFrames(w, 12.5, 16.5, 100, 400)!;
    expect(cells.map((c) => c.pfn)).toEqual([12, 13, 14, 15, 16]);
    expect(cells[1]!.x).toBeCloseTo(100 + 0.5 * 100);
    expect(cells[1]!.w).toBeCloseTo(100);
    expect(visibleFrames(w, 5, 9, 0, 400)).toBeNull();
    const bucketed = buildFrameWindow(st, 1, pos, 1, { from: 0, count: 600, cells: 10 });
    expect(visibleFrames(bucketed, 0, 4, 0, 400)).toBeNull();
  });
});
