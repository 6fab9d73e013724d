export interface DocTable {
  readonly id: string;
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** a sentence about rows left out, if any */
  readonly note?: string;
}

/** One slot drawn in the printable view's figure: its anon and what the anon holds. */
export interface FigureSlot {
  readonly anon: number;
  readonly refcnt: number;
  readonly swapped: boolean;
}

export interface FigureRow {
  readonly label: string;
  readonly first: number;
  readonly slots: readonly FigureSlot[];
}

export interface DocView {
  readonly tables: readonly DocTable[];
  /** `pmap -x` of each live process (as the real tool prints it) and `swap -s` */
  readonly tools: { readonly pmap: readonly { pid: number; text: string }[]; readonly swapS: string };
  /** segments with an anon_map small enough to draw slot by slot */
  readonly figure: { readonly rows: readonly FigureRow[]; readonly more: number };
  /** how many records the whole JSON document would hold (scenario-format.md §3) */
  readonly records: number;
}
