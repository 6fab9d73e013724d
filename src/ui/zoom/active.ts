/**
 * The zoom controller of the view on screen, for controls that live outside it (the Anon
 * layer's header buttons). One zoomable view exists at a time.
 */
import type { ZoomController } from "./controller";
import { useZoom } from "./store";
import { stepFactor } from "./step";

let active: ZoomController | null = null;

export const setActiveZoom = (c: ZoomController | null): void => {
  active = c;
};

/**
 * Views (pages across) where the buttons and keys stop on the way: eight pages, where single
 * slots first name their anons at 1366×768, before the deepest view (four, names across).
 */
const ZOOM_STOPS: readonly number[] = [8];

const view = (): number => {
  const z = useZoom.getState();
  return Math.max(1e-9, z.hi - z.lo);
};

/** Zoom steps of the buttons and keys: ×4 in or out (to a stop on the way), a third of the view sideways. */
export const zoomIn = (): void => active?.zoomBy(stepFactor(view(), ZOOM_STOPS, true));
export const zoomOut = (): void => active?.zoomBy(stepFactor(view(), ZOOM_STOPS, false));
export const zoomFit = (): void => active?.reset();
export const zoomShow = (lo: number, hi: number): void => active?.show(lo, hi);
