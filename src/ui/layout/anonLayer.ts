/**
 * The Anon layer panel's geometry for one mapping as seen by up to six processes: per process a
 * chain card (segvn_data → anon_map → anon_hdr) and a row of slot cells; between the rows, the
 * band of anon structs the slots point at (anonBand.ts), one arrow per filled slot
 * (anonLinks.ts). Pure: snapshot-free inputs and a size in, geometry out.
 *
 * Rows sit on both sides of the band so most arrows are short: the first process above, the
 * second below, the third above the first and so on, by creation order, so a new process never
 * moves another to the other side. Everything is in CSS pixels: design sizes times the unit u.
 *
 * Modes: "detail" (a cell per page in one line, anon boxes and arrows), "grid" (cells wrapped
 * over several lines, no anon boxes: too many pages for a column each) and "density" (a strip
 * per process, drawn by the zoomable view).
 */
import { boxSize, placeAnons, spanOf, TINY_MIN, type BandAnon, type LabelSpan } from "./anonBand";
import { directLink, laneLink } from "./anonLinks";
import type {
  AnonBox,
  AnonLayout,
  AnonLevel,
  AnonMode,
  AnonRowIn,
  CardLevel,
  CellBox,
  RowLayout,
  RowLevel,
  SlotLink,
} from "./anonTypes";
import { FS, LH, LH_NAME, monoW } from "./type";

export type * from "./anonTypes";

export const DETAIL_MAX_PAGES = 64;
/** Narrowest column (design pixels) of a slot in detail mode; below it the rows become a grid. */
export const DETAIL_MIN_PITCH = 8;
/** Most slot cells drawn as DOM nodes in the whole panel. */
export const CELL_CAP = 2000;
/** Most process rows drawn; the panel counts the others. */
export const MAX_ROWS = 6;

/** Design sizes (CSS pixels at u = 1). */
export const A = {
  pad: 6,
  cardGap: 12,
  cardFullW: 172,
  cardCompactW: 78,
  cardFullH: LH_NAME + 2 * LH + 8,
  cardCompactH: LH_NAME + 4,
  labelH: 16,
  rowGap: 10,
  linkGap: 20,
  lineGap: 8,
  cellMaxW: 150,
  laneStep: 2.5,
  gridCellMax: 18,
  gridCellMin: 5,
} as const;

/** Lanes in a wide column's gap: past two rows and one line of boxes (six rows, two lines). */
const WIDE_LANES = Math.ceil(MAX_ROWS / 2) - 1 + 1;

/** Slot and translation lane heights of a row. */
const ROW = { full: { slotH: 24, hatH: 15 }, compact: { slotH: 14, hatH: 6 } } as const;

export interface AnonOptions {
  readonly width: number;
  /** room for the drawing; the layout picks the most detail that fits it */
  readonly height: number;
  /** the drawing unit (CSS pixels per design pixel) */
  readonly u: number;
  /** the longest labels boxes must hold */
  readonly span: LabelSpan;
  /** the column of an anon no slot points at yet (the page being faulted) */
  readonly orphanCol: number | null;
}

const DEFAULTS: AnonOptions = {
  width: 700,
  height: 400,
  u: 1,
  span: spanOf(99, 4096, 99),
  orphanCol: null,
};

export function chooseMode(rows: readonly AnonRowIn[], areaW = Infinity, u = 1): AnonMode {
  const maxPages = Math.max(0, ...rows.map((r) => r.pages));
  const total = rows.reduce((s, r) => s + r.pages, 0);
  if (rows.some((r) => !r.slots) || total > CELL_CAP) return "density";
  const fits = maxPages * DETAIL_MIN_PITCH * u <= areaW;
  return maxPages <= DETAIL_MAX_PAGES && fits ? "detail" : "grid";
}

/** Which side of the band each row goes on, and how far out (0: next to the band). */
export function sides(rows: readonly AnonRowIn[]): { above: boolean; dist: number }[] {
  const order = rows.map((r, i) => r.order ?? i);
  const above = order.map((o) => o % 2 === 0 || rows.length === 1);
  // all on one side (P1 and P3 only): keep them there, nearest first
  return rows.map((_, i) => ({
    above: above[i]!,
    dist: order.filter((o, j) => above[j] === above[i] && o < order[i]!).length,
  }));
}

interface Combo {
  readonly card: CardLevel;
  readonly row: RowLevel;
  readonly anon: AnonLevel;
}

/** From the most detail to the least; the first that fits the height wins. */
const COMBOS: readonly Combo[] = [
  { card: "full", row: "full", anon: "full" },
  { card: "full", row: "full", anon: "compact" },
  { card: "compact", row: "full", anon: "compact" },
  { card: "full", row: "full", anon: "narrow" },
  { card: "compact", row: "full", anon: "narrow" },
  { card: "compact", row: "compact", anon: "narrow" },
  { card: "full", row: "full", anon: "line" },
  { card: "compact", row: "full", anon: "line" },
  { card: "compact", row: "compact", anon: "line" },
  { card: "full", row: "full", anon: "name" },
  { card: "compact", row: "full", anon: "name" },
  { card: "compact", row: "compact", anon: "name" },
  { card: "full", row: "full", anon: "upright" },
  { card: "compact", row: "full", anon: "upright" },
  { card: "compact", row: "compact", anon: "upright" },
  { card: "full", row: "full", anon: "tiny" },
  { card: "compact", row: "compact", anon: "tiny" },
];

export function anonLayout(
  rows: readonly AnonRowIn[],
  extraAnons: readonly number[],
  opt: Partial<AnonOptions> = {},
): AnonLayout {
  // One process: draw as much as two would get, so that its fork (the most watched moment)
  // moves nothing already drawn. The second row is a stand-in, measured and dropped.
  const only = rows[0];
  if (rows.length === 1 && only && only.slots) {
    const twin: AnonRowIn = { ...only, proc: "", order: (only.order ?? 0) + 1 };
    const probe = layoutWith([only, twin], extraAnons, opt, null);
    if (probe.combo) return layoutWith(rows, extraAnons, opt, probe.combo).layout;
  }
  return layoutWith(rows, extraAnons, opt, null).layout;
}

function layoutWith(
  rows: readonly AnonRowIn[],
  extraAnons: readonly number[],
  opt: Partial<AnonOptions>,
  forced: Combo | null,
): { layout: AnonLayout; combo: Combo | null } {
  const o = { ...DEFAULTS, ...opt };
  const u = o.u;
  const x0Of = (card: CardLevel) =>
    (A.pad + (card === "full" ? A.cardFullW : A.cardCompactW) + A.cardGap) * u;
  const areaOf = (card: CardLevel) => Math.max(40 * u, o.width - x0Of(card) - A.pad * u);
  const mode = chooseMode(rows, areaOf("compact"), u);
  if (mode !== "detail") return { layout: wrapped(rows, mode, o), combo: null };

  const side = sides(rows);
  const pages = Math.max(1, ...rows.map((r) => r.pages));
  // which rows point at each anon, and the column it sits in
  const info = new Map<number, { col: number; up: boolean; down: boolean }>();
  rows.forEach((r, ri) => {
    for (let i = 0; i < r.pages; i++) {
      const a = r.slots![i]!;
      if (!a) continue;
      const e = info.get(a) ?? { col: i, up: false, down: false };
      e.col = Math.min(e.col, i);
      if (side[ri]!.above) e.up = true;
      else e.down = true;
      info.set(a, e);
    }
  });
  for (const a of extraAnons)
    if (a && !info.has(a)) info.set(a, { col: o.orphanCol ?? pages - 1, up: false, down: false });
  const band: BandAnon[] = [...info].map(([id, e]) => ({ id, ...e }));
  const nAbove = side.filter((s) => s.above).length;
  const nBelow = rows.length - nAbove;
  const dAbove = Math.max(0, nAbove - 1);
  const dBelow = Math.max(0, nBelow - 1);
  // two lines of anons kept for a column from the first fork on: the copy's line
  const reserve = 2;

  if (forced) {
    const lay = detail(forced);
    if (lay) return { layout: lay, combo: forced };
  }
  let best: { layout: AnonLayout; combo: Combo } | null = null;
  for (const c of COMBOS) {
    const lay = detail(c);
    if (!lay) continue;
    best = { layout: lay, combo: c };
    if (lay.height <= o.height) return best;
  }
  return best ?? { layout: wrapped(rows, "grid", o), combo: null };

  function detail(c: Combo): AnonLayout | null {
    const x0 = x0Of(c.card);
    const pitch = Math.min(A.cellMaxW * u, areaOf(c.card) / pages);
    const box = boxSize(c.anon, o.span, u);
    // lanes: one per row or box line an arrow may have to pass
    // wide columns keep room for the most lanes six rows need, so a new process moves nothing;
    // narrow ones give the gap only the lanes these rows need
    const wide = pitch >= 30 * u;
    const lanes = wide ? WIDE_LANES : Math.max(1, Math.max(dAbove, dBelow) + reserve - 1);
    const gapW = Math.max(3 * u, (lanes + 1) * A.laneStep * u);
    const cellW = pitch - gapW;
    if (cellW < TINY_MIN * u || (c.anon !== "tiny" && box.w > cellW)) return null;
    const boxW = c.anon === "tiny" ? cellW : box.w;
    const perLine = Math.max(1, Math.min(rows.length, Math.floor((cellW + 4 * u) / (boxW + 4 * u))));
    const { at, lines } = placeAnons(band, perLine, Math.ceil(reserve / perLine));
    const rl = ROW[c.row];
    const slotH = rl.slotH * u;
    const hatH = rl.hatH * u;
    const rowH = slotH + hatH;
    const cardH = (c.card === "full" ? A.cardFullH : A.cardCompactH) * u;
    const lineH = box.h;
    const lineGap = (c.anon === "tiny" ? 4 : A.lineGap) * u;
    const bandH = lines * lineH + (lines - 1) * lineGap;
    const gap = (c.row === "full" ? A.rowGap : 6) * u;
    const link = (c.row === "full" ? A.linkGap : 16) * u;
    const label = A.labelH * u;
    // page numbers once, over the top row (under the bottom row when no row is above)
    const labelsAbove = nAbove > 0;
    // a card may reach over its row's label lane, never into the next row's card
    const stepOf = (n: number, labelled: boolean) =>
      Math.max(rowH, n > 1 ? cardH : cardH - (labelled ? label : 0)) + gap;
    const stepA = stepOf(nAbove, labelsAbove);
    const stepB = stepOf(nBelow, !labelsAbove);
    const top = A.pad * u + (labelsAbove ? label : 0);
    const aboveH = nAbove ? nAbove * stepA - gap : 0;
    const bandY = top + aboveH + (nAbove ? link : 0);
    const belowY = bandY + bandH + link;
    const out: RowLayout[] = rows.map((r, ri) => {
      const s = side[ri]!;
      // above: the translation lane outside, the slot lane next to the band; below: mirrored
      const blockY = s.above ? top + (nAbove - 1 - s.dist) * stepA : belowY + s.dist * stepB;
      const areaY = s.above ? blockY + Math.max(0, stepA - gap - rowH) : blockY;
      const cells: CellBox[] = [];
      for (let i = 0; i < r.pages; i++) cells.push({ i, x: x0 + i * pitch, y: areaY, w: cellW, h: rowH });
      const cardY = s.above ? areaY + rowH - cardH : areaY;
      const outer = s.dist === (s.above ? nAbove : nBelow) - 1;
      return {
        proc: r.proc,
        above: s.above,
        card: { x: A.pad * u, y: cardY, w: x0 - (A.pad + A.cardGap) * u, h: cardH },
        cardLevel: c.card,
        area: { x: x0, y: areaY, w: pages * pitch - gapW, h: rowH },
        cells,
        slotH,
        hatH,
        level: c.row,
        labels: outer && s.above === labelsAbove ? (s.above ? "above" : "below") : null,
      };
    });
    const y = nBelow
      ? belowY +
        (nBelow - 1) * stepB +
        rowH +
        (labelsAbove ? Math.max(0, cardH - rowH) : Math.max(label, cardH - rowH))
      : bandY + bandH;

    const anons: AnonBox[] = band.map((a) => {
      const p = at.get(a.id)!;
      const slotW = cellW / perLine;
      return {
        id: a.id,
        level: c.anon,
        x: x0 + a.col * pitch + p.k * slotW + (slotW - boxW) / 2,
        y: bandY + p.line * (lineH + lineGap),
        w: boxW,
        h: lineH,
      };
    });
    const byId = new Map(anons.map((b) => [b.id, b]));
    const colLines = new Map<number, number[]>();
    for (const a of band) colLines.set(a.col, [...(colLines.get(a.col) ?? []), at.get(a.id)!.line]);
    const blocked = (id: number, line: number, above: boolean): number => {
      const col = info.get(id)!.col;
      return (colLines.get(col) ?? []).filter((l) => (above ? l < line : l > line)).length;
    };
    const links: SlotLink[] = [];
    out.forEach((row, ri) => {
      const s = side[ri]!;
      const dir = s.above ? 1 : -1;
      for (const cell of row.cells) {
        const a = rows[ri]!.slots![cell.i]!;
        const b = a ? byId.get(a) : undefined;
        if (!b) continue;
        const line = at.get(a)!.line;
        // boxes of its column between the row and the box: the arrow must go round them
        const far = blocked(a, line, s.above);
        const from = { x: cell.x + cell.w / 2, y: s.above ? cell.y + slotH + hatH : cell.y };
        if (s.dist === 0 && far === 0) {
          links.push({ row: ri, i: cell.i, anon: a, d: directLink(from, edge(b, s.above)) });
          continue;
        }
        const laneK = Math.min(lanes, s.dist + far);
        const stepY = from.y + dir * (s.dist > 0 ? gap / 2 : link / 3);
        const outY = s.above ? bandY - link / 2 : bandY + bandH + link / 2;
        const d = laneLink({
          from,
          lane: cell.x + cellW + (gapW * laneK) / (lanes + 1),
          stepY,
          box: b,
          nearLine: far === 0,
          outY,
          dir,
        });
        links.push({ row: ri, i: cell.i, anon: a, d });
      }
    });
    return {
      mode: "detail",
      rows: out,
      anons,
      links,
      band: { x: x0, y: bandY, w: pages * pitch - gapW, h: bandH },
      width: o.width,
      height: y + A.pad * u,
      u,
    };
  }
}

const edge = (b: { x: number; y: number; w: number; h: number }, above: boolean) => ({
  x: b.x + b.w / 2,
  y: above ? b.y : b.y + b.h,
});

/** The largest grid cell (design px) with which every row fits the height. */
export function gridCell(rows: readonly AnonRowIn[], areaW: number, o: AnonOptions): number {
  const u = o.u;
  const overhead = (2 * A.pad + rows.length * A.labelH + (rows.length + 1) * A.rowGap) * u;
  for (let s = A.gridCellMax; s > A.gridCellMin; s--) {
    const per = Math.max(1, Math.floor((areaW + u) / ((s + 1) * u)));
    const h = rows.reduce((sum, r) => sum + Math.ceil(Math.max(1, r.pages) / per) * (s + 1) * u, 0);
    if (h + overhead <= o.height) return s;
  }
  return A.gridCellMin;
}

/** Grid and density modes: rows one under the other, cells wrapped (grid) or none (density). */
function wrapped(rows: readonly AnonRowIn[], mode: AnonMode, o: AnonOptions): AnonLayout {
  const u = o.u;
  const x0 = (A.pad + A.cardFullW + A.cardGap) * u;
  const areaW = Math.max(40 * u, o.width - x0 - A.pad * u);
  const s = mode === "grid" ? gridCell(rows, areaW, o) * u : 0;
  const per = mode === "grid" ? Math.max(1, Math.floor((areaW + u) / (s + u))) : 1;
  const cardH = A.cardFullH * u;
  let y = A.pad * u;
  const out: RowLayout[] = rows.map((r) => {
    const bodyH = mode === "grid" ? Math.ceil(Math.max(1, r.pages) / per) * (s + u) - u : 26 * u;
    const areaY = y + A.labelH * u;
    const cells: CellBox[] =
      mode === "grid"
        ? Array.from({ length: r.pages }, (_, i) => ({
            i,
            x: x0 + (i % per) * (s + u),
            y: areaY + Math.floor(i / per) * (s + u),
            w: s,
            h: s,
          }))
        : [];
    const row: RowLayout = {
      proc: r.proc,
      above: true,
      card: { x: A.pad * u, y, w: A.cardFullW * u, h: cardH },
      cardLevel: "full",
      area: { x: x0, y: areaY, w: areaW, h: bodyH },
      cells,
      slotH: s,
      hatH: 0,
      level: "compact",
      labels: null,
    };
    y += Math.max(cardH, A.labelH * u + bodyH) + A.rowGap * u;
    return row;
  });
  const band = { x: x0, y, w: areaW, h: mode === "grid" ? (FS + 6) * u : 0 };
  return { mode, rows: out, anons: [], links: [], band, width: o.width, height: y + band.h + A.pad * u, u };
}

/** Page numbers a row can label without them touching: every `n`th. */
export function labelEvery(pitch: number, lastPage: number, u: number): number {
  const w = monoW(lastPage) * u + 6 * u;
  const n = Math.ceil(w / Math.max(1, pitch));
  // round steps read better: 1, 2, 4, 5, 10, 20, …
  return [1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500, 1000].find((s) => s >= n) ?? n;
}
