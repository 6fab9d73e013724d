/**
 * A zoomable strip's geometry, apart from its zoom code (loaded when a strip is first shown): a
 * panel sizes itself with these before that.
 */

/** Margin left and right of the strip, its tick band and its lane (a box of four lines fits). */
export const STRIP_PAD = 8;
export const STRIP_TICK_H = 14;
export const STRIP_LANE_H = 60;
/** The surface's height over a lane `laneH` high. */
export const stripSurfaceH = (laneH: number): number => STRIP_TICK_H + laneH + 2;
/** The swap device's lane: a slot box names itself in three lines (slot, anon, swapfs offset). */
export const SWAP_LANE_H = 46;
