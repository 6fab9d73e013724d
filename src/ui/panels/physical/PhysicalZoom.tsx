/**
 * Physical memory when it holds too many pages to draw one by one: every frame by pfn on a
 * strip that zooms (wheel, drag, the − + ⤒ buttons, + − 0 keys) from all of RAM down to single
 * frames, then to boxes naming the page each holds. Zoomed out it is a canvas, a column per
 * group of frames coloured by the state most of them are in; the worker sends the frames of
 * the visible range (a frame window) as the view needs them, the snapshot's pfn buckets fill
 * in meanwhile.
 */
import { useMemo } from "react";
import type { Snapshot } from "../../../contract/wire/protocol";
import {
  FRAME_COMPACT_MIN,
  FRAME_MIN_VIEW,
  FRAME_STATE_COLORS,
  FRAME_STATE_NAMES,
  frameLevel,
  frameSource,
  physSource,
  visibleFrames,
} from "../../layout/frameStrip";
import { fmt } from "../../layout/states";
import { useAxisWindow } from "../../zoom/useZoomWindow";
import { StripSurface } from "../../zoom/StripSurface";
import { STRIP_LANE_H, STRIP_PAD, useStripZoom } from "../../zoom/useStripZoom";
import { useUnit } from "../../scale/useUnit";
import { FrameCells } from "./PhysicalFrames";
import { ViewFrameMarks } from "./PhysicalMemoryView";

const NAMES = { unit: "pfn", all: "all frames", of: "on frames" } as const;

export function PhysicalZoom({ snap, width }: { snap: Snapshot; width: number }) {
  const total = snap.ramPages;
  const u = useUnit();
  const laneH = STRIP_LANE_H * u;
  // + and − stop at the compact boxes on the way, which a ×4 step would jump over
  const areaWidth = Math.max(60 * u, width - 2 * STRIP_PAD * u);
  const stops = useMemo(() => [areaWidth / (FRAME_COMPACT_MIN * u)], [areaWidth, u]);
  const { surface, z } = useStripZoom(`pfn|${total}`, total, width, FRAME_MIN_VIEW, laneH, 0, stops, u);
  const { lo, hi, x0, areaW, tickH } = z;
  const { win, fresh } = useAxisWindow("frames", `pfn|${total}`, lo, hi, areaW, total);
  const level = frameLevel(areaW / u, lo, hi, true);
  const named = level === "boxes" || level === "compact";
  const cells = level === "strip" ? null : visibleFrames(win, lo, hi, x0, areaW);
  const fallback = useMemo(() => physSource(snap.phys, total), [snap.phys, total]);
  const sources = useMemo(() => (win ? [frameSource(win), fallback] : [fallback]), [win, fallback]);
  return (
    <StripSurface
      z={z}
      surface={surface}
      names={NAMES}
      colors={FRAME_STATE_COLORS}
      sources={sources}
      cells={cells ? (named ? "boxes" : "cells") : false}
      level={cells ? level : win ? "window" : "summary"}
      fresh={fresh}
      className="phys-surface"
      tag={{ "data-frame-surface": "" }}
      label={(v) =>
        `Frames by pfn, ${v.shown} of ${fmt(total)}. Zoom with the wheel or the + and − keys, 0 to see all; drag to pan.`
      }
      canvasLabel={(v) =>
        `Physical memory, ${v.shown}: ${cells ? "frames one by one" : `one column per ${fmt(Math.max(1, Math.round(v.perCol)))} frames`}, coloured free, file page, anon page, shared anon page, cachelist.`
      }
    >
      {(v) => (
        <>
          {cells && win && (
            <FrameCells
              snap={snap}
              win={win}
              cells={cells}
              y={tickH}
              h={laneH}
              boxes={named}
              compact={level === "compact"}
            />
          )}
          {/* named boxes carry their own now/linked border; a mark along their foot covered the last line */}
          {!(cells && named) && (
            <ViewFrameMarks
              snap={snap}
              s={v.s}
              y={cells ? tickH + laneH - 5 * u : tickH}
              height={cells ? 5 * u : laneH}
            />
          )}
        </>
      )}
    </StripSurface>
  );
}

/** Swatch and short label per FS_* state, in the Anon layer's words (the full name is the tooltip). */
const LEGEND = [
  ["sw-empty", "free"],
  ["sw-file", "file"],
  ["sw-anon", "anon"],
  ["sw-shared", "shared"],
  ["sw-cached", "cached"],
] as const;

/** The zoomable view's colours (frame states), short enough for one line at the default size. */
export function PhysLegend() {
  return (
    <div className="legend tight" aria-label="Legend">
      {LEGEND.map(([sw, short], i) => (
        <span key={sw} title={FRAME_STATE_NAMES[i]}>
          <i className={sw} />
          {short}
        </span>
      ))}
      <span title="what the current kernel event touched">
        <i className="sw-now" />
        this event
      </span>
    </div>
  );
}
