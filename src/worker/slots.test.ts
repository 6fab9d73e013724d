import { describe, expect, it } from "vitest";
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, stateAt } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { closeUpEnd, swapUseSource, visibleSlots } from "../ui/layout/slotStrip";
import { axisCounts, axisSource, stripColumns } from "../ui/layout/zoomStrip";
import {
  PROTOCOL_VERSION,
  SS_FREE,
  SS_LABEL,
  SS_USED,
  SUMMARY_STRIDE,
  transferables,
  type Reply,
} from "../contract/wire/protocol";
import { buildSlotWindow } from "./slots";
import { buildSnapshot } from "./snapshot";
import { anonIn } from "../contract/wire/tables";

// slots 1-300 written out (their frames reused at once), then two holes paged back in; a fork
// shares some of the anons
const TEXT = `machine arch=x86 ram=2000 swap=5000
spawn P1 empty
P1 mmap buf /dev/zero 400 rw private
P1 write buf 0-399
P1 fork P2
pageout P1 buf 0-299 reuse
P1 write buf 10-19
P2 read buf 200-209
P1 write buf 250-259
`;

function atEnd() {
  const r = parseScenario(TEXT);
  if (!r.ok) throw new Error("parse");
  const tl = buildTimeline(r.scenario);
  const pos = { step: tl.steps.length, event: -1 };
  return { st: stateAt(tl, pos), tl, pos };
}

describe("slot windows", () => {
  const { st, tl, pos } = atEnd();
  const doc = buildDoc(st, tl.steps);
  const snap = buildSnapshot(st, 1, pos);
  /** slot → anon id, as the document says */
  const want = new Map(
    doc.anons.filter((a) => a.swapSlot !== null).map((a) => [a.swapSlot!, Number(a.id.slice(5))]),
  );
  const total = doc.swap.deviceSlots + 1;

  it("the scenario leaves holes on the device", () => {
    expect(doc.swap.deviceSlotsUsed).toBe(want.size);
    expect(want.size).toBeGreaterThan(200);
    expect(want.size).toBeLessThan(300);
  });

  it("one by one, every slot holds the anon the document names, slot 0 is the label", () => {
    const w = buildSlotWindow(st, 1, pos, 7, { from: 0, count: 400, cells: 400 });
    expect(w.detail.kind).toBe("slots");
    if (w.detail.kind !== "slots") return;
    for (let s = 0; s < 400; s++) {
      const a = w.detail.anon[s]!;
      expect([s, a]).toEqual([s, want.get(s) ?? 0]);
      expect([s, w.detail.state[s]]).toEqual([s, s === 0 ? SS_LABEL : a ? SS_USED : SS_FREE]);
      // the anons travel with their records, for the linked highlighting
      if (a) expect(anonIn(w.anons, a)?.swapSlot).toBe(s);
    }
  });

  it("bucketed over the whole device, the counts sum to the slots in use (snapshot and document)", () => {
    const w = buildSlotWindow(st, 1, pos, 7, { from: 0, count: total, cells: 37 });
    expect(w.detail.kind).toBe("summary");
    const n = axisCounts(w);
    expect(n.reduce((a, b) => a + b, 0)).toBe(total);
    expect(n[SS_USED]).toBe(doc.swap.deviceSlotsUsed);
    expect(n[SS_USED]).toBe(snap.swapUse.used);
    expect(n[SS_LABEL]).toBe(1);
    // the snapshot's buckets say the same
    const fb = swapUseSource(snap.swapUse, total);
    let used = 0;
    let label = 0;
    for (let b = 0; b * fb.per < total; b++) {
      used += fb.counts![b * SUMMARY_STRIDE + SS_USED]!;
      label += fb.counts![b * SUMMARY_STRIDE + SS_LABEL]!;
    }
    expect([used, label]).toEqual([doc.swap.deviceSlotsUsed, 1]);
  });

  it("a window in the middle of the device is clamped and its anons are the document's", () => {
    const w = buildSlotWindow(st, 1, pos, 7, { from: total - 10, count: 100, cells: 100 });
    expect([w.from, w.count]).toEqual([total - 10, 10]);
    const mid = buildSlotWindow(st, 1, pos, 7, { from: 5, count: 30, cells: 30 });
    const cells = visibleSlots(mid, 8.5, 24.5, 100, 320)!;
    expect(cells.map((c) => c.slot)).toEqual(Array.from({ length: 17 }, (_, k) => 8 + k));
    expect(cells.map((c) => c.anon)).toEqual(cells.map((c) => want.get(c.slot) ?? 0));
    expect(cells[0]!.x).toBeCloseTo(100 - 0.5 * 20);
    expect(visibleSlots(mid, 0, 10, 0, 320)).toBeNull();
  });

  it("strip columns mark a column in use when any of its slots is", () => {
    const w = buildSlotWindow(st, 1, pos, 7, { from: 0, count: total, cells: 500 });
    const fromSnap = stripColumns([swapUseSource(snap.swapUse, total)], 0, total, 500).state;
    const fromWin = stripColumns([axisSource(w)], 0, total, 500).state;
    // slots 1-300 of ~5,000: the first columns are in use, the last ones free
    expect(fromWin[0]).toBe(SS_USED);
    expect(fromWin[fromWin.length - 1]).toBe(SS_FREE);
    expect(fromSnap[0]).toBe(SS_USED);
    expect(fromSnap[fromSnap.length - 1]).toBe(SS_FREE);
  });

  it("a views reply with a slot window transfers its buffers", () => {
    const w = buildSlotWindow(st, 1, pos, 7, { from: 0, count: 50, cells: 50 });
    const r: Reply = {
      v: PROTOCOL_VERSION,
      type: "views",
      id: 1,
      seq: 7,
      views: [{ key: "s", kind: "slots", window: w }],
    };
    const bufs = transferables(r);
    if (w.detail.kind !== "slots") throw new Error("per slot");
    expect(bufs).toContain(w.detail.anon.buffer);
    expect(bufs).toContain(w.detail.state.buffer);
    expect(bufs).toContain(w.anons.refcnt.buffer);
  });
});

describe("the close-up of a few slots", () => {
  it("opens on the first slots when each fits as a box, else shows the whole device", () => {
    expect(closeUpEnd(0, 400)).toBe(0);
    // slot 1 in use: slots 0-2, the fewest the deepest zoom shows
    expect(closeUpEnd(1, 333)).toBe(3);
    // five boxes of at least FRAME_BOX_MIN (96) each
    expect(closeUpEnd(3, 480)).toBe(5);
    expect(closeUpEnd(3, 470)).toBe(0);
    expect(closeUpEnd(40, 333)).toBe(0);
  });
});
