/**
 * Grids of labelled cells in sections (physical frames grouped by vnode kind, swap device
 * slots): picks the most detailed cell size that fits the panel, falling back to small squares
 * (and the caller to a density strip past the cell cap).
 */
import type { Box } from "./links";

type CellLevel = "full" | "compact" | "tiny";

interface CellSize {
  readonly level: CellLevel;
  readonly w: number;
  readonly h: number;
  readonly gap: number;
}

/** Design sizes (times u): a full cell holds "pp:12  pfn 11" over "swapfs 0xc000" at 12 px. */
const CELL_SIZES: readonly CellSize[] = [
  { level: "full", w: 112, h: 40, gap: 6 },
  { level: "compact", w: 56, h: 24, gap: 4 },
  { level: "tiny", w: 11, h: 11, gap: 2 },
];

const scaled = (s: CellSize, u: number): CellSize => ({ ...s, w: s.w * u, h: s.h * u, gap: s.gap * u });

export interface SectionIn {
  readonly key: string;
  readonly count: number;
}

interface SectionLayout {
  readonly key: string;
  /** y of the section's header line */
  readonly y: number;
  readonly cells: Box[];
}

export interface GridLayout {
  readonly size: CellSize;
  readonly sections: SectionLayout[];
  readonly height: number;
}

export interface GridOptions {
  readonly width: number;
  readonly height: number;
  readonly headerH: number;
  readonly sectionGap: number;
  readonly pad: number;
  /** the most detailed level allowed */
  readonly maxLevel: CellLevel;
  /** the drawing unit: cell sizes are design sizes times it */
  readonly u: number;
}

const perLine = (s: CellSize, w: number): number => Math.max(1, Math.floor((w + s.gap) / (s.w + s.gap)));

function layoutWith(sections: readonly SectionIn[], s: CellSize, o: GridOptions): GridLayout {
  const width = o.width - 2 * o.pad;
  const n = perLine(s, width);
  let y = o.pad;
  const out: SectionLayout[] = [];
  for (const sec of sections) {
    if (sec.count === 0) continue;
    if (out.length) y += o.sectionGap;
    const top = y;
    y += o.headerH;
    const cells: Box[] = [];
    for (let i = 0; i < sec.count; i++) {
      cells.push({
        x: o.pad + (i % n) * (s.w + s.gap),
        y: y + Math.floor(i / n) * (s.h + s.gap),
        w: s.w,
        h: s.h,
      });
    }
    y += Math.ceil(sec.count / n) * (s.h + s.gap) - s.gap;
    out.push({ key: sec.key, y: top, cells });
  }
  return { size: s, sections: out, height: y + o.pad };
}

export function gridLayout(sections: readonly SectionIn[], opt: Partial<GridOptions> = {}): GridLayout {
  const o: GridOptions = {
    width: 300,
    height: 200,
    headerH: 16,
    sectionGap: 8,
    pad: 6,
    maxLevel: "full",
    u: 1,
    ...opt,
  };
  const start = CELL_SIZES.findIndex((c) => c.level === o.maxLevel);
  let last: GridLayout | null = null;
  for (const s of CELL_SIZES.slice(Math.max(0, start))) {
    last = layoutWith(sections, scaled(s, o.u), o);
    if (last.height <= o.height) return last;
  }
  return last!;
}
