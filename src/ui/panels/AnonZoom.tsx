import { scaleLinear } from "d3";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { selectSegment } from "../../state/actions";
import { useApp } from "../../state/store";
import type { AmpSnap, ProcSnap, SegSnap, SegWindow, Snapshot, WindowRow } from "../../worker/protocol";
import { procColor } from "../colors";
import { fmt } from "../layout/states";
import {
  chunkColumns,
  chunkSpans,
  stripColumns,
  type ChunkTrack,
  type StripSource,
} from "../layout/zoomStrip";
import {
  pageScale,
  showsSlots,
  zoomGeometry,
  zoomSlots,
  ZOOM,
  ZOOM_MIN_PAGES,
  ZOOM_ROW_H,
  type PageScale,
  type ZoomGeom,
  type ZoomRow,
} from "../layout/zoomView";
import { slotState } from "../layout/states";
import { setActiveZoom, zoomFit, zoomIn, zoomOut } from "../zoom/active";
import { createZoomController, type ZoomController, type ZoomOptions } from "../zoom/controller";
import { paintRow, readColors, type StripColors } from "../zoom/drawStrip";
import { setZoom, useViewWindow, useZoom, zoomKey } from "../zoom/store";
import { startWindowSync } from "../zoom/windows";
import { AnonDiagram, type Row as DiagramRow } from "./AnonDiagram";

interface Row {
  proc: ProcSnap;
  seg: SegSnap;
}

/** The snapshot's own data for a row: its summary, or its pages with their states. */
function snapSource(snap: Snapshot, seg: SegSnap): StripSource {
  const d = seg.detail;
  if (d.kind === "summary") return { from: 0, count: seg.pages, per: d.pagesPerBucket, counts: d.counts };
  const state = new Uint8Array(seg.pages);
  for (let i = 0; i < seg.pages; i++) state[i] = slotState(snap, d.anon[i]!, d.frame[i]!);
  return { from: 0, count: seg.pages, per: 1, state, hat: d.hat };
}

function windowSource(r: WindowRow): StripSource {
  const d = r.detail;
  return d.kind === "pages"
    ? { from: r.from, count: r.count, per: 1, state: d.state, hat: d.hat }
    : { from: r.from, count: r.count, per: d.pagesPerBucket, counts: d.counts };
}

function chunkTrack(seg: SegSnap, amp: AmpSnap | undefined): ChunkTrack | null {
  if (!amp) return null;
  if (amp.chunkFill) return { fill: amp.chunkFill, chunkSlots: amp.chunkSlots, anonIndex: seg.anonIndex };
  // a flat anon_hdr is one array of `slots` pointers
  return {
    fill: Int16Array.of(Math.min(32767, seg.totals.filled)),
    chunkSlots: amp.slots,
    anonIndex: seg.anonIndex,
  };
}

const hdrText = (amp: AmpSnap | undefined): string =>
  !amp
    ? "amp NULL: no slot yet"
    : amp.levels === 1
      ? `anon_hdr: flat, ${fmt(amp.slots)} slots`
      : `anon_hdr: ${fmt(amp.chunks)}/${fmt(amp.slots / amp.chunkSlots)} chunks`;

/** The chain card: segvn_data → anon_map → anon_hdr, and the row's counts (not redrawn by zooming). */
const ZoomCard = memo(function ZoomCard({ snap, row, geo }: { snap: Snapshot; row: Row; geo: ZoomRow }) {
  const { proc, seg } = row;
  const amp = snap.amps.find((m) => m.id === seg.amp);
  const t = seg.totals;
  const c = geo.card;
  const color = procColor(snap.procs.indexOf(proc));
  return (
    <g
      className="density-row zoom-card"
      data-proc={proc.name}
      data-pages={seg.pages}
      data-filled={t.filled}
      data-shared={t.shared}
      data-swapped={t.swapped}
      data-mapped={t.mapped}
      data-levels={amp?.levels ?? 0}
      data-chunks={amp?.chunks ?? 0}
      onClick={() => selectSegment(proc.name, { name: seg.name, first: seg.first })}
    >
      <title>{`${proc.name} ${seg.name}: segvn_data → ${amp ? `anon_map amp:${amp.id} (refcnt ${amp.refcnt}, ${fmt(amp.pages)} pages) → anon_hdr of ${fmt(amp.slots)} slots, ${amp.levels === 1 ? "one flat array" : `two levels: ${fmt(amp.slots / amp.chunkSlots)} chunk pointers, ${fmt(amp.chunks)} chunks allocated (${amp.chunkSlots} slots each)`}` : "no anon_map yet"}. ${fmt(t.filled)} slots filled, ${fmt(t.shared)} shared (an_refcnt > 1), ${fmt(t.swapped)} on swap only, ${fmt(t.mapped)} translations loaded.`}</title>
      <rect className="card" x={c.x} y={c.y} width={c.w} height={c.h} rx={5} />
      <rect x={c.x} y={c.y} width={4} height={c.h} rx={2} fill={color} />
      <text x={c.x + 10} y={c.y + 12} fontSize={11}>
        <tspan className="t-bold" fill={color}>
          {proc.name}
        </tspan>
        <tspan className="t-mono" fontSize={10}>
          {` segvn_data → ${amp ? `amp:${amp.id}` : "NULL"}`}
        </tspan>
      </text>
      <text x={c.x + 10} y={c.y + 25} fontSize={10} className="t-mono t-muted">
        {hdrText(amp)}
      </text>
      <text x={c.x + 10} y={c.y + 38} fontSize={10} className="t-muted">
        <tspan className="t-strong">{fmt(t.filled)}</tspan> filled ·{" "}
        <tspan className="t-strong">{fmt(t.shared)}</tspan> shared
      </text>
      <text x={c.x + 10} y={c.y + 51} fontSize={10} className="t-muted">
        <tspan className="t-strong">{fmt(t.swapped)}</tspan> on swap ·{" "}
        <tspan className="t-strong">{fmt(t.mapped)}</tspan> mapped
      </text>
    </g>
  );
});

/** Page numbers along a row's label band (the strip zooms; at single slots the cells carry them). */
function Ticks({ g, geo, s, first }: { g: ZoomGeom; geo: ZoomRow; s: PageScale; first: number }) {
  const ticks = scaleLinear()
    .domain([s.lo, s.hi])
    .ticks(Math.max(2, Math.floor(g.areaW / 90)))
    .filter((t) => Number.isInteger(t) && t >= s.lo && t <= s.hi);
  const y = geo.labelY + (geo.above ? ZOOM.labelH - 3 : 10);
  return (
    <g className="zoom-ticks">
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={s.x(t)}
            x2={s.x(t)}
            y1={geo.above ? geo.hatY - 3 : geo.labelY}
            y2={geo.above ? geo.hatY : geo.labelY + 3}
          />
          <text
            x={s.x(t)}
            y={y}
            fontSize={9.5}
            textAnchor={s.x(t) < g.x0 + 20 ? "start" : s.x(t) > g.x0 + g.areaW - 20 ? "end" : "middle"}
          >
            {fmt(first + t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Chunk names in the chunk track, once a chunk is wide enough to hold one. */
function ChunkLabels({
  g,
  geo,
  s,
  track,
  slots,
}: {
  g: ZoomGeom;
  geo: ZoomRow;
  s: PageScale;
  track: ChunkTrack | null;
  slots: boolean;
}) {
  if (!track || track.fill.length < 2) return null;
  const spans = chunkSpans(track, s.lo, s.hi, 64);
  if (spans.length === 0 || spans.length >= 64) return null;
  const wide = s.x(spans[0]!.p1) - s.x(spans[0]!.p0);
  if (wide < 56) return null;
  return (
    <g className="zoom-chunks">
      {spans.map((c) => {
        const x0 = Math.max(g.x0, s.x(c.p0));
        const x1 = Math.min(g.x0 + g.areaW, s.x(c.p1));
        const bx = s.x(c.p0);
        return (
          <g key={c.chunk} data-chunk={c.chunk} data-chunk-used={c.used}>
            {x1 - x0 >= 48 && (
              <text
                x={(x0 + x1) / 2}
                y={geo.chunkY + 8.5}
                fontSize={8.5}
                textAnchor="middle"
                className="t-mono"
              >
                {c.used < 0
                  ? `chunk ${c.chunk}: NULL`
                  : x1 - x0 >= 120
                    ? `chunk ${c.chunk} · ${c.used}/${track.chunkSlots} used`
                    : `chunk ${c.chunk}`}
              </text>
            )}
            {slots && bx > g.x0 && bx < g.x0 + g.areaW && (
              <line
                className="chunk-edge"
                x1={bx}
                x2={bx}
                y1={Math.min(geo.chunkY, geo.slotY)}
                y2={Math.max(geo.chunkY + ZOOM.chunkH, geo.slotY + ZOOM.slotH)}
              />
            )}
          </g>
        );
      })}
    </g>
  );
}

/** One row's canvas: chunk track, translation lane, slot lane, repainted on every zoom frame. */
function RowCanvas(props: {
  g: ZoomGeom;
  geo: ZoomRow;
  s: PageScale;
  sources: readonly StripSource[];
  track: ChunkTrack | null;
  slots: boolean;
  label: string;
  theme: string;
}) {
  const { g, geo, s, sources, track, slots, label, theme } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  const colors = useRef<{ theme: string; c: StripColors } | null>(null);
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const w = Math.max(1, Math.floor(g.areaW));
  useLayoutEffect(() => {
    const cv = ref.current;
    const ctx = cv?.getContext("2d");
    if (!cv || !ctx) return;
    if (!colors.current || colors.current.theme !== theme) colors.current = { theme, c: readColors(cv) };
    const columns = Math.round(w * dpr);
    const top = geo.top;
    const spans = track ? chunkSpans(track, s.lo, s.hi, Math.ceil(w / 3)) : null;
    const wideChunks =
      spans &&
      spans.length > 0 &&
      spans.length < Math.ceil(w / 3) &&
      s.x(spans[0]!.p1) - s.x(spans[0]!.p0) >= 3;
    paintRow(
      ctx,
      {
        width: w,
        height: ZOOM_ROW_H,
        dpr,
        chunkY: geo.chunkY - top,
        chunkH: ZOOM.chunkH,
        hatY: geo.hatY - top,
        hatH: ZOOM.hatH,
        slotY: geo.slotY - top,
        slotH: ZOOM.slotH,
        cols: slots ? null : stripColumns(sources, s.lo, s.hi, columns),
        spans: wideChunks ? spans.map((c) => ({ ...c, x0: s.x(c.p0) - g.x0, x1: s.x(c.p1) - g.x0 })) : null,
        chunkCols: track && !wideChunks ? chunkColumns(track, s.lo, s.hi, columns) : null,
        chunkSlots: track?.chunkSlots ?? 1,
      },
      colors.current.c,
    );
  });
  return (
    <canvas
      ref={ref}
      className="zoom-canvas"
      width={Math.round(w * dpr)}
      height={Math.round(ZOOM_ROW_H * dpr)}
      style={{ left: g.x0, top: geo.top, width: w, height: ZOOM_ROW_H }}
      role="img"
      aria-label={label}
    />
  );
}

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
  const procs = useMemo(() => rows.map((r) => r.proc.name), [rows]);
  const procsKey = procs.join(",");
  const g = useMemo(() => zoomGeometry(procsKey.split(","), width, height), [procsKey, width, height]);
  const seg0 = rows[0]!.seg;
  const pages = Math.max(1, ...rows.map((r) => r.seg.pages));
  const key = zoomKey(seg0, procs, pages);
  const range = useZoom(useShallow((z) => (z.key === key ? { lo: z.lo, hi: z.hi } : { lo: 0, hi: pages })));
  const win = useViewWindow();
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
        win: null,
      });
    else if (z.areaW !== g.areaW) setZoom({ areaW: g.areaW });
  }, [key, seg0.name, seg0.first, procs, pages, g.areaW]);
  useEffect(() => startWindowSync(), []);

  const surface = useRef<HTMLDivElement>(null);
  const ctl = useRef<ZoomController | null>(null);
  const opts: ZoomOptions = {
    key,
    x0: g.x0,
    areaW: g.areaW,
    height: g.height,
    pages,
    minPages: ZOOM_MIN_PAGES,
  };
  const optsRef = useRef(opts);
  useLayoutEffect(() => {
    optsRef.current = opts;
  });
  useEffect(() => {
    const c = createZoomController(surface.current!, optsRef.current, (lo, hi) => setZoom({ lo, hi }));
    ctl.current = c;
    setActiveZoom(c);
    return () => {
      c.destroy();
      ctl.current = null;
      setActiveZoom(null);
    };
  }, []);
  useEffect(() => {
    ctl.current?.update(optsRef.current);
  }, [key, g.x0, g.areaW, g.height, pages]);

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
      )
    : null;
  const diagramRows: DiagramRow[] = byProc
    ? rows.map((r) => {
        const wr = byProc.get(r.proc.name)!;
        const d = wr.detail as Extract<WindowRow["detail"], { kind: "pages" }>;
        return { ...r, pages: { at: wr.from, anon: d.anon, frame: d.frame, hat: d.hat } };
      })
    : [];

  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const act =
      e.key === "+" || e.key === "="
        ? zoomIn
        : e.key === "-" || e.key === "_"
          ? zoomOut
          : e.key === "0"
            ? zoomFit
            : null;
    if (!act) return;
    e.preventDefault();
    e.stopPropagation();
    act();
  };
  const shown = `pages ${fmt(seg0.first + Math.floor(s.lo))}–${fmt(seg0.first + Math.max(Math.floor(s.lo), Math.ceil(s.hi) - 1))}`;
  const visible = Math.ceil(s.hi) - Math.floor(s.lo);
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
            <ZoomCard snap={snap} row={r} geo={g.rows[ri]!} />
            {!slots && <Ticks g={g} geo={g.rows[ri]!} s={s} first={r.seg.first} />}
            <ChunkLabels g={g} geo={g.rows[ri]!} s={s} track={tracks[ri]!} slots={slots} />
          </g>
        ))}
        {!slots && g.band.h >= 24 && (
          <text
            x={g.band.x + g.band.w / 2}
            y={g.band.y + g.band.h / 2 - (g.band.h >= 40 ? 3 : -4)}
            textAnchor="middle"
            fontSize={11}
            className="t-muted"
          >
            <tspan className="t-strong">{fmt(snap.anons.live)}</tspan> anon structs live · {shown} of{" "}
            {fmt(pages)}
            {g.band.h >= 40 && (
              <tspan x={g.band.x + g.band.w / 2} dy={15}>
                {visible > g.areaW / 16
                  ? "Zoom in (wheel, + / −, buttons) to see single slots and their anons."
                  : "Loading the slots…"}
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

/** The Anon layer header's zoom controls, and where the view is. */
export function ZoomBar() {
  const z = useZoom(useShallow((x) => ({ lo: x.lo, hi: x.hi, pages: x.pages, first: x.seg?.first ?? 0 })));
  const all = z.lo <= 0.5 && z.hi >= z.pages - 0.5;
  return (
    <span className="zoom-bar">
      <span className="zoom-range" aria-live="polite">
        {all
          ? "all pages"
          : `pages ${fmt(z.first + Math.floor(z.lo))}–${fmt(z.first + Math.max(Math.floor(z.lo), Math.ceil(z.hi) - 1))}`}
      </span>
      <button
        type="button"
        className="btn"
        aria-label="Zoom out"
        title="Zoom out (−)"
        onClick={zoomOut}
        disabled={all}
      >
        −
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={zoomIn}
        disabled={z.hi - z.lo <= ZOOM_MIN_PAGES + 0.5}
      >
        +
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Show the whole mapping"
        title="Show the whole mapping (0)"
        onClick={zoomFit}
        disabled={all}
      >
        ⤒
      </button>
    </span>
  );
}
