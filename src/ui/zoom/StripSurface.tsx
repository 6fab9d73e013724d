/**
 * The surface of a one-axis zoomable strip (Physical memory's frames, the Swap device's slots):
 * the zoom buttons with where the view is, round item numbers above, the density strip on a
 * canvas, and over it (clipped to the strip) what the caller draws one by one at its zoom.
 * The canvas repaints in a handful of fillRects per frame, whatever the axis's length.
 */
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { useApp } from "../../state/store";
import { fmt } from "../layout/states";
import { stripColumns, type StripSource } from "../layout/zoomStrip";
import { pageScale, pageTicks, type PageScale } from "../layout/pageScale";
import { ZoomButtons } from "../ZoomButtons";
import { paintLane, readFills } from "./drawStrip";
import { onZoomKeys } from "./useZoomController";
import { FS } from "../layout/type";
import { stripSurfaceH, type StripZoom } from "./useStripZoom";

export interface StripNames {
  /** the items' number, e.g. "pfn" */
  readonly unit: string;
  /** all of them, e.g. "all frames" */
  readonly all: string;
  /** what + and − zoom, e.g. "on frames" */
  readonly of: string;
}

export interface StripView {
  /** the visible range, e.g. "pfn 12–40" or the `all` name */
  readonly shown: string;
  /** items per pixel column */
  readonly perCol: number;
  readonly s: PageScale;
}

export function StripSurface(props: {
  z: StripZoom;
  surface: RefObject<HTMLDivElement | null>;
  names: StripNames;
  /** CSS custom property per state the sources count */
  colors: readonly string[];
  sources: readonly StripSource[];
  /** the items are drawn one by one (the canvas stays blank); "boxes": they name themselves */
  cells: false | "cells" | "boxes";
  /** data-level for the tests: what the strip draws from */
  level: string;
  fresh: boolean;
  className: string;
  /** attributes that find the surface, e.g. { "data-frame-surface": "" } */
  tag: Readonly<Record<string, string>>;
  /** a few words left of the zoom buttons */
  caption?: ReactNode;
  label: (v: StripView) => string;
  canvasLabel: (v: StripView) => string;
  children: (v: StripView) => ReactNode;
}) {
  const {
    z,
    surface,
    names,
    colors,
    sources,
    cells,
    level,
    fresh,
    className,
    tag,
    label,
    canvasLabel,
    children,
    caption,
  } = props;
  const { lo, hi, x0, areaW, total, laneH, tickH, u } = z;
  const surfaceH = stripSurfaceH(laneH, u);
  const theme = useApp((s) => s.view.theme);
  // useId's characters are not all valid in url(#…)
  const clip = `strip-clip-${useId().replace(/[^\w-]/g, "")}`;
  const canvas = useRef<HTMLCanvasElement>(null);
  const fills = useRef<{ theme: string; f: string[] } | null>(null);
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const w = Math.floor(areaW);
  const width = areaW + 2 * x0;
  useLayoutEffect(() => {
    const cv = canvas.current;
    const ctx = cv?.getContext("2d");
    if (!cv || !ctx) return;
    if (fills.current?.theme !== theme) fills.current = { theme, f: readFills(cv, colors) };
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, laneH);
    if (cells) return;
    paintLane(ctx, stripColumns(sources, lo, hi, Math.round(w * dpr)).state, w, 0, laneH, fills.current.f);
  });

  const all = lo <= 0.5 && hi >= total - 0.5;
  const first = Math.floor(lo + 1e-6);
  const last = Math.max(first, Math.ceil(hi - 1e-6) - 1);
  const v: StripView = {
    shown: all ? names.all : `${names.unit} ${fmt(first)}–${fmt(last)}`,
    perCol: (hi - lo) / areaW,
    s: pageScale({ x0, areaW }, lo, Math.max(lo + 1e-6, hi)),
  };
  // boxes name their items; cells take the tick over their middle
  const ticks = cells === "boxes" ? [] : pageTicks(lo, hi, areaW / u);
  const half = cells ? areaW / (hi - lo) / 2 : 0;
  return (
    <div className="strip-zoom">
      <div className="strip-zoom-bar">
        {caption && <span className="strip-caption">{caption}</span>}
        <ZoomButtons
          range={v.shown}
          what={names.all}
          of={names.of}
          all={all}
          deepest={hi - lo <= z.minView + 0.5}
          actions={z.actions}
        />
      </div>
      <div
        ref={surface}
        className={`zoom-view strip-surface ${className}`}
        style={{ height: surfaceH }}
        {...tag}
        data-lo={first}
        data-hi={last + 1}
        data-level={level}
        data-fresh={fresh ? "1" : "0"}
        data-x0={x0}
        data-area-w={areaW}
        tabIndex={0}
        role="group"
        aria-label={label(v)}
        onKeyDown={(e: KeyboardEvent) => onZoomKeys(e, z.actions)}
      >
        <canvas
          ref={canvas}
          className="zoom-canvas"
          width={Math.round(w * dpr)}
          height={Math.round(laneH * dpr)}
          style={{ left: x0, top: tickH, width: w, height: laneH }}
          role="img"
          aria-label={canvasLabel(v)}
        />
        <svg className="zoom-base" width={width} height={surfaceH} aria-hidden={cells ? undefined : "true"}>
          <g className="zoom-ticks">
            {ticks.map((t) => {
              const x = v.s.x(t) + half;
              return (
                <text
                  key={t}
                  x={x}
                  y={tickH - 4 * u}
                  fontSize={FS * u}
                  textAnchor={x < x0 + 28 * u ? "start" : x > x0 + areaW - 28 * u ? "end" : "middle"}
                >
                  {fmt(t)}
                </text>
              );
            })}
          </g>
          <clipPath id={clip}>
            <rect x={x0} y={0} width={areaW} height={surfaceH} />
          </clipPath>
          <g clipPath={`url(#${clip})`}>{children(v)}</g>
        </svg>
      </div>
    </div>
  );
}
