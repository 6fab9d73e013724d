/**
 * The zoomed Anon layer close enough for single slots: cells, the anons they point at in the
 * band and one arrow per slot, laid out as the detail view's AnonLayout.
 */
import { boxSize, placeAnons, spanOf, type BandAnon, type LabelSpan } from "./anonBand";
import { directLink, laneLink } from "./anonLinks";
import type { AnonBox, AnonLayout, AnonLevel, CellBox, RowLayout, SlotLink } from "./anonTypes";
import type { PageScale } from "./pageScale";
import { ZOOM, type ZoomGeom } from "./zoomGeometry";

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
