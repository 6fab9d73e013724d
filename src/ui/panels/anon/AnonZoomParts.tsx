/**
 * The pieces of the zoomable Anon layer view (AnonZoom.tsx): where each row's strip data
 * comes from, the chain cards, page ticks and chunk labels drawn in SVG, and the row canvases
 * repainted on every zoom frame.
 */
import { memo, useLayoutEffect, useRef } from "react";
import { selectSegment } from "../../../state/view";
import type { AmpSnap, ProcSnap, SegSnap, Snapshot, WindowRow } from "../../../contract/wire/protocol";
import { procColor } from "../../colors";
import { fmt } from "../../layout/states";
import {
  chunkColumns,
  chunkSpans,
  stripColumns,
  type ChunkTrack,
  type StripSource,
} from "../../layout/zoomStrip";
import { pageTicks, type PageScale } from "../../layout/pageScale";
import type { ZoomGeom, ZoomRow } from "../../layout/zoomGeometry";
import { fitText } from "../../layout/states";
import { FS, FS_NAME, LH, LH_NAME, MONO_EM, SANS_EM } from "../../layout/type";
import { slotState } from "../../layout/states";
import { paintRow, readColors, type StripColors } from "../../zoom/drawStrip";

export interface Row {
  proc: ProcSnap;
  seg: SegSnap;
}

/** The snapshot's own data for a row: its summary, or its pages with their states. */
export function snapSource(snap: Snapshot, seg: SegSnap): StripSource {
  const d = seg.detail;
  if (d.kind === "summary") return { from: 0, count: seg.pages, per: d.pagesPerBucket, counts: d.counts };
  const state = new Uint8Array(seg.pages);
  for (let i = 0; i < seg.pages; i++) state[i] = slotState(snap, d.anon[i]!, d.frame[i]!);
  return { from: 0, count: seg.pages, per: 1, state, hat: d.hat };
}

export function windowSource(r: WindowRow): StripSource {
  const d = r.detail;
  return d.kind === "pages"
    ? { from: r.from, count: r.count, per: 1, state: d.state, hat: d.hat }
    : { from: r.from, count: r.count, per: d.pagesPerBucket, counts: d.counts };
}

export function chunkTrack(seg: SegSnap, amp: AmpSnap | undefined): ChunkTrack | null {
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
export const ZoomCard = memo(function ZoomCard({
  snap,
  row,
  geo,
  u,
}: {
  snap: Snapshot;
  row: Row;
  geo: ZoomRow;
  u: number;
}) {
  const { proc, seg } = row;
  const amp = snap.amps.find((m) => m.id === seg.amp);
  const t = seg.totals;
  const c = geo.card;
  const color = procColor(snap.procs.indexOf(proc));
  const x = c.x + 10 * u;
  const room = c.w - 14 * u;
  const mono = FS * MONO_EM * u;
  const sans = FS * SANS_EM * u;
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
      <rect className="card" x={c.x} y={c.y} width={c.w} height={c.h} rx={5 * u} />
      <rect x={c.x} y={c.y} width={4 * u} height={c.h} rx={2 * u} fill={color} />
      <text x={x} y={c.y + (LH_NAME + 1) * u} fontSize={FS_NAME * u}>
        <tspan className="t-bold" fill={color}>
          {proc.name}
        </tspan>
        <tspan className="t-mono" fontSize={FS * u}>
          {fitText(
            room - 3 * FS_NAME * u,
            mono,
            ` segvn_data → ${amp ? `amp:${amp.id}` : "NULL"}`,
            ` → ${amp ? `amp:${amp.id}` : "NULL"}`,
          )}
        </tspan>
      </text>
      <text x={x} y={c.y + (LH_NAME + LH + 1) * u} fontSize={FS * u} className="t-mono t-muted">
        {fitText(room, mono, hdrText(amp), hdrText(amp).replace("anon_hdr: ", "hdr "))}
      </text>
      <text x={x} y={c.y + (LH_NAME + 2 * LH + 1) * u} fontSize={FS * u} className="t-muted">
        {fitText(room, sans, `${fmt(t.filled)} filled · ${fmt(t.shared)} shared`, `${fmt(t.filled)} filled`)}
      </text>
      <text x={x} y={c.y + (LH_NAME + 3 * LH + 1) * u} fontSize={FS * u} className="t-muted">
        {fitText(
          room,
          sans,
          `${fmt(t.swapped)} on swap · ${fmt(t.mapped)} mapped`,
          `${fmt(t.mapped)} mapped`,
        )}
      </text>
    </g>
  );
});

/** Page numbers along a row's label band (the strip zooms; at single slots the cells carry them). */
export function Ticks({ g, geo, s, first }: { g: ZoomGeom; geo: ZoomRow; s: PageScale; first: number }) {
  const ticks = pageTicks(s.lo, s.hi, g.areaW / g.u);
  const u = g.u;
  const y = geo.labelY + (geo.above ? g.m.labelH - 3 * u : FS * u);
  return (
    <g className="zoom-ticks">
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={s.x(t)}
            x2={s.x(t)}
            y1={geo.above ? geo.hatY - 3 * u : geo.labelY}
            y2={geo.above ? geo.hatY : geo.labelY + 3 * u}
          />
          <text
            x={s.x(t)}
            y={y}
            fontSize={FS * u}
            textAnchor={
              s.x(t) < g.x0 + 24 * u ? "start" : s.x(t) > g.x0 + g.areaW - 24 * u ? "end" : "middle"
            }
          >
            {fmt(first + t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Chunk names in the chunk track, once a chunk is wide enough to hold one. */
export function ChunkLabels({
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
  const u = g.u;
  const wide = s.x(spans[0]!.p1) - s.x(spans[0]!.p0);
  if (wide < 70 * u) return null;
  return (
    <g className="zoom-chunks">
      {spans.map((c) => {
        const x0 = Math.max(g.x0, s.x(c.p0));
        const x1 = Math.min(g.x0 + g.areaW, s.x(c.p1));
        const bx = s.x(c.p0);
        return (
          <g key={c.chunk} data-chunk={c.chunk} data-chunk-used={c.used}>
            {x1 - x0 >= 70 * u && (
              <text
                x={(x0 + x1) / 2}
                y={geo.chunkY + g.m.chunkH - 3.5 * u}
                fontSize={FS * u}
                textAnchor="middle"
                className="t-mono"
              >
                {fitText(
                  x1 - x0 - 6 * u,
                  FS * MONO_EM * u,
                  ...(c.used < 0
                    ? [`chunk ${c.chunk}: NULL`, `${c.chunk}: NULL`]
                    : [`chunk ${c.chunk} · ${c.used}/${track.chunkSlots} used`, `chunk ${c.chunk}`]),
                )}
              </text>
            )}
            {slots && bx > g.x0 && bx < g.x0 + g.areaW && (
              <line
                className="chunk-edge"
                x1={bx}
                x2={bx}
                y1={Math.min(geo.chunkY, geo.slotY)}
                y2={Math.max(geo.chunkY + g.m.chunkH, geo.slotY + g.m.slotH)}
              />
            )}
          </g>
        );
      })}
    </g>
  );
}

/** One row's canvas: chunk track, translation lane, slot lane, repainted on every zoom frame. */
export function RowCanvas(props: {
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
        height: g.m.rowH,
        dpr,
        chunkY: geo.chunkY - top,
        chunkH: g.m.chunkH,
        hatY: geo.hatY - top,
        hatH: g.m.hatH,
        slotY: geo.slotY - top,
        slotH: g.m.slotH,
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
      height={Math.round(g.m.rowH * dpr)}
      style={{ left: g.x0, top: geo.top, width: w, height: g.m.rowH }}
      role="img"
      aria-label={label}
    />
  );
}
