/**
 * The Anon layer panel's geometry for one mapping as seen by up to a few processes: per
 * process a chain card (segvn_data → anon_map → anon_hdr) and a row of slot cells; between
 * the rows, one band of anon structs that the slots point at. Rows are split around the anon
 * band (first half above, the rest below) so every pointer is a short vertical curve.
 *
 * Modes: "detail" (one cell per page in one line, anon boxes and arrows), "grid" (cells
 * wrapped over several lines, no anon boxes) and "density" (a strip per process; no cell per
 * page at all).
 */
import { spread1D, fitWidth } from "./spread";
import { vLink, type Box } from "./links";

export const DETAIL_MAX_PAGES = 64;
/** Narrowest slot cell in detail mode; below it the row becomes a grid. */
export const DETAIL_MIN_CELL = 16;
/** Most slot cells drawn as DOM nodes in the whole panel. */
export const CELL_CAP = 2000;

export interface AnonRowIn {
  readonly proc: string;
  readonly pages: number;
  /** anon id per page (0 = empty slot), or null when only a summary is known */
  readonly slots: ArrayLike<number> | null;
}

export type AnonMode = "detail" | "grid" | "density";

export interface CellBox extends Box {
  readonly i: number;
}

export interface RowLayout {
  readonly proc: string;
  readonly above: boolean;
  readonly card: Box;
  /** where the slot cells (or the strip) go */
  readonly area: Box;
  readonly cells: CellBox[];
  /** the part of each cell that is the slot pointer; the rest shows the translation */
  readonly slotH: number;
  readonly hatH: number;
}

export interface AnonBox extends Box {
  readonly id: number;
  readonly level: "full" | "compact" | "tiny";
}

export interface SlotLink {
  readonly row: number;
  readonly i: number;
  readonly anon: number;
  readonly d: string;
}

export interface AnonLayout {
  readonly mode: AnonMode;
  readonly rows: RowLayout[];
  readonly anons: AnonBox[];
  readonly links: SlotLink[];
  readonly band: Box;
  readonly width: number;
  readonly height: number;
}

export interface AnonOptions {
  readonly width: number;
  /** room for the drawing; grid cells shrink (to gridCellMin) to fit it */
  readonly height: number;
  readonly gridCellMin: number;
  /** draw a grid even where detail mode would fit the cells (too many anons) */
  readonly forceGrid: boolean;
  readonly cardW: number;
  readonly pad: number;
  readonly cellMaxW: number;
  readonly cellGap: number;
  readonly slotH: number;
  readonly hatH: number;
  readonly labelH: number;
  readonly rowGap: number;
  readonly linkGap: number;
  readonly gridCellW: number;
}

export const ANON_DEFAULTS: AnonOptions = {
  width: 700,
  height: 400,
  gridCellMin: 5,
  forceGrid: false,
  cardW: 158,
  pad: 8,
  cellMaxW: 104,
  cellGap: 6,
  slotH: 20,
  hatH: 12,
  labelH: 12,
  rowGap: 10,
  linkGap: 24,
  gridCellW: 18,
};

const ANON_H = { full: 52, compact: 30, tiny: 14 } as const;
const CARD_H = 46;
/** narrowest anon box that still shows its four lines */
const ANON_MIN_FULL = 98;
/** narrowest anon box that still shows its id and refcount */
const ANON_MIN_COMPACT = 26;

/** The largest grid cell (gridCellW down to gridCellMin) with which every row fits the height. */
export function gridCell(rows: readonly AnonRowIn[], areaW: number, o: AnonOptions): number {
  const overhead =
    2 * o.pad + rows.length * o.labelH + Math.max(0, rows.length - 1) * o.rowGap + 2 * o.rowGap;
  for (let s = o.gridCellW; s > o.gridCellMin; s--) {
    const per = Math.max(1, Math.floor((areaW + 1) / (s + 1)));
    const h = rows.reduce((sum, r) => sum + Math.ceil(Math.max(1, r.pages) / per) * (s + 1), 0);
    if (h + overhead <= o.height) return s;
  }
  return o.gridCellMin;
}

/** The gap between detail cells: generous while cells are wide, thin once they are narrow. */
export const detailGap = (pages: number, areaW: number, gap: number): number =>
  (areaW - gap * (pages - 1)) / pages >= 24 ? gap : 2;

export function chooseMode(rows: readonly AnonRowIn[], areaW = Infinity): AnonMode {
  const maxPages = Math.max(0, ...rows.map((r) => r.pages));
  const total = rows.reduce((s, r) => s + r.pages, 0);
  if (rows.some((r) => !r.slots) || total > CELL_CAP) return "density";
  const fits = maxPages * (DETAIL_MIN_CELL + 2) - 2 <= areaW;
  return maxPages <= DETAIL_MAX_PAGES && fits ? "detail" : "grid";
}

export function anonLayout(
  rows: readonly AnonRowIn[],
  extraAnons: readonly number[],
  opt: Partial<AnonOptions> = {},
): AnonLayout {
  const o = { ...ANON_DEFAULTS, ...opt };
  const x0 = o.pad + o.cardW + 16;
  const areaW = Math.max(40, o.width - x0 - o.pad);
  const mode = o.forceGrid ? "grid" : chooseMode(rows, areaW);
  const nAbove = rows.length <= 1 ? rows.length : Math.ceil(rows.length / 2);
  const maxPages = Math.max(1, ...rows.map((r) => r.pages));

  // cells
  let cellW: number;
  let perLine: number;
  let lineH: number;
  const dGap = detailGap(maxPages, areaW, o.cellGap);
  if (mode === "detail") {
    cellW = fitWidth(maxPages, areaW, dGap, o.cellMaxW);
    perLine = maxPages;
    lineH = o.slotH + o.hatH;
  } else if (mode === "grid") {
    cellW = gridCell(rows, areaW, o);
    perLine = Math.max(1, Math.floor((areaW + 1) / (cellW + 1)));
    lineH = cellW + 1;
  } else {
    cellW = 0;
    perLine = 1;
    lineH = 26;
  }
  const gap = mode === "detail" ? dGap : 1;
  const rowBodyH = (r: AnonRowIn): number =>
    mode === "density"
      ? lineH
      : Math.ceil(Math.max(1, r.pages) / perLine) * lineH - (mode === "grid" ? 1 : 0);
  const rowH = (r: AnonRowIn): number => Math.max(CARD_H, o.labelH + rowBodyH(r));

  // anon ids in the order their first slot appears, then the extra ones
  const seen = new Map<number, number>();
  if (mode === "detail") {
    rows.forEach((r) => {
      for (let i = 0; i < r.pages; i++) {
        const a = r.slots![i]!;
        if (a && !seen.has(a)) seen.set(a, i);
      }
    });
    for (const a of extraAnons) if (a && !seen.has(a)) seen.set(a, -1);
  }
  const anonIds = [...seen.keys()];
  // too many anons for readable boxes: draw the rows as a grid instead
  if (mode === "detail" && fitWidth(anonIds.length, areaW, o.cellGap, 96) < ANON_MIN_COMPACT) {
    return anonLayout(rows, extraAnons, { ...o, forceGrid: true });
  }
  const wFull = fitWidth(
    anonIds.length,
    areaW,
    o.cellGap,
    Math.max(ANON_MIN_FULL, Math.min(o.cellMaxW, cellW || o.cellMaxW)),
  );
  const level: AnonBox["level"] =
    wFull >= ANON_MIN_FULL ? "full" : wFull >= ANON_MIN_COMPACT ? "compact" : "tiny";
  const anonH = mode === "detail" && anonIds.length > 0 ? ANON_H[level] : 0;
  const bandH = mode === "detail" ? Math.max(anonH, 14) : 0;
  const linkGap = mode === "detail" ? o.linkGap : o.rowGap;

  let y = o.pad;
  const out: RowLayout[] = [];
  const placeRow = (r: AnonRowIn, above: boolean): void => {
    const h = rowH(r);
    const bodyH = rowBodyH(r);
    const areaY = above ? y + h - bodyH : y + (mode === "detail" ? 0 : o.labelH);
    const area: Box = { x: x0, y: areaY, w: areaW, h: bodyH };
    const cells: CellBox[] = [];
    if (mode !== "density") {
      for (let i = 0; i < r.pages; i++) {
        const line = Math.floor(i / perLine);
        const col = i % perLine;
        cells.push({
          i,
          x: x0 + col * (cellW + gap),
          y: areaY + line * lineH,
          w: cellW,
          h: mode === "detail" ? o.slotH + o.hatH : cellW,
        });
      }
    }
    out.push({
      proc: r.proc,
      above,
      card: { x: o.pad, y: above ? y : y + h - CARD_H, w: o.cardW, h: CARD_H },
      area,
      cells,
      slotH: o.slotH,
      hatH: o.hatH,
    });
    y += h;
  };
  rows.slice(0, nAbove).forEach((r, i) => {
    if (i > 0) y += o.rowGap;
    placeRow(r, true);
  });
  const bandY = y + (rows.length ? linkGap : 0);
  const band: Box = { x: x0, y: bandY, w: areaW, h: bandH };
  y = bandY + bandH + (rows.length > nAbove ? linkGap : 0);
  rows.slice(nAbove).forEach((r, i) => {
    if (i > 0) y += o.rowGap;
    placeRow(r, false);
  });

  // anon boxes near the slots that point at them
  const anonW = wFull;
  const firstCell = (a: number): number => {
    const i = seen.get(a) ?? -1;
    return i < 0 ? x0 + areaW : x0 + i * (cellW + gap) + cellW / 2;
  };
  const xs = spread1D(
    anonIds.map((a) => firstCell(a) - anonW / 2),
    anonW,
    o.cellGap,
    x0,
    x0 + areaW,
  );
  const anons: AnonBox[] = anonIds.map((id, k) => ({ id, x: xs[k]!, y: bandY, w: anonW, h: anonH, level }));
  const byId = new Map(anons.map((a) => [a.id, a]));

  const links: SlotLink[] = [];
  if (mode === "detail") {
    out.forEach((row, ri) => {
      const r = rows[ri]!;
      for (const c of row.cells) {
        const a = r.slots![c.i]!;
        const box = a ? byId.get(a) : undefined;
        if (!box) continue;
        const from = row.above ? { x: c.x + c.w / 2, y: c.y + c.h } : { x: c.x + c.w / 2, y: c.y };
        const to = row.above
          ? { x: box.x + box.w / 2, y: box.y }
          : { x: box.x + box.w / 2, y: box.y + box.h };
        links.push({ row: ri, i: c.i, anon: a, d: vLink(from, to) });
      }
    });
  }
  return { mode, rows: out, anons, links, band, width: o.width, height: y + o.pad };
}
