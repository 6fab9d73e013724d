/**
 * A window of the swap device for the zoomed Swap view: slots by number, one by one while they
 * fit the view's cells (with the anon each holds, and those anons' records for the linked
 * highlighting), else bucketed. A slot is in use when a live anon names it (an_pslot), as
 * swap -l and the snapshot's swapUse count them; slot 0 is the device label.
 */
import type { VmState } from "../engine/types";
import { bucketSummary, clampSpan } from "./buckets";
import {
  SS_FREE,
  SS_LABEL,
  SS_USED,
  type Position,
  type SlotQuery,
  type SlotWindow,
} from "../contract/wire/protocol";
import { anonTable } from "./records";

/** fn(slot, anon) for every live anon whose device slot lies in [from, from + count). */
function eachHeld(st: VmState, from: number, count: number, fn: (slot: number, anon: number) => void): void {
  const an = st.anon;
  for (let a = 1; a < an.next; a++) {
    const s = an.an_pslot[a]!;
    if (s >= from && s < from + count && s > 0 && an.an_refcnt[a]! > 0) fn(s, a);
  }
}

/** Slots [q.from, q.from + q.count) at one position, per slot when they fit q.cells. */
export function buildSlotWindow(
  st: VmState,
  gen: number,
  pos: Position,
  seq: number,
  q: SlotQuery,
): SlotWindow {
  const { from, count, cells } = clampSpan(q, st.swapPages);
  const head = { gen, pos, seq, query: q, from, count };
  if (count <= cells) {
    const anon = new Int32Array(count);
    const state = new Uint8Array(count).fill(SS_FREE);
    const held = new Set<number>();
    if (from === 0 && count > 0) state[0] = SS_LABEL;
    eachHeld(st, from, count, (s, a) => {
      anon[s - from] = a;
      state[s - from] = SS_USED;
      held.add(a);
    });
    return { ...head, detail: { kind: "slots", anon, state }, anons: anonTable(st, held) };
  }
  const detail = bucketSummary(count, cells, SS_FREE, (add) => {
    if (from === 0) add(0, SS_LABEL);
    eachHeld(st, from, count, (s) => add(s - from, SS_USED));
  });
  return { ...head, detail, anons: anonTable(st, new Set()) };
}
