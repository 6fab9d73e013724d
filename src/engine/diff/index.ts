import type { VmState } from "../types";
import { KIND_ORDER, type Change, type Diff } from "../../contract/change";
import { diffFigures } from "./figures";
import { diffObjects } from "./objects";
import { diffProcs } from "./procs";

export type { Change, ChangeKind, Diff } from "../../contract/change";

/**
 * What changed from state a to state b, as a list a student reads beside the narration (issue
 * 14's "What changed"). A pure function of the two states: for an event, a is the state before
 * it; for a whole step, before its first event; for Compare, any two positions. Large changes
 * (a fork of a million pages) are folded to a few lines a kind and segment, so the list and
 * its cost stay bounded by the state's size, never by the number of differences.
 */
export function diffStates(a: VmState, b: VmState, keep = 6): Diff {
  const p = diffProcs(a, b, keep);
  const o = diffObjects(a, b, keep);
  const items: Change[] = [...p.items, ...o.items, ...diffFigures(a, b)];
  const rank = (c: Change): number => KIND_ORDER.indexOf(c.kind);
  // a stable sort: within a kind, the order the objects were walked in
  items.sort((x, y) => rank(x) - rank(y));
  return { items, folded: p.folded + o.folded };
}
