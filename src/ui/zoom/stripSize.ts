/**
 * A zoomable strip's geometry, apart from its zoom code (loaded when a strip is first shown): a
 * panel sizes itself with these before that. Design pixels, times the unit u.
 */

/** Margin left and right of the strip, its tick band and its lane (a box of four 12 px lines fits). */
export const STRIP_PAD = 8;
export const STRIP_TICK_H = 16;
export const STRIP_LANE_H = 64;
/** The surface's height over a lane `laneH` high (CSS pixels, at unit u). */
export const stripSurfaceH = (laneH: number, u = 1): number => STRIP_TICK_H * u + laneH + 2 * u;
/** The swap device's lane: a slot box names itself in three lines (slot, anon, swapfs offset). */
export const SWAP_LANE_H = 50;
