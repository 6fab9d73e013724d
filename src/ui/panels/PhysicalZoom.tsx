/**
 * Physical memory when it holds too many pages to draw one by one: every frame by pfn on a
 * strip that zooms (wheel, drag, the − + ⤒ buttons, + − 0 keys) from all of RAM down to single
 * frames, then to boxes naming the page each holds. Zoomed out it is a canvas, a column per
 * group of frames coloured by the state most of them are in; the worker sends the frames of
 * the visible range (a frame window) as the view needs them, the snapshot's pfn buckets fill
 * in meanwhile.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Snapshot } from "../../worker/protocol";
import { useApp } from "../../state/store";
import {
  FRAME_MIN_VIEW,
  FRAME_STATE_COLORS,
  FRAME_STATE_NAMES,
  frameLevel,
  frameSource,
  physSource,
  visibleFrames,
} from "../layout/frameStrip";
import { fmt } from "../layout/states";
import { stripColumns } from "../layout/zoomStrip";
import { pageScale, pageTicks } from "../layout/zoomView";
import { paintLane, readFills } from "../zoom/drawStrip";
import { useFrameWindow } from "../zoom/frameWindow";
import { actionsOf, onZoomKeys, useZoomController } from "../zoom/useZoomController";
import { ZoomButtons } from "../ZoomButtons";
import { FrameCells } from "./PhysicalFrames";
import { ViewFrameMarks } from "./PhysicalMemoryView";

const PAD = 8;
const TICK_H = 14;
/** The strip is tall enough for a box of four lines at the deepest zoom. */
const STRIP_H = 60;
const SURFACE_H = TICK_H + STRIP_H + 2;

export function PhysicalZoom({ snap, width }: { snap: Snapshot; width: number }) {
  const theme = useApp((s) => s.view.theme);
  const total = snap.ramPages;
  const x0 = PAD;
  const areaW = Math.max(60, width - 2 * PAD);
  const [range, setRange] = useState({ lo: 0, hi: total, total });
  // another machine (another RAM size) starts zoomed out
  const r = range.total === total ? range : { lo: 0, hi: total, total };
  const { lo, hi } = r;
  const surface = useRef<HTMLDivElement>(null);
  const ctl = useZoomController(
    surface,
    { key: `pfn|${total}`, x0, areaW, height: SURFACE_H, pages: total, minPages: FRAME_MIN_VIEW },
    (l, h) => setRange({ lo: l, hi: h, total }),
  );
  const actions = useMemo(() => actionsOf(ctl), [ctl]);
  const { win, fresh } = useFrameWindow(lo, hi, areaW, total);
  const level = frameLevel(areaW, lo, hi);
  const cells = level === "strip" ? null : visibleFrames(win, lo, hi, x0, areaW);
  const fallback = useMemo(() => physSource(snap.phys, total), [snap.phys, total]);
  const sources = useMemo(() => (win ? [frameSource(win), fallback] : [fallback]), [win, fallback]);
  const s = pageScale({ x0, areaW }, lo, Math.max(lo + 1e-6, hi));

  const canvas = useRef<HTMLCanvasElement>(null);
  const fills = useRef<{ theme: string; f: string[] } | null>(null);
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const w = Math.floor(areaW);
  useLayoutEffect(() => {
    const cv = canvas.current;
    const ctx = cv?.getContext("2d");
    if (!cv || !ctx) return;
    if (fills.current?.theme !== theme) fills.current = { theme, f: readFills(cv, FRAME_STATE_COLORS) };
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, STRIP_H);
    if (cells) return;
    paintLane(ctx, stripColumns(sources, lo, hi, Math.round(w * dpr)).state, w, 0, STRIP_H, fills.current.f);
  });

  const all = lo <= 0.5 && hi >= total - 0.5;
  const first = Math.floor(lo + 1e-6);
  const last = Math.max(first, Math.ceil(hi - 1e-6) - 1);
  const shown = all ? "all frames" : `pfn ${fmt(first)}–${fmt(last)}`;
  const perCol = (hi - lo) / areaW;
  // the boxes name their pfns; cells take the tick over their middle
  const ticks = level === "boxes" && cells ? [] : pageTicks(lo, hi, areaW);
  const half = cells ? areaW / (hi - lo) / 2 : 0;
  return (
    <div className="phys-zoom">
      <div className="phys-zoom-bar">
        <ZoomButtons
          range={shown}
          what="all frames"
          of="on frames"
          all={all}
          deepest={hi - lo <= FRAME_MIN_VIEW + 0.5}
          actions={actions}
        />
      </div>
      <div
        ref={surface}
        className="zoom-view phys-surface"
        style={{ height: SURFACE_H }}
        data-frame-surface=""
        data-lo={first}
        data-hi={last + 1}
        data-level={cells ? level : win ? "window" : "summary"}
        data-fresh={fresh ? "1" : "0"}
        data-x0={x0}
        data-area-w={areaW}
        tabIndex={0}
        role="group"
        aria-label={`Frames by pfn, ${shown} of ${fmt(total)}. Zoom with the wheel or the + and − keys, 0 to see all; drag to pan.`}
        onKeyDown={(e: KeyboardEvent) => onZoomKeys(e, actions)}
      >
        <canvas
          ref={canvas}
          className="zoom-canvas"
          width={Math.round(w * dpr)}
          height={Math.round(STRIP_H * dpr)}
          style={{ left: x0, top: TICK_H, width: w, height: STRIP_H }}
          role="img"
          aria-label={`Physical memory, ${shown}: ${cells ? "frames one by one" : `one column per ${fmt(Math.max(1, Math.round(perCol)))} frames`}, coloured free, file page, anon page, shared anon page, cachelist.`}
        />
        <svg className="zoom-base" width={width} height={SURFACE_H} aria-hidden={cells ? undefined : "true"}>
          <g className="zoom-ticks">
            {ticks.map((t) => {
              const x = s.x(t) + half;
              return (
                <text
                  key={t}
                  x={x}
                  y={TICK_H - 4}
                  fontSize={9.5}
                  textAnchor={x < x0 + 24 ? "start" : x > x0 + areaW - 24 ? "end" : "middle"}
                >
                  {fmt(t)}
                </text>
              );
            })}
          </g>
          <clipPath id="phys-clip">
            <rect x={x0} y={0} width={areaW} height={SURFACE_H} />
          </clipPath>
          <g clipPath="url(#phys-clip)">
            {cells && win && (
              <FrameCells
                snap={snap}
                win={win}
                cells={cells}
                y={TICK_H}
                h={STRIP_H}
                boxes={level === "boxes"}
              />
            )}
            <ViewFrameMarks
              snap={snap}
              s={s}
              y={cells ? TICK_H + STRIP_H - 5 : TICK_H}
              height={cells ? 5 : STRIP_H}
            />
          </g>
        </svg>
      </div>
    </div>
  );
}

const SWATCH = ["sw-empty", "sw-file", "sw-anon", "sw-shared", "sw-cached"] as const;

/** The zoomable view's colours (frame states), with the marks of the Anon layer's frames. */
export function PhysLegend() {
  return (
    <div className="legend" aria-label="Legend">
      {FRAME_STATE_NAMES.map((n, i) => (
        <span key={n}>
          <i className={SWATCH[i]} />
          {n}
        </span>
      ))}
      <span>
        <i className="sw-now" />
        this event
      </span>
    </div>
  );
}
