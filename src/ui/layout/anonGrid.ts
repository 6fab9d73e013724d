/**
 * The Anon layer's grid and density modes: too many pages for a column each, so the rows go one
 * under the other, their cells wrapped over several lines (grid) or drawn by the zoomable view
 * (density). No anon boxes and no arrows. Pure.
 */
import type { AnonLayout, AnonMode, AnonRowIn, CellBox, RowLayout } from "./anonTypes";
import { A, type AnonOptions } from "./anonSizes";
import { FS } from "./type";

/** The largest grid cell (design px) with which every row fits the height. */
function gridCell(rows: readonly AnonRowIn[], areaW: number, o: AnonOptions): number {
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
export function wrapped(rows: readonly AnonRowIn[], mode: AnonMode, o: AnonOptions): AnonLayout {
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
