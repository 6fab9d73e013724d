/**
 * View state of the zoomable Anon layer: which mapping and rows it shows and the visible page
 * range (written by the d3-zoom controller); its window is kept with the other views' in
 * state/zoomViews.ts. A store of its own, apart from the app store, because it changes on
 * every zoom frame; panels that follow the zoom (the window's frames in Physical memory, the
 * viewport in Address spaces, linked highlighting) select from it.
 */
import { create } from "zustand";
import { useApp } from "../../state/store";
import { takenAt, useZoomViews } from "../../state/zoomViews";
import type { SegWindow } from "../../contract/wire/protocol";

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
}

const ZOOM_START: ZoomState = {
  key: null,
  seg: null,
  procs: [],
  pages: 0,
  lo: 0,
  hi: 0,
  areaW: 0,
};

export const useZoom = create<ZoomState>()(() => ZOOM_START);

export const setZoom = (patch: Partial<ZoomState>): void => useZoom.setState(patch);

export const zoomKey = (
  seg: { name: string; first: number },
  procs: readonly string[],
  pages: number,
): string => `${seg.name}@${seg.first}|${procs.join(",")}|${pages}`;

/** The Anon layer's zoomed view as the engine knows it (state/zoomViews.ts), from its zoom key. */
export const anonViewKey = (key: string): string => `anon:${key}`;

/**
 * The zoomed Anon layer's window on screen, for components (does not re-render on every zoom
 * frame): only one taken at the snapshot's position.
 */
export function useViewWindow(): SegWindow | null {
  const snap = useApp((s) => s.engine.snapshot);
  const key = useZoom((s) => s.key);
  const held = useZoomViews((s) => (key === null ? undefined : s.windows[anonViewKey(key)]));
  return held?.kind === "pages" && takenAt(held.window, snap) ? held.window : null;
}
