import { useShallow } from "zustand/react/shallow";
import { select, setHover } from "../../../state/view";
import type { SegWindow, Snapshot } from "../../../contract/wire/protocol";
import { anonIn, frameIn } from "../../../contract/wire/tables";
import { procColor } from "../../colors";
import { cls, useLinks, useNowSet } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { gridLayout } from "../../layout/grid";
import { fitText, fmt, hexOffset } from "../../layout/states";
import { FS, MONO_EM } from "../../layout/type";
import { useUnit } from "../../scale/useUnit";
import type { PageScale } from "../../layout/pageScale";
import { useViewWindow, useZoom } from "../../zoom/store";

/** Most frames drawn one by one under the strip. */
const BOXES_MAX = 64;

export interface ViewFrame {
  readonly id: number;
  readonly pfn: number;
  /** the process whose visible page maps it (or whose visible slot's anon is on it) */
  readonly proc: string;
  readonly offset: number;
}

/** The frames behind the visible pages of the zoomed Anon layer, first seen first. */
function viewFrames(win: SegWindow, lo: number, hi: number): ViewFrame[] {
  const out = new Map<number, ViewFrame>();
  const add = (id: number, proc: string): void => {
    if (!id || out.has(id)) return;
    const f = frameIn(win.frames, id);
    if (f) out.set(id, { id, pfn: f.pfn, proc, offset: f.offset });
  };
  for (const row of win.rows) {
    const d = row.detail;
    if (d.kind !== "pages") continue;
    const i0 = Math.max(row.from, Math.floor(lo));
    const i1 = Math.min(row.from + row.count, Math.ceil(hi));
    for (let i = i0; i < i1; i++) {
      add(d.frame[i - row.from]!, row.proc);
      const a = d.anon[i - row.from]!;
      if (a) add(anonIn(win.anons, a)?.frame ?? 0, row.proc);
    }
  }
  return [...out.values()];
}

/** The frames behind the pages on screen in the zoomed Anon layer (null when not zoomed in). */
function useViewFrames(): ViewFrame[] | null {
  const win = useViewWindow();
  const z = useZoom(useShallow((s) => ({ lo: s.lo, hi: s.hi })));
  if (!win) return null;
  const frames = viewFrames(win, z.lo, z.hi);
  return frames.length ? frames : null;
}

const procIx = (snap: Snapshot, p: string): number =>
  Math.max(
    0,
    snap.procs.findIndex((x) => x.name === p),
  );

/**
 * A mark per frame on the pfn strip, in the colour of the process whose page it is: after a
 * big fork, the copies a child's writes made land far from the parent's frames. Drawn at the
 * strip's zoom (`s` maps pfns to x); frames outside the view are left out.
 */
export function ViewFrameMarks({
  snap,
  s,
  y,
  height,
}: {
  snap: Snapshot;
  s: PageScale;
  y: number;
  height: number;
}) {
  const frames = useViewFrames();
  if (!frames) return null;
  return (
    <g className="pfn-marks" aria-hidden="true">
      {frames
        .filter((f) => f.pfn >= Math.floor(s.lo) && f.pfn < Math.ceil(s.hi))
        .map((f) => {
          const x = Math.round(s.x(f.pfn + 0.5)) + 0.5;
          return (
            <line
              key={f.id}
              x1={x}
              x2={x}
              y1={y}
              y2={y + height}
              stroke={procColor(procIx(snap, f.proc))}
              strokeWidth={1.5}
            />
          );
        })}
    </g>
  );
}

/** The frames themselves when few: they light up and take arrows as the small grid's do. */
export function ViewFrameBoxes({ snap, width }: { snap: Snapshot; width: number }) {
  const frames = useViewFrames();
  const { links } = useLinks();
  const now = useNowSet();
  const marks = useMarks();
  const u = useUnit();
  if (!frames || frames.length > BOXES_MAX) return null;
  const boxes = [...frames].sort((a, b) => a.pfn - b.pfn);
  const grid = gridLayout([{ key: "view", count: boxes.length }], {
    width,
    height: 120 * u,
    headerH: 0,
    pad: 0,
    maxLevel: "compact",
    u,
  });
  return (
    <div className="view-frames">
      <p>
        {fmt(frames.length)} {frames.length === 1 ? "frame holds" : "frames hold"} the pages on screen in the
        Anon layer (by pfn; marks on the strip):
      </p>
      <svg
        width={width}
        height={grid.height}
        role="img"
        aria-label={`${boxes.length} frames of the zoomed pages`}
      >
        {boxes.map((f, i) => {
          const b = grid.sections[0]!.cells[i]!;
          return (
            <g
              key={f.id}
              className={cls("frame", links.frames.has(f.id), now.frames.has(f.id), marks.frames.has(f.id))}
              data-link={`frame:${f.id}`}
              data-frame={`pp:${f.id}`}
              data-pfn={f.pfn}
              onMouseEnter={() => setHover({ kind: "frame", id: f.id })}
              onMouseLeave={() => setHover(null)}
              onClick={() => select({ kind: "frame", id: f.id })}
            >
              <title>{`pp:${f.id} in frame ${f.pfn}: (swapfs, ${hexOffset(f.offset, snap.pageSize)}), a page of ${f.proc}'s`}</title>
              <rect className="frame-box hl anon" x={b.x} y={b.y} width={b.w} height={b.h} rx={3 * u} />
              <rect
                x={b.x + 2 * u}
                y={b.y + b.h - 4 * u}
                width={b.w - 4 * u}
                height={2 * u}
                fill={procColor(procIx(snap, f.proc))}
              />
              <text
                x={b.x + b.w / 2}
                y={b.y + 15 * u}
                fontSize={FS * u}
                className="t-mono"
                textAnchor="middle"
              >
                {fitText(b.w - 6 * u, FS * MONO_EM * u, `pp:${f.id}`)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
