import { useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { useApp } from "../../../state/store";
import type { SegWindow, Snapshot, WindowRow } from "../../../contract/wire/protocol";
import { fmt } from "../../layout/states";
import { spanOf } from "../../layout/anonBand";
import { FS, LH } from "../../layout/type";
import { useUnit } from "../../scale/useUnit";
import { useCompact } from "../../phone/compact";
import { pageScale, type PageScale } from "../../layout/pageScale";
import { showsSlots, zoomGeometry, ZOOM_MIN_PAGES } from "../../layout/zoomGeometry";
import { zoomSlots } from "../../layout/zoomSlots";
import { zoomFit, zoomIn, zoomOut } from "../../zoom/active";
import type { ZoomOptions } from "../../zoom/controller";
import type { Span } from "../../zoom/span";
import { onZoomKeys, useZoomController, type ZoomActions } from "../../zoom/useZoomController";
import { anonViewKey, setZoom, useZoom, zoomKey } from "../../zoom/store";
import { useZoomWindow } from "../../zoom/useZoomWindow";
import type { Cover } from "../../zoom/zoomWindow";
import { AnonDiagram } from "./AnonDiagram";
import { type Row as DiagramRow } from "./anonRow";
import {
  chunkTrack,
  ChunkLabels,
  RowCanvas,
  snapSource,
  Ticks,
  windowSource,
  ZoomCard,
  type Row,
} from "./AnonZoomParts";

const ACTIONS: ZoomActions = { zoomIn, zoomOut, fit: zoomFit };
const onZoom = (lo: number, hi: number): void => setZoom({ lo, hi });
/** Every row of the window, on its own mapping's pages. */
const rowsCover = (w: SegWindow): Cover[] =>
  w.rows.map((r) => ({
    from: r.from,
    count: r.count,
    per: r.detail.kind === "pages" ? 1 : r.detail.pagesPerBucket,
    total: r.pages,
  }));

/** The window's rows by process, when every row has single pages covering the view. */
function slotRows(win: SegWindow | null, rows: Row[], s: PageScale): Map<string, WindowRow> | null {
  if (!win) return null;
  const out = new Map<string, WindowRow>();
  for (const r of rows) {
    const wr = win.rows.find((x) => x.proc === r.proc.name);
    if (!wr || wr.detail.kind !== "pages") return null;
    if (wr.from > Math.floor(s.lo) || wr.from + wr.count < Math.min(wr.pages, Math.ceil(s.hi))) return null;
    out.set(r.proc.name, wr);
  }
  return out;
}

/**
 * A big mapping in the Anon layer: per process a strip of its slots that zooms (wheel, drag,
 * the header's buttons, + and − keys) from the whole mapping down to single slots with their
 * anons and arrows. The worker sends the slots of the visible pages (a window) as the view
 * needs them; the snapshot's summary fills in meanwhile.
 */
export function AnonZoom({
  snap,
  rows,
  width,
  height,
}: {
  snap: Snapshot;
  rows: Row[];
  width: number;
  height: number;
}) {
  const theme = useApp((s) => s.view.theme);
  const u = useUnit();
  const procs = useMemo(() => rows.map((r) => r.proc.name), [rows]);
  const procsKey = procs.join(",");
  const orderKey = rows.map((r) => snap.procs.indexOf(r.proc)).join(",");
  const g = useMemo(
    () => zoomGeometry(procsKey.split(","), width, height, u, orderKey.split(",").map(Number)),
    [procsKey, orderKey, width, height, u],
  );
  const seg0 = rows[0]!.seg;
  const pages = Math.max(1, ...rows.map((r) => r.seg.pages));
  const key = zoomKey(seg0, procs, pages);
  const range = useZoom(useShallow((z) => (z.key === key ? { lo: z.lo, hi: z.hi } : { lo: 0, hi: pages })));
  const s = pageScale(g, range.lo, Math.max(range.lo + 1e-6, range.hi));

  useLayoutEffect(() => {
    const z = useZoom.getState();
    if (z.key !== key)
      setZoom({
        key,
        seg: { name: seg0.name, first: seg0.first },
        procs,
        pages,
        lo: 0,
        hi: pages,
        areaW: g.areaW,
      });
    else if (z.areaW !== g.areaW) setZoom({ areaW: g.areaW });
  }, [key, seg0.name, seg0.first, procs, pages, g.areaW]);
  useEffect(() => () => setZoom({ key: null }), []);
  // zoomed out all the way, the snapshot's summary is enough; zoomed in, the slots shown must
  // be the position's own, so the window travels with every move
  const ask = useMemo(
    () => (sp: Span) => ({ seg: { name: seg0.name, first: seg0.first }, procs, ...sp }),
    [seg0.name, seg0.first, procs],
  );
  const { win } = useZoomWindow({
    key: anonViewKey(key),
    kind: "pages",
    own: true,
    lo: range.lo,
    hi: range.hi,
    areaW: g.areaW,
    total: pages,
    wanted: !(range.lo <= 0.5 && range.hi >= pages - 0.5),
    ask,
    cover: rowsCover,
  });

  const surface = useRef<HTMLDivElement>(null);
  const opts: ZoomOptions = {
    key,
    x0: g.x0,
    areaW: g.areaW,
    height: g.height,
    pages,
    minPages: ZOOM_MIN_PAGES,
  };
  useZoomController(surface, opts, onZoom, true);

  const sources = useMemo(() => rows.map((r) => snapSource(snap, r.seg)), [snap, rows]);
  const tracks = useMemo(
    () =>
      rows.map((r) =>
        chunkTrack(
          r.seg,
          snap.amps.find((m) => m.id === r.seg.amp),
        ),
      ),
    [snap, rows],
  );
  const byProc = showsSlots(g, s.lo, s.hi) ? slotRows(win, rows, s) : null;
  const slots = byProc !== null;
  const viewSnap = useMemo(
    () => (win ? { ...snap, anons: win.anons, frames: win.frames } : snap),
    [snap, win],
  );
  const layout = byProc
    ? zoomSlots(
        g,
        rows.map((r) => {
          const wr = byProc.get(r.proc.name)!;
          const d = wr.detail as Extract<WindowRow["detail"], { kind: "pages" }>;
          return { proc: r.proc.name, pages: r.seg.pages, anonAt: (i: number) => d.anon[i - wr.from] ?? 0 };
        }),
        s,
        spanOf(snap.anons.count - 1, snap.pageSize, snap.frames.count - 1),
      )
    : null;
  const diagramRows: DiagramRow[] = byProc
    ? rows.map((r) => {
        const wr = byProc.get(r.proc.name)!;
        const d = wr.detail as Extract<WindowRow["detail"], { kind: "pages" }>;
        return { ...r, pages: { at: wr.from, anon: d.anon, frame: d.frame, hat: d.hat } };
      })
    : [];

  const onKey = (e: KeyboardEvent): void => onZoomKeys(e, ACTIONS);
  const shown = `pages ${fmt(seg0.first + Math.floor(s.lo))}–${fmt(seg0.first + Math.max(Math.floor(s.lo), Math.ceil(s.hi) - 1))}`;
  const visible = Math.ceil(s.hi) - Math.floor(s.lo);
  // a phone's strip is too narrow for the summary: it is centred on the whole view there, and
  // says how a finger zooms
  const compact = useCompact();
  const cx = compact ? g.width / 2 : g.band.x + g.band.w / 2;
  const zoomHint = compact
    ? "Pinch, or + / −, to see single slots and their anons."
    : "Zoom in (wheel, + / −, buttons) to see single slots and their anons.";
  return (
    <div
      ref={surface}
      className={`zoom-view${slots ? " slots" : ""}`}
      style={{ height: g.height }}
      data-zoom-surface=""
      data-lo={Math.floor(s.lo + 1e-6)}
      data-hi={Math.ceil(s.hi - 1e-6)}
      data-level={slots ? "slots" : win ? "window" : "summary"}
      data-x0={g.x0}
      data-area-w={g.areaW}
      tabIndex={0}
      role="group"
      aria-label={`Slot arrays of ${seg0.name}, ${shown} of ${fmt(pages)}. Zoom with the wheel or the + and − keys, 0 to see all; drag to pan.`}
      onKeyDown={onKey}
    >
      {rows.map((r, ri) => (
        <RowCanvas
          key={r.proc.name}
          g={g}
          geo={g.rows[ri]!}
          s={s}
          sources={
            win?.rows.find((x) => x.proc === r.proc.name)
              ? [windowSource(win.rows.find((x) => x.proc === r.proc.name)!), sources[ri]!]
              : [sources[ri]!]
          }
          track={tracks[ri]!}
          slots={slots}
          label={`${r.proc.name} ${r.seg.name}: ${shown}, one column per ${fmt(Math.max(1, Math.round(visible / g.areaW)))} ${visible / g.areaW >= 1.5 ? "pages" : "page"}`}
          theme={theme}
        />
      ))}
      <svg className="zoom-base" width={g.width} height={g.height} aria-hidden="true">
        {rows.map((r, ri) => (
          <g key={r.proc.name}>
            <ZoomCard snap={snap} row={r} geo={g.rows[ri]!} u={u} />
            {!slots && <Ticks g={g} geo={g.rows[ri]!} s={s} first={r.seg.first} />}
            <ChunkLabels g={g} geo={g.rows[ri]!} s={s} track={tracks[ri]!} slots={slots} />
          </g>
        ))}
        {!slots && g.band.h >= 24 * u && (
          <text
            x={cx}
            y={g.band.y + g.band.h / 2 - (g.band.h >= 40 * u ? 3 : -4) * u}
            textAnchor="middle"
            fontSize={FS * u}
            className="t-muted"
          >
            <tspan className="t-strong">{fmt(snap.anons.live)}</tspan> anon structs live · {shown} of{" "}
            {fmt(pages)}
            {g.band.h >= 40 * u && (
              <tspan x={cx} dy={LH * u}>
                {visible > g.areaW / (16 * u) ? zoomHint : "Loading the slots…"}
              </tspan>
            )}
          </text>
        )}
      </svg>
      {byProc && (
        <div className="sr-only">
          {rows.map((r) => {
            const wr = byProc.get(r.proc.name)!;
            const d = wr.detail as Extract<WindowRow["detail"], { kind: "pages" }>;
            const i0 = Math.max(wr.from, Math.floor(s.lo));
            const i1 = Math.min(wr.from + wr.count, Math.ceil(s.hi));
            const items = Array.from({ length: Math.max(0, i1 - i0) }, (_, k) => {
              const j = i0 + k - wr.from;
              const a = d.anon[j]!;
              return `page ${r.seg.first + i0 + k}: ${a ? `anon:${a} with an_refcnt ${d.refcnt[j]}` : "empty slot"}`;
            });
            return (
              <p key={r.proc.name}>
                {r.proc.name} {r.seg.name}: {items.join("; ")}.
              </p>
            );
          })}
        </div>
      )}
      {layout && (
        <AnonDiagram
          className="zoom-slots"
          snap={viewSnap}
          rows={diagramRows}
          layout={layout}
          cards={false}
          clip={{ x: g.x0, y: 0, w: g.areaW, h: g.height }}
        />
      )}
    </div>
  );
}
