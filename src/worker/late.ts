/**
 * What the engine worker loads on first use, in one chunk (engine.worker.ts): the predict
 * questions with the rules they cite, the engine's diff (What changed and Compare ask for it
 * only while their list or marks are on: state/changes.ts) and the table and printable view of a
 * state. The default scenario's first paint needs none of them.
 */
import type { DocView } from "../contract/docView";
import type { VmState } from "../engine/types";
import { buildDocView, ROWS_MAX } from "./docView";

export { questionsBetween } from "./questions";
export { diffStates } from "../engine/diff";

/** The table and printable view of a state, `rows` rows a table at most (clamped to 1…ROWS_MAX). */
export function docViewFor(st: VmState, rows: number = ROWS_MAX): DocView {
  return buildDocView(st, Math.max(1, Math.min(ROWS_MAX, Math.trunc(rows))));
}
