/** The shapes the Anon layer's layout produces and its drawing code reads (detail, grid, zoom). */
import type { Box } from "./links";

export interface AnonRowIn {
  readonly proc: string;
  /**
   * The process's place in creation order (snapshot.procs index): it decides the row's side of
   * the anon band, so a new process never moves another to the other side.
   */
  readonly order?: number;
  readonly pages: number;
  /** anon id per page (0 = empty slot), or null when only a summary is known */
  readonly slots: ArrayLike<number> | null;
}

export type AnonMode = "detail" | "grid" | "density";

export interface CellBox extends Box {
  readonly i: number;
}

/** How much a row draws: "full" names each slot's anon and its translation; "compact" colours them. */
export type RowLevel = "full" | "compact";
/** The chain card: three lines (segvn_data → anon_map → anon_hdr) or one ("P1 → amp:2"). */
export type CardLevel = "full" | "compact";

export interface RowLayout {
  readonly proc: string;
  readonly above: boolean;
  readonly card: Box;
  readonly cardLevel: CardLevel;
  /** where the slot cells (or the strip) go */
  readonly area: Box;
  readonly cells: CellBox[];
  /** the part of each cell that is the slot pointer; the rest shows the translation */
  readonly slotH: number;
  readonly hatH: number;
  readonly level: RowLevel;
  /** where this row's page numbers go: on its outer side, or none (rows between others) */
  readonly labels: "above" | "below" | null;
}

/**
 * An anon box: "full" (anon:N ×r, its swapfs name, where its page is), "compact" (anon:N ×r
 * and where its page is), "narrow" (anon:N, ×r, pp:F on three short lines), "line" (anon:N ×r), "name" (anon:N
 * alone), "upright" (anon:N turned on its side in a tall thin box) or "tiny" (no text). Below "narrow" the box's colours say the rest (shared or not,
 * page in memory or on swap) and the panel says so.
 */
export type AnonLevel = "full" | "compact" | "narrow" | "line" | "name" | "upright" | "tiny";

export interface AnonBox extends Box {
  readonly id: number;
  readonly level: AnonLevel;
}

export interface SlotLink {
  readonly row: number;
  readonly i: number;
  readonly anon: number;
  readonly d: string;
}

export interface AnonLayout {
  readonly mode: AnonMode;
  readonly rows: RowLayout[];
  readonly anons: AnonBox[];
  readonly links: SlotLink[];
  readonly band: Box;
  readonly width: number;
  readonly height: number;
  /** the drawing unit the geometry was made for (font sizes are design sizes times it) */
  readonly u: number;
}
