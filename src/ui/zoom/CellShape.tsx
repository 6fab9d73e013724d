/**
 * The inside of one item of a zoomed strip (a frame, a swap slot) drawn one by one: a bare
 * cell in its state's colour, or, zoomed in further, a box naming it in up to four lines (its
 * number, what it holds in bold, then that thing's (vnode, offset) name). Shared so frames and
 * slots read alike.
 */
import { fitText } from "../layout/states";

const CHAR_W = 6;
/** Baseline, size, class and (compact) character width of each line of a box. */
const LINES = [
  [13, 10, "t-muted", CHAR_W],
  [27, 11, "t-mono t-bold", CHAR_W],
  [41, 9.8, "t-mono", CHAR_W],
  [54, 9.8, "t-mono", CHAR_W],
] as const;
/** The same lines in a compact box, smaller and closer (mono advance 0.61 em, sans digits 0.64). */
const COMPACT = [
  [12, 9, "t-muted", 5.8],
  [25, 9.5, "t-mono t-bold", 5.8],
  [38, 8.8, "t-mono", 5.37],
  [50, 8.8, "t-mono", 5.37],
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
  /** smaller lines, for a narrower box */
  compact?: boolean;
}) {
  const { y, h, lines, compact = false } = props;
  const gap = compact ? 2 : props.w >= 30 ? 3 : 1;
  const x = props.x + gap / 2;
  const w = Math.max(1, props.w - gap);
  const rows = compact ? COMPACT : LINES;
  const pad = compact ? 3 : 5;
  if (!lines)
    return <rect className="frame-cell hl" x={x} y={y} width={w} height={h} rx={2} fill={props.fill} />;
  return (
    <>
      <rect className={`${props.boxClass} hl`} x={x} y={y} width={w} height={h} rx={4} />
      {lines.slice(0, rows.length).map((t, i) => {
        const [base, size, className, charW] = rows[i]!;
        return (
          <text key={i} x={x + pad} y={y + base} fontSize={size} className={className}>
            {fitText(w - (compact ? 2 * pad : 8), charW, ...(typeof t === "string" ? [t] : t))}
          </text>
        );
      })}
    </>
  );
}
