/**
 * The zoomed Anon layer's geometry: design sizes, and where each process's row block (chunk
 * track, labels, translation lane, slot lane, card) and the anon band lie in the view.
 */
import { sides } from "./anonLayer";
import type { Box } from "./links";
import { LH, LH_NAME } from "./type";

/** Design sizes (times u on screen). */
export const ZOOM = {
  pad: 8,
  cardW: 186,
  cardGap: 14,
  chunkH: 15,
  chunkGap: 2,
  labelH: 15,
  hatH: 12,
  slotH: 20,
  rowGap: 10,
  bandMin: 24,
  bandMax: 140,
  linkGapMax: 24,
  linkGapMin: 12,
} as const;

/** The card's four lines need this much height. */
const CARD_H = LH_NAME + 3 * LH + 6;

/** Height of one row block (design): chunk track, gap, labels, translation lane, slot lane. */
const ZOOM_ROW_DESIGN = ZOOM.chunkH + ZOOM.chunkGap + ZOOM.labelH + ZOOM.hatH + ZOOM.slotH;

/** Narrowest slot cell (design) drawn one by one; wider views stay a strip. */
const SLOT_CELL_MIN = 16;
/**
 * The fewest pages a view may zoom into (at the deepest zoom, this many fill the area): at
 * 1366×768 a box names its anon and an_refcnt in full ("anon:131070 ×2") even with six digits.
 */
export const ZOOM_MIN_PAGES = 4;

export interface ZoomRow {
  readonly proc: string;
  readonly above: boolean;
  /** rows between this one and the band */
  readonly dist: number;
  readonly card: Box;
  /** top of the row block */
  readonly top: number;
  readonly chunkY: number;
  /** the label band (page numbers) */
  readonly labelY: number;
  readonly hatY: number;
  readonly slotY: number;
}

/** Lane heights in CSS pixels (the design sizes times u). */
export interface ZoomMetrics {
  readonly chunkH: number;
  readonly labelH: number;
  readonly hatH: number;
  readonly slotH: number;
  readonly rowH: number;
}

export interface ZoomGeom {
  readonly width: number;
  readonly height: number;
  /** the slot area: every row's lanes span [x0, x0 + areaW] */
  readonly x0: number;
  readonly areaW: number;
  readonly rows: readonly ZoomRow[];
  readonly band: Box;
  readonly linkGap: number;
  readonly m: ZoomMetrics;
  readonly u: number;
}

/**
 * Geometry for `procs` rows (with their creation order) in a width × height box (the height is
 * a wish: rows never shrink). Rows take the sides of the detail view: the first process above
 * the band, the second below, and so on outwards.
 */
export function zoomGeometry(
  procs: readonly string[],
  width: number,
  height: number,
  u = 1,
  order?: readonly number[],
): ZoomGeom {
  const o = ZOOM;
  const m: ZoomMetrics = {
    chunkH: o.chunkH * u,
    labelH: o.labelH * u,
    hatH: o.hatH * u,
    slotH: o.slotH * u,
    rowH: Math.max(ZOOM_ROW_DESIGN, CARD_H) * u,
  };
  const side = sides(procs.map((proc, i) => ({ proc, order: order?.[i] ?? i, pages: 0, slots: null })));
  const nAbove = side.filter((x) => x.above).length;
  const nBelow = procs.length - nAbove;
  const gap = o.rowGap * u;
  const sideH = (n: number): number => (n ? n * m.rowH + (n - 1) * gap : 0);
  const gaps = (nAbove ? 1 : 0) + (nBelow ? 1 : 0);
  const free = height - 2 * o.pad * u - sideH(nAbove) - sideH(nBelow);
  const linkGap = Math.max(
    o.linkGapMin * u,
    Math.min(o.linkGapMax * u, (free - o.bandMin * u) / Math.max(1, gaps) / 2),
  );
  const bandH = Math.max(o.bandMin * u, Math.min(o.bandMax * u, free - gaps * linkGap));
  const x0 = (o.pad + o.cardW + o.cardGap) * u;
  const areaW = Math.max(60 * u, width - x0 - o.pad * u);
  const top = o.pad * u;
  const bandY = top + sideH(nAbove) + (nAbove ? linkGap : 0);
  const belowY = bandY + bandH + linkGap;
  const pad = (m.rowH - ZOOM_ROW_DESIGN * u) / 2;
  const rows: ZoomRow[] = procs.map((proc, i) => {
    const { above, dist } = side[i]!;
    const t = above ? top + (nAbove - 1 - dist) * (m.rowH + gap) : belowY + dist * (m.rowH + gap);
    const card = { x: o.pad * u, y: t, w: o.cardW * u, h: m.rowH };
    if (above) {
      const chunkY = t + pad;
      const labelY = chunkY + m.chunkH + o.chunkGap * u;
      const hatY = labelY + m.labelH;
      return { proc, above, dist, card, top: t, chunkY, labelY, hatY, slotY: hatY + m.hatH };
    }
    const slotY = t + pad;
    const hatY = slotY + m.slotH;
    const labelY = hatY + m.hatH;
    return {
      proc,
      above,
      dist,
      card,
      top: t,
      chunkY: labelY + m.labelH + o.chunkGap * u,
      labelY,
      hatY,
      slotY,
    };
  });
  const bottom = nBelow ? belowY + sideH(nBelow) : bandY + bandH;
  return {
    width,
    height: bottom + o.pad * u,
    x0,
    areaW,
    rows,
    band: { x: x0, y: bandY, w: areaW, h: bandH },
    linkGap,
    m,
    u,
  };
}

/** Whether the view is close enough to draw single slots (cells at least SLOT_CELL_MIN wide). */
export const showsSlots = (g: Pick<ZoomGeom, "areaW" | "u">, lo: number, hi: number): boolean =>
  (hi - lo) * SLOT_CELL_MIN * g.u <= g.areaW;
