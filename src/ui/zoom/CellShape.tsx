/**
 * The inside of one item of a zoomed strip (a frame, a swap slot) drawn one by one: a bare
 * cell in its state's colour, or, zoomed in further, a box naming it in up to four lines (its
 * number, what it holds in bold, then that thing's (vnode, offset) name). Shared so frames and
 * slots read alike.
 */
import { fitText } from "../layout/states";
import { FS, FS_NAME, MONO_EM, SANS_EM } from "../layout/type";
import { useUnit } from "../scale/useUnit";

/** Baseline, size, class and character advance (em) of each line of a box, in design pixels. */
const LINES = [
  [15, FS, "t-muted", SANS_EM],
  [30, FS_NAME, "t-mono t-bold", MONO_EM],
  [45, FS, "t-mono", MONO_EM],
  [59, FS, "t-mono", MONO_EM],
] as const;

export function CellShape(props: {
  /** left edge and width on screen */
  x: number;
  w: number;
  y: number;
  h: number;
  /** null: a bare cell filled with `fill`; a line may offer shorter forms after the first */
  lines: readonly (string | readonly string[])[] | null;
  /** classes of the box (colour by state) */
  boxClass: string;
  /** CSS colour of the bare cell */
  fill: string;
  /** a narrower box: less padding (the lines fall back to their shorter forms) */
  compact?: boolean;
}) {
  const u = useUnit();
  const { y, h, lines, compact = false } = props;
  const gap = (compact ? 2 : props.w >= 30 * u ? 3 : 1) * u;
  const x = props.x + gap / 2;
  const w = Math.max(1, props.w - gap);
  const pad = (compact ? 3 : 5) * u;
  if (!lines)
    return <rect className="frame-cell hl" x={x} y={y} width={w} height={h} rx={2 * u} fill={props.fill} />;
  return (
    <>
      <rect className={`${props.boxClass} hl`} x={x} y={y} width={w} height={h} rx={4 * u} />
      {lines.slice(0, LINES.length).map((t, i) => {
        const [base, line, className, em] = LINES[i]!;
        // a compact box names its page at the small size: a six-digit pp:N still fits
        const size = compact ? FS : line;
        if ((base + 3) * u > h) return null;
        return (
          <text key={i} x={x + pad} y={y + base * u} fontSize={size * u} className={className}>
            {fitText(w - 2 * pad, size * em * u, ...(typeof t === "string" ? [t] : t))}
          </text>
        );
      })}
    </>
  );
}
