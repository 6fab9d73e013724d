/**
 * Painting one row of the zoomable view on its canvas: the anon_hdr chunk track, the
 * translation lane and the slot lane, as runs of equal columns (a handful of fillRects per
 * frame, whatever the mapping's size). Imperative and DOM-only by design: the geometry and
 * the column states come from the pure layout modules.
 */
import type { ChunkSpan, StripCols } from "../layout/zoomStrip";
import { HAT_NONE, HAT_RW, NO_DATA } from "../layout/zoomStrip";

export interface StripColors {
  /** by PS_* state */
  readonly state: readonly string[];
  readonly hatRw: string;
  readonly hatRo: string;
  readonly lane: string;
  readonly chunk: string;
  readonly chunkBar: string;
  readonly chunkNull: string;
  readonly gap: string;
}

const STATE_VARS = ["--empty", "--file", "--anon", "--shared", "--swap"] as const;

/** CSS custom properties (e.g. "--anon") as colours, read on `el`. */
export function readFills(el: Element, vars: readonly string[]): string[] {
  const css = getComputedStyle(el);
  return vars.map((n) => css.getPropertyValue(n).trim() || "#888");
}

/** The theme's colours, read from CSS custom properties on `el`. */
export function readColors(el: Element): StripColors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    state: readFills(el, STATE_VARS),
    hatRw: v("--muted", "#586171"),
    hatRo: v("--line-strong", "#a9b2c0"),
    lane: v("--line-strong", "#a9b2c0"),
    chunk: v("--line", "#d3d9e2"),
    chunkBar: v("--faint", "#8a93a3"),
    chunkNull: v("--line-strong", "#a9b2c0"),
    gap: v("--panel", "#fff"),
  };
}

export interface RowPaint {
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly chunkY: number;
  readonly chunkH: number;
  readonly hatY: number;
  readonly hatH: number;
  readonly slotY: number;
  readonly slotH: number;
  /** null at the single-slot zoom: the cells draw those lanes */
  readonly cols: StripCols | null;
  /** wide enough chunks one by one (x in canvas pixels), else per column */
  readonly spans: readonly (ChunkSpan & { readonly x0: number; readonly x1: number })[] | null;
  readonly chunkCols: Float32Array | null;
  readonly chunkSlots: number;
  /** false: leave the translation lane blank (single pages write their prot there instead) */
  readonly hatLane?: boolean;
}

/** Runs of equal values: fn(start, end, value) in column units. */
function runs(a: ArrayLike<number>, fn: (s: number, e: number, v: number) => void): void {
  let s = 0;
  for (let i = 1; i <= a.length; i++) {
    if (i === a.length || a[i] !== a[s]) {
      fn(s, i, a[s]!);
      s = i;
    }
  }
}

export function paintRow(ctx: CanvasRenderingContext2D, p: RowPaint, c: StripColors): void {
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
  ctx.clearRect(0, 0, p.width, p.height);

  // anon_hdr chunk track
  if (p.spans) {
    for (const s of p.spans) {
      const x = Math.max(0, s.x0 + 0.5);
      const w = Math.min(p.width, s.x1 - 0.5) - x;
      if (w <= 0) continue;
      if (s.used < 0) {
        ctx.strokeStyle = c.chunkNull;
        ctx.setLineDash([2, 2]);
        ctx.strokeRect(x + 0.5, p.chunkY + 0.5, Math.max(0, w - 1), p.chunkH - 1);
        ctx.setLineDash([]);
        continue;
      }
      ctx.fillStyle = c.chunk;
      ctx.fillRect(x, p.chunkY, w, p.chunkH);
      ctx.fillStyle = c.chunkBar;
      const f = Math.min(1, s.used / p.chunkSlots);
      ctx.fillRect(x, p.chunkY + p.chunkH - 3, w * f, 3);
    }
  } else if (p.chunkCols) {
    const cols = p.chunkCols;
    const k = p.width / cols.length;
    runs(cols, (s, e, v) => {
      if (v === -2) return;
      if (v === -1) {
        ctx.fillStyle = c.chunkNull;
        ctx.fillRect(s * k, p.chunkY + p.chunkH / 2, (e - s) * k, 1);
        return;
      }
      ctx.fillStyle = c.chunk;
      ctx.fillRect(s * k, p.chunkY, (e - s) * k, p.chunkH);
      ctx.fillStyle = c.chunkBar;
      ctx.fillRect(s * k, p.chunkY + p.chunkH - 3, (e - s) * k * Math.min(1, v), 3);
    });
  }
  if (!p.cols) return;

  // translation lane: a bar where pages are mapped (dark: writable, light: read-only)
  const { state, hat } = p.cols;
  const k = p.width / state.length;
  if (p.hatLane !== false) {
    ctx.fillStyle = c.lane;
    ctx.fillRect(0, p.hatY + p.hatH / 2, p.width, 1);
    runs(hat, (s, e, v) => {
      if (v === HAT_NONE) return;
      ctx.fillStyle = v === HAT_RW ? c.hatRw : c.hatRo;
      ctx.fillRect(s * k, p.hatY + 3, (e - s) * k, p.hatH - 6);
    });
  }
  paintLane(ctx, state, p.width, p.slotY, p.slotH, c.state);
  ctx.strokeStyle = c.lane;
  ctx.strokeRect(0.5, p.slotY + 0.5, p.width - 1, p.slotH - 1);
  // chunk boundaries across the slot lane, once chunks are wide enough to tell apart
  if (p.spans && p.spans.length > 1 && p.spans[0]!.x1 - p.spans[0]!.x0 >= 12) {
    ctx.fillStyle = c.gap;
    for (const s of p.spans.slice(1))
      if (s.x0 > 0 && s.x0 < p.width) ctx.fillRect(s.x0 - 0.5, p.slotY, 1, p.slotH);
  }
}

/** One lane of state columns across `width` pixels, a fillRect per run (NO_DATA left blank). */
export function paintLane(
  ctx: CanvasRenderingContext2D,
  cols: Uint8Array,
  width: number,
  y: number,
  h: number,
  fills: readonly string[],
): void {
  const k = width / cols.length;
  runs(cols, (s, e, v) => {
    if (v === NO_DATA) return;
    ctx.fillStyle = fills[v] ?? "#888";
    ctx.fillRect(s * k, y, (e - s) * k, h);
  });
}
