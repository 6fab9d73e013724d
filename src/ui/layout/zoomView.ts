import { scaleLinear } from "d3";
import { boxSize, placeAnons, spanOf, type BandAnon, type LabelSpan } from "./anonBand";
import { sides } from "./anonLayer";
import { directLink, laneLink } from "./anonLinks";
import type { AnonBox, AnonLayout, AnonLevel, CellBox, RowLayout, SlotLink } from "./anonTypes";
import type { Box } from "./links";
import { fmt } from "./states";
import { FS, LH, LH_NAME, MONO_EM } from "./type";

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
export const ZOOM_ROW_DESIGN = ZOOM.chunkH + ZOOM.chunkGap + ZOOM.labelH + ZOOM.hatH + ZOOM.slotH;

/** Narrowest slot cell (design) drawn one by one; wider views stay a strip. */
export const SLOT_CELL_MIN = 16;
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

/** Pages [lo, hi) on the area: the x of page index p (fractional), and back. */
export interface PageScale {
  readonly lo: number;
  readonly hi: number;
  x(p: number): number;
  page(x: number): number;
}

export function pageScale(g: Pick<ZoomGeom, "x0" | "areaW">, lo: number, hi: number): PageScale {
  const k = g.areaW / Math.max(1e-9, hi - lo);
  return { lo, hi, x: (p) => g.x0 + (p - lo) * k, page: (x) => lo + (x - g.x0) / k };
}

/**
 * Round page numbers to label [lo, hi) with, about one per 90 pixels of areaW (design pixels),
 * fewer when their labels would run into each other (a phone's narrow strip): the labels at the
 * ends are drawn against the edge, so two need 1.5 labels' width between them.
 */
export function pageTicks(lo: number, hi: number, areaW: number): number[] {
  const scale = scaleLinear().domain([lo, hi]);
  const label = fmt(Math.round(Math.max(Math.abs(lo), Math.abs(hi)))).length * FS * MONO_EM;
  const room = 1.5 * label + 8;
  for (let n = Math.max(2, Math.floor(areaW / 90)); ; n--) {
    const ticks = scale.ticks(n).filter((t) => Number.isInteger(t) && t >= lo && t <= hi);
    const step = ticks.length > 1 ? ((ticks[1]! - ticks[0]!) * areaW) / Math.max(1e-9, hi - lo) : areaW;
    if (step >= room || n <= 1) return ticks;
  }
}

/** Whether the view is close enough to draw single slots (cells at least SLOT_CELL_MIN wide). */
export const showsSlots = (g: Pick<ZoomGeom, "areaW" | "u">, lo: number, hi: number): boolean =>
  (hi - lo) * SLOT_CELL_MIN * g.u <= g.areaW;

export interface SlotRowIn {
  readonly proc: string;
  /** pages in this process's piece of the mapping */
  readonly pages: number;
  /** the anon id in slot i (0 = empty), for the visible pages */
  anonAt(i: number): number;
}

const LEVELS: readonly AnonLevel[] = ["full", "compact", "narrow", "line", "name", "upright"];

/**
 * Single slots of the visible pages as an AnonLayout in detail mode: cells at the scale's
 * positions (those cut by the area's edges included: the caller clips them), the anons they
 * point at in the band's columns (anonBand.ts, as in the detail view) and one arrow per slot.
 * `span`: the longest labels, for the box sizes.
 */
export function zoomSlots(
  g: ZoomGeom,
  rows: readonly SlotRowIn[],
  s: PageScale,
  span: LabelSpan = spanOf(99, 4096, 99),
): AnonLayout {
  const u = g.u;
  const step = s.x(1) - s.x(0);
  const maxDist = Math.max(0, ...g.rows.map((r) => r.dist));
  const i0 = Math.max(0, Math.floor(s.lo));
  const info = new Map<number, { col: number; up: boolean; down: boolean }>();
  rows.forEach((r, ri) => {
    const above = g.rows[ri]!.above;
    const i1 = Math.min(r.pages, Math.ceil(s.hi));
    for (let i = i0; i < i1; i++) {
      const a = r.anonAt(i);
      if (!a) continue;
      const e = info.get(a) ?? { col: i, up: false, down: false };
      e.col = Math.min(e.col, i);
      if (above) e.up = true;
      else e.down = true;
      info.set(a, e);
    }
  });
  const band: BandAnon[] = [...info].map(([id, e]) => ({ id, ...e }));
  const lineGap = 8 * u;
  // the most detailed box that fits a column and whose lines fit the band
  let pick: { level: AnonLevel; w: number; h: number; perLine: number; lines: number; gapW: number } | null =
    null;
  for (const level of [...LEVELS, "tiny" as const]) {
    const box = boxSize(level, span, u);
    if (level !== "tiny" && box.h > g.band.h) continue;
    const fitLines = Math.max(1, Math.floor((g.band.h + lineGap) / (box.h + lineGap)));
    const lanes = maxDist + fitLines;
    const gapW = Math.max((step >= 30 * u ? 6 : 2) * u, Math.min(step / 3, (lanes + 1) * 3 * u));
    const cellW = step - gapW;
    const w = level === "tiny" ? Math.max(1, cellW) : box.w;
    if (w > cellW && level !== "tiny") continue;
    const perLine = Math.max(1, Math.min(rows.length, Math.floor((cellW + 4 * u) / (w + 4 * u))));
    const need = placeAnons(band, perLine, 1).lines;
    if (need > fitLines && level !== "tiny") continue;
    pick = {
      level,
      w,
      h: level === "tiny" ? Math.min(box.h, g.band.h / need - lineGap) : box.h,
      perLine,
      lines: need,
      gapW,
    };
    break;
  }
  const p = pick!;
  const cellW = step - p.gapW;
  const { at, lines } = placeAnons(band, p.perLine, 1);
  const out: RowLayout[] = rows.map((r, ri) => {
    const geo = g.rows[ri]!;
    const i1 = Math.min(r.pages, Math.ceil(s.hi));
    const y = geo.above ? geo.hatY : geo.slotY;
    const cells: CellBox[] = [];
    for (let i = i0; i < i1; i++)
      cells.push({ i, x: s.x(i) + p.gapW / 2, y, w: cellW, h: g.m.slotH + g.m.hatH });
    return {
      proc: r.proc,
      above: geo.above,
      card: geo.card,
      cardLevel: "full",
      area: { x: g.x0, y, w: g.areaW, h: g.m.slotH + g.m.hatH },
      cells,
      slotH: g.m.slotH,
      hatH: g.m.hatH,
      level: "full",
      labels: geo.above ? "above" : "below",
    };
  });
  const lineH = p.h;
  const bandTop = g.band.y + Math.max(0, (g.band.h - (lines * lineH + (lines - 1) * lineGap)) / 2);
  const anons: AnonBox[] = band.map((a) => {
    const pl = at.get(a.id)!;
    const slotW = cellW / p.perLine;
    return {
      id: a.id,
      level: p.level,
      x: s.x(a.col) + p.gapW / 2 + pl.k * slotW + (slotW - p.w) / 2,
      y: bandTop + pl.line * (lineH + lineGap),
      w: p.w,
      h: lineH,
    };
  });
  const byId = new Map(anons.map((b) => [b.id, b]));
  const lanes = maxDist + lines;
  const links: SlotLink[] = [];
  out.forEach((row, ri) => {
    const geo = g.rows[ri]!;
    const dir = geo.above ? 1 : -1;
    for (const c of row.cells) {
      const a = rows[ri]!.anonAt(c.i);
      const b = a ? byId.get(a) : undefined;
      if (!b) continue;
      const line = at.get(a)!.line;
      const far = geo.above ? line : lines - 1 - line;
      const from = { x: c.x + c.w / 2, y: geo.above ? c.y + c.h : c.y };
      if (geo.dist === 0 && far === 0) {
        links.push({
          row: ri,
          i: c.i,
          anon: a,
          d: directLink(from, { x: b.x + b.w / 2, y: geo.above ? b.y : b.y + b.h }),
        });
        continue;
      }
      const k = Math.min(lanes, geo.dist + far);
      const d = laneLink({
        from,
        lane: c.x + cellW + (p.gapW * k) / (lanes + 1),
        stepY: from.y + dir * (geo.dist > 0 ? (ZOOM.rowGap * u) / 2 : g.linkGap / 3),
        box: b,
        nearLine: far === 0,
        outY: geo.above ? g.band.y - g.linkGap / 2 : g.band.y + g.band.h + g.linkGap / 2,
        dir,
      });
      links.push({ row: ri, i: c.i, anon: a, d });
    }
  });
  return { mode: "detail", rows: out, anons, links, band: g.band, width: g.width, height: g.height, u };
}
