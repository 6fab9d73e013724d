/**
 * What a zoomed view does about its window, given the one at hand and the snapshot on screen
 * (pure; useZoomWindow.ts runs it): nothing while the window covers the visible items sharply
 * at the snapshot's position, else ask for one around them; forget it when the view needs none.
 * Shared by every zoomed view: the Anon layer's mapping, the Address spaces strips, the
 * Physical memory frames and the Swap device's slots.
 */
import { takenAt } from "../../state/zoomViews";
import {
  WINDOW_CELLS_MAX,
  type Snapshot,
  type ViewQuery,
  type ViewWindow,
} from "../../contract/wire/protocol";
import { spanFits, wantedSpan, type Span } from "./span";

export type ViewKind = ViewWindow["kind"];
/** The window a view of kind K draws. */
export type WindowOf<K extends ViewKind> = Extract<ViewWindow, { kind: K }>["window"];

/** What a window covers on the view's axis: items [from, from + count), `per` a cell, of `total`. */
export interface Cover {
  readonly from: number;
  readonly count: number;
  readonly per: number;
  /** the items of this row (a mapping's rows may differ in length); the view's total if absent */
  readonly total?: number;
}

export interface ZoomView<K extends ViewKind> {
  /** names the view (and its answers) to the engine: one axis of one scenario */
  readonly key: string;
  readonly kind: K;
  /**
   * draws only a window of the snapshot's own position (a slot shown must be the position's):
   * its question travels with every move, so the window comes with the snapshot. A view that
   * is not `own` draws the last window of the timeline while the position's own one is asked
   * for after the snapshot lands.
   */
  readonly own: boolean;
  /** visible items [lo, hi) of `total`, over areaW pixels */
  readonly lo: number;
  readonly hi: number;
  readonly areaW: number;
  readonly total: number;
  /** false: the snapshot's summary is enough (e.g. zoomed out): ask for nothing */
  readonly wanted: boolean;
  /** the question of kind K about span s */
  readonly ask: (s: Span) => Extract<ViewQuery, { kind: K }>["query"];
  /** what a window covers, per row */
  readonly cover: (w: WindowOf<K>) => readonly Cover[];
}

export type Plan =
  { readonly kind: "keep" } | { readonly kind: "drop" } | { readonly kind: "ask"; readonly query: ViewQuery };

/** What view v should do, holding window `held` (its latest), with snapshot `snap` on screen. */
export function planWindow<K extends ViewKind>(
  v: ZoomView<K>,
  held: WindowOf<K> | null,
  snap: Snapshot,
): Plan {
  if (!v.wanted) return { kind: "drop" };
  const sharp = (c: Cover): boolean => spanFits(c, v.lo, v.hi, c.total ?? v.total, v.areaW);
  if (held && takenAt(held, snap) && v.cover(held).every(sharp)) return { kind: "keep" };
  const span = wantedSpan(v.lo, v.hi, v.total, v.areaW, WINDOW_CELLS_MAX);
  return { kind: "ask", query: { key: v.key, kind: v.kind, query: v.ask(span) } as ViewQuery };
}

/**
 * The window to draw: an `own` view's only at the snapshot's position, another view's from any
 * position of the snapshot's timeline; `fresh` when it is the position's own.
 */
export function usableWindow<W extends { readonly gen: number; readonly pos: Snapshot["pos"] }>(
  held: W | null,
  snap: Snapshot | null,
  own: boolean,
): { win: W | null; fresh: boolean } {
  const fresh = takenAt(held, snap);
  const win = held && snap && (fresh || (!own && held.gen === snap.gen)) ? held : null;
  return { win, fresh: fresh && win !== null };
}
