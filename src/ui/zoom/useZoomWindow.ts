/**
 * The one hook that keeps a zoomed view's window in step with the zoom and the position (every
 * zoomed view uses it: the Anon layer, the Address spaces strips, Physical memory, Swap). When
 * the window at hand does not cover the visible items sharply at the snapshot's position, it
 * asks the engine for one around them (a `views` request); one request in flight per view, the
 * latest view wins. Its question is kept in state/zoomViews.ts, so a move carries an `own`
 * view's question and brings its window with the snapshot, in the same frame.
 */
import { useEffect, useLayoutEffect, useRef } from "react";
import { requestViews } from "../../state/queries";
import { useApp } from "../../state/store";
import { askView, dropView, useZoomViews } from "../../state/zoomViews";
import type { Span } from "./span";
import {
  planWindow,
  usableWindow,
  type Cover,
  type ViewKind,
  type WindowOf,
  type ZoomView,
} from "./zoomWindow";

const heldOf = <K extends ViewKind>(key: string, kind: K): WindowOf<K> | null => {
  const w = useZoomViews.getState().windows[key];
  return (w && w.kind === kind ? w.window : null) as WindowOf<K> | null;
};

export function useZoomWindow<K extends ViewKind>(
  v: ZoomView<K>,
): { win: WindowOf<K> | null; fresh: boolean } {
  const snap = useApp((s) => s.engine.snapshot);
  const held = useZoomViews((s) => s.windows[v.key]);
  const view = useRef(v);
  const busy = useRef(false);
  const alive = useRef(true);
  useLayoutEffect(() => {
    view.current = v;
  });
  const { key, lo, hi, areaW, total, wanted } = v;
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      dropView(key);
    };
  }, [key]);

  useEffect(() => {
    const sync = (): void => {
      const cur = view.current;
      const s = useApp.getState().engine.snapshot;
      if (busy.current || !s || !alive.current || cur.areaW <= 0) return;
      const plan = planWindow(cur, heldOf(cur.key, cur.kind), s);
      if (plan.kind === "drop") dropView(cur.key);
      if (plan.kind !== "ask") return;
      askView(plan.query, cur.own);
      busy.current = true;
      void requestViews([plan.query]).finally(() => {
        busy.current = false;
        sync();
      });
    };
    sync();
  }, [snap, held, key, lo, hi, areaW, total, wanted]);

  const w = (held && held.kind === v.kind ? held.window : null) as WindowOf<K> | null;
  return usableWindow(w, snap, v.own);
}

const axisCover = (w: WindowOf<"frames" | "slots">): Cover[] => [
  { from: w.from, count: w.count, per: w.detail.kind === "summary" ? w.detail.pagesPerBucket : 1 },
];
const whole = (s: Span): Span => s;

/**
 * The window of one axis a zoomable strip draws (frames by pfn, swap slots by number), asked
 * for at every zoom: `key` names the axis.
 */
export function useAxisWindow<K extends "frames" | "slots">(
  kind: K,
  key: string,
  lo: number,
  hi: number,
  areaW: number,
  total: number,
): { win: WindowOf<K> | null; fresh: boolean } {
  return useZoomWindow<K>({
    key: `${kind}:${key}`,
    kind,
    own: false,
    lo,
    hi,
    areaW,
    total,
    wanted: true,
    ask: whole as ZoomView<K>["ask"],
    cover: axisCover,
  });
}
