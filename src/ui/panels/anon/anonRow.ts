import type { ProcSnap, SegSnap } from "../../../contract/wire/protocol";

/** One mapping of one process as the Anon layer draws it (AnonDiagram lays the rows out, SlotCells draws their slots). */
export interface Row {
  proc: ProcSnap;
  seg: SegSnap;
  /**
   * The drawn pages' slots when the segment's snapshot has none page by page (a zoomed window
   * of a big mapping): arrays indexed from page index `at`.
   */
  pages?: { at: number; anon: Int32Array; frame: Int32Array; hat: Uint8Array };
}
