/**
 * View state of the zoomable Anon layer: which mapping and rows it shows, the visible page
 * range (written by the d3-zoom controller) and the latest window the worker sent for it. A
 * store of its own, apart from the app store, because it changes on every zoom frame; panels
 * that follow the zoom (the window's frames in Physical memory, the viewport in Address
 * spaces, linked highlighting) select from it.
 */
import { create } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { samePos } from "../../contract/position";
import { useApp } from "../../state/store";
import type { SegWindow, Snapshot } from "../../contract/wire/protocol";

export interface ZoomState {
  /** `${name}@${first}|${procs}|${pages}`: a new key starts a new view (zoomed out) */
  readonly key: string | null;
  readonly seg: { readonly name: string; readonly first: number } | null;
  readonly procs: readonly string[];
  readonly pages: number;
  /** visible pages [lo, hi), fractional */
  readonly lo: number;
  readonly hi: number;
  /** the slot area's width in CSS pixels */
  readonly areaW: number;
  /** the newest window a `window` request brought */
  readonly win: SegWindow | null;
}

export const ZOOM_START: ZoomState = {
  key: null,
  seg: null,
  procs: [],
  pages: 0,
  lo: 0,
  hi: 0,
  areaW: 0,
  win: null,
};

export const useZoom = create<ZoomState>()(() => ZOOM_START);

export const setZoom = (patch: Partial<ZoomState>): void => useZoom.setState(patch);

export const zoomKey = (
  seg: { name: string; first: number },
  procs: readonly string[],
  pages: number,
): string => `${seg.name}@${seg.first}|${procs.join(",")}|${pages}`;

/** Whether a window answers the view `z` shows at the snapshot's position. */
export function windowFor(
  w: SegWindow | null,
  snap: Snapshot | null,
  z: Pick<ZoomState, "seg" | "procs">,
): boolean {
  if (!w || !snap || !z.seg || w.gen !== snap.gen || !samePos(w.pos, snap.pos)) return false;
  const q = w.query;
  return q.seg.name === z.seg.name && q.seg.first === z.seg.first && q.procs.join(",") === z.procs.join(",");
}

/** The window on screen: the newest of the snapshot's and the last reply's that fits the view. */
export function currentWindow(
  snap: Snapshot | null,
  z: Pick<ZoomState, "seg" | "procs" | "win">,
): SegWindow | null {
  const a = snap?.window ?? null;
  const b = z.win;
  const okA = windowFor(a, snap, z);
  const okB = windowFor(b, snap, z);
  if (okA && okB) return a!.seq >= b!.seq ? a : b;
  return okA ? a : okB ? b : null;
}

const selWin = (s: ZoomState) => ({ seg: s.seg, procs: s.procs, win: s.win });

/** The window on screen, for components (does not re-render on every zoom frame). */
export function useViewWindow(): SegWindow | null {
  const snap = useApp((s) => s.engine.snapshot);
  const z = useZoom(useShallow(selWin));
  return currentWindow(snap, z);
}
