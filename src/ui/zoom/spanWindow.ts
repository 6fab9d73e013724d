/**
 * Keeping a window of a zoomable axis (frames by pfn, one process's pages of a mapping) in
 * step with a view that zooms on its own: when the window at hand does not cover the visible
 * range sharply enough, or was taken at another position, ask the worker for one around it.
 * One request in flight per view; the latest view wins. While a new one travels, the last one
 * of the same timeline still draws (`fresh` says whether it is the position's own).
 */
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { samePos } from "../../contract/position";
import { useApp } from "../../state/store";
import {
  WINDOW_CELLS_MAX,
  type Position,
  type SegSummary,
  type Snapshot,
} from "../../contract/wire/protocol";
import { spanFits, wantedSpan, type Span } from "./span";

export interface Taken {
  readonly gen: number;
  readonly pos: Position;
  readonly seq: number;
}

/** What a window covers: items [from, from + count), `per` a cell. */
export type Cover = { readonly from: number; readonly count: number; readonly per: number };

/** Whether w was taken at the snapshot's position. */
export const takenAt = (w: Taken | null, snap: Snapshot | null): boolean =>
  !!w && !!snap && w.gen === snap.gen && samePos(w.pos, snap.pos);

export interface SpanView<W> {
  readonly lo: number;
  readonly hi: number;
  readonly areaW: number;
  /** items on the axis */
  readonly total: number;
  /** false: the snapshot's summary is enough, ask for nothing */
  readonly wanted: boolean;
  readonly fetch: (s: Span) => Promise<W | null>;
  readonly cover: (w: W) => Cover;
}

export function useSpanWindow<W extends Taken>(v: SpanView<W>): { win: W | null; fresh: boolean } {
  const snap = useApp((s) => s.engine.snapshot);
  const [win, setWin] = useState<W | null>(null);
  const view = useRef({ v, win });
  const busy = useRef(false);
  const alive = useRef(true);
  useLayoutEffect(() => {
    view.current = { v, win };
  });
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const { lo, hi, areaW, total, wanted } = v;
  useEffect(() => {
    const sync = (): void => {
      const s = useApp.getState().engine.snapshot;
      const { v: cur, win: w } = view.current;
      if (busy.current || !s || !alive.current || cur.areaW <= 0 || !cur.wanted) return;
      if (w && takenAt(w, s) && spanFits(cur.cover(w), cur.lo, cur.hi, cur.total, cur.areaW)) return;
      busy.current = true;
      void cur
        .fetch(wantedSpan(cur.lo, cur.hi, cur.total, cur.areaW, WINDOW_CELLS_MAX))
        .then((got) => {
          if (!got || !alive.current) return;
          view.current = { ...view.current, win: got };
          setWin((old) => (!old || got.seq > old.seq ? got : old));
        })
        .finally(() => {
          busy.current = false;
          sync();
        });
    };
    sync();
  }, [snap, lo, hi, areaW, total, wanted]);

  const usable = win && snap && win.gen === snap.gen ? win : null;
  return { win: usable, fresh: takenAt(usable, snap) };
}

/** A window of one axis (frames by pfn, swap slots by number): one by one or in buckets. */
export interface AxisWindow extends Taken {
  readonly from: number;
  readonly count: number;
  readonly detail: { readonly kind: "frames" | "slots" } | SegSummary;
}

const axisCover = (w: AxisWindow): Cover => ({
  from: w.from,
  count: w.count,
  per: w.detail.kind === "summary" ? w.detail.pagesPerBucket : 1,
});

/** The window of one axis a zoomable strip draws, asked for with `fetch`. */
export function useAxisWindow<W extends AxisWindow>(
  lo: number,
  hi: number,
  areaW: number,
  total: number,
  fetch: (s: Span) => Promise<W | null>,
): { win: W | null; fresh: boolean } {
  return useSpanWindow({ lo, hi, areaW, total, wanted: true, fetch, cover: axisCover });
}
