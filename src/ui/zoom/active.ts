/**
 * The zoom controller of the view on screen, for controls that live outside it (the Anon
 * layer's header buttons). One zoomable view exists at a time.
 */
import type { ZoomController } from "./controller";

let active: ZoomController | null = null;

export const setActiveZoom = (c: ZoomController | null): void => {
  active = c;
};

/** Zoom steps of the buttons and keys: ×4 in or out, a third of the view sideways. */
export const zoomIn = (): void => active?.zoomBy(4);
export const zoomOut = (): void => active?.zoomBy(1 / 4);
export const panLeft = (): void => active?.panBy(-1 / 3);
export const panRight = (): void => active?.panBy(1 / 3);
export const zoomFit = (): void => active?.reset();
export const zoomShow = (lo: number, hi: number): void => active?.show(lo, hi);
