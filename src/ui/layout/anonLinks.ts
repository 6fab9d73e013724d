/**
 * The slot → anon arrows of the Anon layer. A slot next to the band points straight at its
 * anon. An arrow that has rows (or a line of anon boxes) between it and its anon never runs
 * through them: it steps sideways into a lane in the gap right of its column, runs down (or up)
 * the lane past them, and comes out where its anon is. Each distance gets its own lane, so
 * arrows from different rows never share one.
 */
import type { Box, Pt } from "./links";

const r = (v: number): number => Math.round(v * 10) / 10;

/** A slot pointer from `from` (the slot's inner edge) to the box, straight when nothing is between. */
export function directLink(from: Pt, to: Pt): string {
  const my = (from.y + to.y) / 2;
  return `M${r(from.x)},${r(from.y)} C${r(from.x)},${r(my)} ${r(to.x)},${r(my)} ${r(to.x)},${r(to.y)}`;
}

export interface LaneRoute {
  /** start: the slot's inner edge, at its middle */
  readonly from: Pt;
  /** x of the lane */
  readonly lane: number;
  /** the row gap where the arrow steps into the lane: its middle y */
  readonly stepY: number;
  /** the target box */
  readonly box: Box;
  /** the box is in the first line the arrow meets: arrive on its near edge, else on its side */
  readonly nearLine: boolean;
  /** y in the link gap where the arrow leaves the lane towards a near-line box */
  readonly outY: number;
  /** +1: the arrow goes down (a row above the band), −1: up */
  readonly dir: 1 | -1;
}

/**
 * An arrow through a lane: a short S into the lane inside the row gap, straight along it, then
 * either an S onto the near edge of its box (the box is in the first line) or a turn into the
 * side of its box (a farther line: the lane runs beside the boxes in front of it).
 */
export function laneLink(o: LaneRoute): string {
  const { from, lane, stepY, box, dir } = o;
  const k = Math.abs(stepY - from.y);
  let d = `M${r(from.x)},${r(from.y)} C${r(from.x)},${r(stepY)} ${r(lane)},${r(stepY)} ${r(lane)},${r(stepY + dir * k)}`;
  if (o.nearLine) {
    const ty = dir > 0 ? box.y : box.y + box.h;
    const tx = box.x + box.w / 2;
    const my = (o.outY + ty) / 2;
    return `${d} L${r(lane)},${r(o.outY)} C${r(lane)},${r(my)} ${r(tx)},${r(my)} ${r(tx)},${r(ty)}`;
  }
  // into the side facing the lane (the lane is right of the column's boxes)
  const cy = box.y + box.h / 2;
  const bend = Math.min(6, Math.abs(lane - (box.x + box.w)) || 6);
  d += ` L${r(lane)},${r(cy - dir * bend)} Q${r(lane)},${r(cy)} ${r(lane - bend)},${r(cy)} L${r(box.x + box.w)},${r(cy)}`;
  return d;
}
