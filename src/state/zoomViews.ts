/**
 * The zoomed views as the engine hears of them: per view (by key) the question it last asked,
 * and the newest window answering it. The engine remembers no view, so this is where views
 * live between requests: a move (load, seek) carries the questions of the views whose window
 * must be the position's own (ClientOptions.views), and the windows that come back with a
 * snapshot are kept here in the same task, so both are drawn in one frame.
 */
import { create } from "zustand";
import { samePos } from "../contract/position";
import type { Position, Snapshot, ViewQuery, ViewWindow } from "../contract/wire/protocol";

export interface Asked {
  readonly query: ViewQuery;
  /** the view draws only a window of the snapshot's own position (it travels with moves) */
  readonly own: boolean;
}

export interface ZoomViews {
  readonly asked: Readonly<Record<string, Asked>>;
  readonly windows: Readonly<Record<string, ViewWindow>>;
}

export const useZoomViews = create<ZoomViews>()(() => ({ asked: {}, windows: {} }));

/** Whether something taken at (gen, pos) was taken at the snapshot's position. */
export const takenAt = (
  w: { readonly gen: number; readonly pos: Position } | null | undefined,
  snap: Snapshot | null,
): boolean => !!w && !!snap && w.gen === snap.gen && samePos(w.pos, snap.pos);

/**
 * Whether window a should replace b, the one held for its view: the one taken at the
 * snapshot's position wins, else the newer (a reply about the last position may land after
 * the snapshot of the next one).
 */
export function replaces(a: ViewWindow, b: ViewWindow | undefined, snap: Snapshot | null): boolean {
  if (!b) return true;
  const here = takenAt(a.window, snap);
  if (here !== takenAt(b.window, snap)) return here;
  return a.window.seq >= b.window.seq;
}

/** Keep the windows a reply brought, `snap` being the snapshot on screen once they are drawn. */
export function keepWindows(ws: readonly ViewWindow[] | undefined, snap: Snapshot | null): void {
  if (!ws?.length) return;
  const held = useZoomViews.getState().windows;
  const asked = useZoomViews.getState().asked;
  // a late answer for a view that has gone is not kept
  const take = ws.filter((w) => Object.hasOwn(held, w.key) || Object.hasOwn(asked, w.key));
  const next = { ...held };
  for (const w of take) if (replaces(w, next[w.key], snap)) next[w.key] = w;
  useZoomViews.setState({ windows: next });
}

/** A view asks its question: the moves from now on carry it if `own`. */
export function askView(query: ViewQuery, own: boolean): void {
  const asked = useZoomViews.getState().asked;
  useZoomViews.setState({ asked: { ...asked, [query.key]: { query, own } } });
}

/** A view left the screen, or needs no window (zoomed out): forget its question and window. */
export function dropView(key: string): void {
  const { asked, windows } = useZoomViews.getState();
  if (!Object.hasOwn(asked, key) && !Object.hasOwn(windows, key)) return;
  const { [key]: _a, ...a } = asked;
  const { [key]: _w, ...w } = windows;
  useZoomViews.setState({ asked: a, windows: w });
}

/** The questions a move carries: those of the views whose window must be the position's own. */
export const movingViews = (): ViewQuery[] =>
  Object.values(useZoomViews.getState().asked)
    .filter((a) => a.own)
    .map((a) => a.query);
