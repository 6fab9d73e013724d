/** How far one press of a zoom button or key goes. */

/** Buttons and keys step ×4 in or out. */
export const ZOOM_STEP = 4;

/**
 * The factor of one button step from a view `view` items across: ×4 (÷4 out), unless that would
 * jump over one of `stops` (views, items across, where a level of detail starts): then to it.
 */
export function stepFactor(view: number, stops: readonly number[], into: boolean): number {
  const to = into ? view / ZOOM_STEP : view * ZOOM_STEP;
  const over = stops.filter((s) => (into ? to < s && s < view * 0.999 : view * 1.001 < s && s < to));
  if (!over.length) return into ? ZOOM_STEP : 1 / ZOOM_STEP;
  return view / (into ? Math.max(...over) * 0.999 : Math.min(...over));
}
