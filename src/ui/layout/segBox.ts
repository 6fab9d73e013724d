/**
 * A segment's box in Address spaces, as data: whether its page strip zooms, how the box is
 * drawn (label over strip, beside it, or alone) and where its strip lies (the panel's cells
 * and the zoomable strip over them agree on it).
 */
import type { SegSnap } from "../../contract/wire/protocol";
import type { AsSegBox } from "./addressSpace";
import { monoW } from "./type";

const CELL_PAGES_MAX = 64;
/** The page strip grows with the box, up to this. */
const STRIP_MAX = 96;

/** Whether a segment's strip zooms (too many pages for a cell each). */
export const zoomable = (seg: SegSnap, w: number): boolean =>
  !(seg.detail.kind === "pages" && seg.pages <= CELL_PAGES_MAX && w / seg.pages >= 3);

/** A segment box's label line: its name (and prot), FS text in LABEL_H. */
export const LABEL_H = 17;
/** Lowest strip under the label; a lower box puts its strip beside the label instead. */
const STRIP_MIN = 9;
/** Narrowest strip beside a label. */
const INLINE_MIN_W = 36;

/** How a box is drawn: label over strip, label beside strip (a low box), or a label alone. */
export type SegForm = "stacked" | "inline" | "label";

/** The width of a box's name label: "[ anon ] buf". */
const nameW = (g: SegSnap, u: number): number =>
  monoW(`${g.label}${g.label.replace(/[[\]\s]/g, "") !== g.name ? ` ${g.name}` : ""}`) * u + 14 * u;

export function segForm(box: AsSegBox, g: SegSnap, u: number): SegForm {
  if (box.h >= (LABEL_H + STRIP_MIN + 3) * u) return "stacked";
  return box.w - nameW(g, u) - 6 * u >= INLINE_MIN_W * u ? "inline" : "label";
}

/** A zoomed strip's visible pages, as a low box shows them right of its strip: "2,615–2,628". */
export const shortRange = (range: string): string => range.replace("pages ", "");

/** Room a low box keeps right of its strip for the visible pages (none when it cannot spare it). */
export function inlineRangeW(box: AsSegBox, g: SegSnap, u: number, range: string): number {
  if (!range) return 0;
  const w = monoW(shortRange(range)) * u + 8 * u;
  return box.w - nameW(g, u) - 4 * u - w >= INLINE_MIN_W * u ? w : 0;
}

/** Where a box's strip lies (PageStrip and SegZoom agree); null: the box has none. */
export function stripOf(
  box: AsSegBox,
  g: SegSnap,
  u: number,
  range = "",
): { x: number; y: number; w: number; h: number } | null {
  const form = segForm(box, g, u);
  if (form === "label") return null;
  if (form === "inline") {
    const x = box.x + nameW(g, u);
    const right = box.x + box.w - 4 * u - inlineRangeW(box, g, u, range);
    return { x, y: box.y + 3 * u, w: right - x, h: Math.max(4 * u, box.h - 6 * u) };
  }
  return {
    x: box.x + 4 * u,
    y: box.y + LABEL_H * u,
    w: box.w - 8 * u,
    h: Math.max(STRIP_MIN * u, Math.min(STRIP_MAX * u, box.h - (LABEL_H + 4) * u)),
  };
}
