import type { EventRefs } from "./events";

/**
 * One thing that differs between two states, said the way a student reads the picture:
 * `an_refcnt anon:3 2→1`, `P2 buf[1] → anon:6 (was anon:3)`, `pp:6 created (swapfs, 0x6000)`.
 * `refs` names the objects the item is about, so the UI can mark them in the diagrams.
 */
export interface Change {
  readonly kind: ChangeKind;
  readonly text: string;
  readonly refs: EventRefs;
  /**
   * The figures of a tool's output it is about, so the console can mark those cells: swap -s's
   * "allocated", "reserved", "used", "available" and swap -l's "free"; pmap -x's "Kbytes", "RSS",
   * "Anon" (of the row of refs.proc and refs.seg).
   */
  readonly fields?: readonly string[];
}

export type ChangeKind =
  "proc" | "seg" | "slot" | "hat" | "refcnt" | "anon" | "amp" | "page" | "swap" | "pmap";

/** The order a list of changes is read in: what moved in the picture first, the tools' figures last. */
export const KIND_ORDER: readonly ChangeKind[] = [
  "proc",
  "seg",
  "slot",
  "refcnt",
  "anon",
  "amp",
  "page",
  "hat",
  "swap",
  "pmap",
];

export interface Diff {
  readonly items: readonly Change[];
  /** items of each kind beyond the first few, summed up in a line of that kind rather than listed */
  readonly folded: number;
}

/** Changes listed, and how many more were folded into summary lines. */
export interface Part {
  readonly items: Change[];
  readonly folded: number;
}
