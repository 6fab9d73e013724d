/**
 * The zoomable Anon layer view of a big mapping: geometry only, no DOM. Left, a card per
 * process (segvn_data → anon_map → anon_hdr); right, the slot area, where one x scale maps
 * page indexes to pixels for every row. Rows are split around a band as in the detail view
 * (first half above, the rest below), and each row stacks, from the outside in: the anon_hdr
 * chunk track, the page labels, the translation (HAT) lane and the slot lane.
 *
 * Zoomed out, each lane is a canvas strip; zoomed in to a few dozen pages (zoomSlots), the
 * same rows become slot cells with the anon structs in the band and an arrow per slot, laid
 * out like the detail view (AnonLayout), so the drawing code is shared.
 */
import { scaleLinear } from "d3";
import type { AnonBox, AnonLayout, CellBox, RowLayout, SlotLink } from "./anonLayer";
import { fitWidth, spread1D } from "./spread";
import { vLink, type Box } from "./links";

export const ZOOM = {
  pad: 8,
  cardW: 178,
  cardGap: 14,
  chunkH: 11,
  chunkGap: 2,
  labelH: 13,
  hatH: 12,
  slotH: 20,
  rowGap: 8,
  bandFull: 52,
  bandCompact: 30,
  linkGapMax: 24,
  linkGapMin: 10,
} as const;

/** Height of one row block: chunk track, gap, labels, translation lane, slot lane. */
export const ZOOM_ROW_H = ZOOM.chunkH + ZOOM.chunkGap + ZOOM.labelH + ZOOM.hatH + ZOOM.slotH;

/** Narrowest slot cell drawn one by one; wider views stay a strip. */
export const SLOT_CELL_MIN = 16;
/** The most pages a view may zoom into (at the deepest zoom, this many fill the area). */
export const ZOOM_MIN_PAGES = 8;

export interface ZoomRow {
  readonly proc: string;
  readonly above: boolean;
  readonly card: Box;
  /** top of the row block */
  readonly top: number;
  readonly chunkY: number;
  /** the label band (page numbers) */
  readonly labelY: number;
  readonly hatY: number;
  readonly slotY: number;
}

export interface ZoomGeom {
  readonly width: number;
  readonly height: number;
  /** the slot area: every row's lanes span [x0, x0 + areaW] */
  readonly x0: number;
  readonly areaW: number;
  readonly rows: readonly ZoomRow[];
  readonly band: Box;
  readonly boxLevel: "full" | "compact";
  readonly linkGap: number;
}

/** Geometry for `procs` rows in a width × height box (the height is a wish: rows never shrink). */
export function zoomGeometry(procs: readonly string[], width: number, height: number): ZoomGeom {
  const o = ZOOM;
  const n = procs.length;
  const nAbove = n <= 1 ? n : Math.ceil(n / 2);
  const nBelow = n - nAbove;
  const rowsH = n * ZOOM_ROW_H + Math.max(0, nAbove - 1) * o.rowGap + Math.max(0, nBelow - 1) * o.rowGap;
  const gaps = nBelow > 0 ? 2 : 1;
  const free = height - 2 * o.pad - rowsH;
  const boxLevel = free >= o.bandFull + gaps * 18 ? "full" : "compact";
  const bandH = boxLevel === "full" ? o.bandFull : o.bandCompact;
  const linkGap = Math.max(o.linkGapMin, Math.min(o.linkGapMax, (free - bandH) / gaps));
  const x0 = o.pad + o.cardW + o.cardGap;
  const areaW = Math.max(60, width - x0 - o.pad);
  const rows: ZoomRow[] = [];
  let y = o.pad;
  procs.forEach((proc, i) => {
    const above = i < nAbove;
    if (i === nAbove && i > 0) y += 2 * linkGap + bandH;
    else if (i > 0) y += o.rowGap;
    const top = y;
    const card = { x: o.pad, y: top, w: o.cardW, h: ZOOM_ROW_H };
    if (above) {
      const chunkY = top;
      const labelY = chunkY + o.chunkH + o.chunkGap;
      const hatY = labelY + o.labelH;
      rows.push({ proc, above, card, top, chunkY, labelY, hatY, slotY: hatY + o.hatH });
    } else {
      const slotY = top;
      const hatY = slotY + o.slotH;
      const labelY = hatY + o.hatH;
      rows.push({ proc, above, card, top, chunkY: labelY + o.labelH + o.chunkGap, labelY, hatY, slotY });
    }
    y += ZOOM_ROW_H;
  });
  const lastAbove = rows[nAbove - 1];
  const bandY = (lastAbove ? lastAbove.top + ZOOM_ROW_H : o.pad) + linkGap;
  if (nBelow === 0) y = bandY + bandH;
  return {
    width,
    height: y + o.pad,
    x0,
    areaW,
    rows,
    band: { x: x0, y: bandY, w: areaW, h: bandH },
    boxLevel,
    linkGap,
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

/** Round page numbers to label [lo, hi) with, about one per 90 pixels of areaW. */
export function pageTicks(lo: number, hi: number, areaW: number): number[] {
  return scaleLinear()
    .domain([lo, hi])
    .ticks(Math.max(2, Math.floor(areaW / 90)))
    .filter((t) => Number.isInteger(t) && t >= lo && t <= hi);
}

/** Whether the view is close enough to draw single slots (cells at least SLOT_CELL_MIN wide). */
export const showsSlots = (g: Pick<ZoomGeom, "areaW">, lo: number, hi: number): boolean =>
  (hi - lo) * SLOT_CELL_MIN <= g.areaW;

const ANON_MIN_FULL = 98;
const ANON_MIN_COMPACT = 26;
const ANON_H = { full: 52, compact: 30, tiny: 14 } as const;
/** Below this width a line of anon boxes cannot show their ids: split the band in two lanes. */
const LANE_SPLIT_W = 44;

export interface SlotRowIn {
  readonly proc: string;
  /** pages in this process's piece of the mapping */
  readonly pages: number;
  /** the anon id in slot i (0 = empty), for the visible pages */
  anonAt(i: number): number;
}

/**
 * Single slots of the visible pages as an AnonLayout in detail mode: cells at the scale's
 * positions (those cut by the area's edges included: the caller clips them), the anons they
 * point at in the band, nearest their first visible slot, and one arrow per slot.
 */
export function zoomSlots(g: ZoomGeom, rows: readonly SlotRowIn[], s: PageScale): AnonLayout {
  const step = s.x(1) - s.x(0);
  const gap = step >= 30 ? 6 : 2;
  const out: RowLayout[] = [];
  const first = new Map<number, number>();
  const upper = new Set<number>();
  rows.forEach((r, ri) => {
    const geo = g.rows[ri]!;
    const i0 = Math.max(0, Math.floor(s.lo));
    const i1 = Math.min(r.pages, Math.ceil(s.hi));
    const cells: CellBox[] = [];
    for (let i = i0; i < i1; i++) {
      const x = s.x(i) + gap / 2;
      cells.push({ i, x, y: geo.above ? geo.hatY : geo.slotY, w: step - gap, h: ZOOM.slotH + ZOOM.hatH });
      const a = r.anonAt(i);
      if (a && !first.has(a)) {
        first.set(a, x + (step - gap) / 2);
        if (geo.above) upper.add(a);
      }
    }
    out.push({
      proc: r.proc,
      above: geo.above,
      card: geo.card,
      area: { x: g.x0, y: geo.above ? geo.hatY : geo.slotY, w: g.areaW, h: ZOOM.slotH + ZOOM.hatH },
      cells,
      slotH: ZOOM.slotH,
      hatH: ZOOM.hatH,
    });
  });
  // left to right by the slot that first points at each (a COW copy sits beside the original)
  const order = (xs: number[]) => xs.sort((a, b) => first.get(a)! - first.get(b)!);
  const ids = order([...first.keys()]);
  const place = (lane: number[], y: number, h: number, maxLevel: AnonBox["level"]): AnonBox[] => {
    const boxGap = lane.length * 30 > g.areaW ? 2 : 6;
    const w = fitWidth(lane.length, g.areaW, boxGap, Math.max(ANON_MIN_FULL, Math.min(104, step - gap)));
    const level: AnonBox["level"] =
      w >= ANON_MIN_FULL && maxLevel === "full" ? "full" : w >= ANON_MIN_COMPACT ? "compact" : "tiny";
    const bh = Math.min(ANON_H[level], h);
    const xs = spread1D(
      lane.map((a) => first.get(a)! - w / 2),
      w,
      boxGap,
      g.x0,
      g.x0 + g.areaW,
    );
    return lane.map((id, k) => ({ id, x: xs[k]!, y: y + (h - bh) / 2, w, h: bh, level }));
  };
  // Too many anons for one line of readable boxes (after a child's copies each page has two):
  // two lanes, the upper for anons an upper row points at first, the lower for the others.
  const laneH = (g.band.h - 4) / 2;
  const oneLine = fitWidth(ids.length, g.areaW, 2, 104);
  let anons: AnonBox[];
  if (oneLine < LANE_SPLIT_W && laneH >= 22 && rows.length > 1) {
    const up = ids.filter((a) => upper.has(a));
    const down = ids.filter((a) => !upper.has(a));
    anons = [
      ...place(up, g.band.y, laneH, "compact"),
      ...place(down, g.band.y + laneH + 4, laneH, "compact"),
    ];
  } else anons = place(ids, g.band.y, g.band.h, g.boxLevel);
  const byId = new Map(anons.map((b) => [b.id, b]));
  const links: SlotLink[] = [];
  out.forEach((row, ri) => {
    for (const c of row.cells) {
      const a = rows[ri]!.anonAt(c.i);
      const b = a ? byId.get(a) : undefined;
      if (!b) continue;
      const from = { x: c.x + c.w / 2, y: row.above ? c.y + c.h : c.y };
      const to = { x: b.x + b.w / 2, y: row.above ? b.y : b.y + b.h };
      links.push({ row: ri, i: c.i, anon: a, d: vLink(from, to) });
    }
  });
  return { mode: "detail", rows: out, anons, links, band: g.band, width: g.width, height: g.height };
}
