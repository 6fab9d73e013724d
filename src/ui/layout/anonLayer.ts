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
import { boxSize, placeAnons, TINY_MIN, type BandAnon } from "./anonBand";
import { directLink, laneLink } from "./anonLinks";
import type {
  AnonBox,
  AnonLayout,
  AnonLevel,
  AnonRowIn,
  CardLevel,
  CellBox,
  RowLayout,
  RowLevel,
  SlotLink,
} from "./anonTypes";
import { A, chooseMode, DEFAULTS, MAX_ROWS, sides, type AnonOptions } from "./anonSizes";
import { wrapped } from "./anonGrid";

export type * from "./anonTypes";

export { CELL_CAP, DETAIL_MAX_PAGES, MAX_ROWS, chooseMode, labelEvery, sides } from "./anonSizes";
export type { AnonOptions } from "./anonSizes";

/** Lanes in a wide column's gap: past two rows and one line of boxes (six rows, two lines). */
const WIDE_LANES = Math.ceil(MAX_ROWS / 2) - 1 + 1;

/** Slot and translation lane heights of a row. */
const ROW = { full: { slotH: 24, hatH: 15 }, compact: { slotH: 14, hatH: 6 } } as const;

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
