/**
 * The inside of one item of a zoomed strip (a frame, a swap slot) drawn one by one: a bare
 * cell in its state's colour, or, zoomed in further, a box naming it in up to four lines (its
 * number, what it holds in bold, then that thing's (vnode, offset) name). Shared so frames and
 * slots read alike.
 */
import { fitText } from "../layout/states";

const CHAR_W = 6;
/** Baseline, size and class of each line of a box. */
const LINES = [
  [13, 10, "t-muted"],
  [27, 11, "t-mono t-bold"],
  [41, 9.8, "t-mono"],
  [54, 9.8, "t-mono"],
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
}) {
  const { y, h, lines } = props;
  const gap = props.w >= 30 ? 3 : 1;
  const x = props.x + gap / 2;
  const w = Math.max(1, props.w - gap);
  if (!lines)
    return <rect className="frame-cell hl" x={x} y={y} width={w} height={h} rx={2} fill={props.fill} />;
  return (
    <>
      <rect className={`${props.boxClass} hl`} x={x} y={y} width={w} height={h} rx={4} />
      {lines.slice(0, LINES.length).map((t, i) => (
        <text key={i} x={x + 5} y={y + LINES[i]![0]} fontSize={LINES[i]![1]} className={LINES[i]![2]}>
          {fitText(w - 8, CHAR_W, ...(typeof t === "string" ? [t] : t))}
        </text>
      ))}
    </>
  );
}
