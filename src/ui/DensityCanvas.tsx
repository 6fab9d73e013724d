import { useEffect, useRef } from "react";
import { useApp } from "../state/store";

interface Props {
  /** one state per pixel column */
  cols: Uint8Array;
  /** CSS custom property per state, e.g. "--anon" */
  colors: readonly string[];
  height: number;
  label: string;
  title?: string;
}

/** A strip with one pixel column per group of pages, coloured by state: never one node per page. */
export function DensityCanvas({ cols, colors, height, label, title }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useApp((s) => s.view.theme);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx) return;
    const css = getComputedStyle(c);
    const fill = colors.map((v) => css.getPropertyValue(v).trim() || "#888");
    ctx.clearRect(0, 0, c.width, c.height);
    let start = 0;
    for (let x = 1; x <= cols.length; x++) {
      if (x === cols.length || cols[x] !== cols[start]) {
        ctx.fillStyle = fill[cols[start]!] ?? "#888";
        ctx.fillRect(start, 0, x - start, c.height);
        start = x;
      }
    }
  }, [cols, colors, theme, height]);
  return (
    <canvas
      ref={ref}
      className="density"
      width={Math.max(1, cols.length)}
      height={height}
      role="img"
      aria-label={label}
      title={title ?? label}
    />
  );
}

export const STATE_COLORS = ["--empty", "--file", "--anon", "--shared", "--swap"] as const;
