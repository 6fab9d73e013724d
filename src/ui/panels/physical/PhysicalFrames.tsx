/**
 * Single frames of the zoomed Physical memory view: a cell per frame coloured by its state,
 * and, zoomed in further, a box naming the page it holds (pp, vnode, offset) under its pfn.
 * Each takes part in the linked highlighting as the small view's frames do.
 */
import { select, setHover } from "../../../state/view";
import type { FrameWindow, Snapshot } from "../../../contract/wire/protocol";
import { FK_ANON, FK_FILE } from "../../../contract/wire/protocol";
import { frameIn, refcntIn } from "../../../contract/wire/tables";
import { cls, useLinks, useNowSet } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { FRAME_STATE_COLORS, FRAME_STATE_NAMES, type FrameCell } from "../../layout/frameStrip";
import { hexOffset } from "../../layout/states";
import { CellShape } from "../../zoom/CellShape";

/** What a frame holds, in words and as attributes for the tests and the screen reader. */
export interface FrameName {
  readonly vnode: string;
  readonly offset: string;
  /** an_refcnt of an anon page's anon, 0 otherwise */
  readonly refcnt: number;
}

function frameName(snap: Snapshot, win: FrameWindow, page: number): FrameName | null {
  const f = frameIn(win.frames, page);
  if (!f || (f.kind !== FK_ANON && f.kind !== FK_FILE)) return null;
  return {
    vnode: f.kind === FK_ANON ? "swapfs" : (snap.files[f.owner] ?? "?"),
    offset: hexOffset(f.offset, snap.pageSize),
    refcnt: f.kind === FK_ANON ? refcntIn(win.anons, f.owner) : 0,
  };
}

const shortName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
/** Box classes by FS_* state (frame-box colours of the small view). */
const BOX_CLASS = ["free", "file", "anon", "shared", "file cached"] as const;

export function FrameCells(props: {
  snap: Snapshot;
  win: FrameWindow;
  cells: readonly FrameCell[];
  y: number;
  h: number;
  boxes: boolean;
  /** smaller boxes, the pfn without its "pfn" when that does not fit */
  compact?: boolean;
}) {
  const { snap, win, cells, y, h, boxes, compact = false } = props;
  const { links } = useLinks();
  const now = useNowSet();
  const marks = useMarks();
  return (
    <g className="phys-cells">
      {cells.map((c) => {
        const name = c.page ? frameName(snap, win, c.page) : null;
        const what = FRAME_STATE_NAMES[c.state] ?? "?";
        const title = name
          ? `pfn ${c.pfn}: pp:${c.page} (${name.vnode}, ${name.offset}), ${what}${name.refcnt ? ` (an_refcnt ${name.refcnt})` : ""}`
          : `pfn ${c.pfn}: ${what}`;
        const id = c.page;
        return (
          <g
            key={c.pfn}
            className={
              id ? cls("frame", links.frames.has(id), now.frames.has(id), marks.frames.has(id)) : "frame-free"
            }
            data-pfn={c.pfn}
            data-state={c.state}
            {...(id ? { "data-frame": `pp:${id}`, "data-link": `frame:${id}` } : {})}
            {...(name ? { "data-vnode": name.vnode, "data-offset": name.offset } : {})}
            onMouseEnter={id ? () => setHover({ kind: "frame", id }) : undefined}
            onMouseLeave={id ? () => setHover(null) : undefined}
            onClick={id ? () => select({ kind: "frame", id }) : undefined}
          >
            <title>{title}</title>
            <CellShape
              x={c.x}
              w={c.w}
              y={y}
              h={h}
              boxClass={`frame-box ${BOX_CLASS[c.state]}`}
              fill={`var(${FRAME_STATE_COLORS[c.state]})`}
              compact={compact}
              lines={
                boxes
                  ? [
                      [`pfn ${c.pfn}`, String(c.pfn)],
                      id ? `pp:${id}` : "free",
                      ...(name
                        ? [name.vnode === "swapfs" ? "swapfs" : shortName(name.vnode), name.offset]
                        : []),
                    ]
                  : null
              }
            />
          </g>
        );
      })}
    </g>
  );
}
