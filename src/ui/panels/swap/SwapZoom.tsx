/**
 * The swap device when it is to be seen whole: every slot by number on a strip that zooms
 * (wheel, drag, the − + ⤒ buttons, + − 0 keys) from all of the device down to single slots,
 * then to boxes naming the anon each holds. Zoomed out it is a canvas, a column per group of
 * slots coloured in use where any is; the worker sends the slots of the visible range (a slot
 * window, `slots` request) as the view needs them, the snapshot's buckets fill in meanwhile.
 */
import { useMemo } from "react";
import type { Snapshot } from "../../../contract/wire/protocol";
import { FRAME_MIN_VIEW, frameLevel } from "../../layout/frameStrip";
import { SLOT_STATE_COLORS, deviceLength, swapUseSource, visibleSlots } from "../../layout/slotStrip";
import { axisSource } from "../../layout/zoomStrip";
import { fmt } from "../../layout/states";
import { useAxisWindow } from "../../zoom/useZoomWindow";
import { StripSurface } from "../../zoom/StripSurface";
import { SWAP_LANE_H } from "../../zoom/stripSize";
import { useStripZoom } from "../../zoom/useStripZoom";
import { useUnit } from "../../scale/useUnit";
import { SlotMarks, SwapSlots } from "./SwapSlots";

const NAMES = { unit: "slot", all: "the whole device", of: "on swap slots" } as const;

export { SWAP_LANE_H };

/** `start`: open zoomed in on slots [0, start), a close-up of the few in use (0: the whole device). */
export function SwapZoom({ snap, width, start = 0 }: { snap: Snapshot; width: number; start?: number }) {
  const total = deviceLength(snap.swap.deviceSlots);
  const u = useUnit();
  const laneH = SWAP_LANE_H * u;
  const { surface, z } = useStripZoom(
    `slot|${total}`,
    total,
    width,
    FRAME_MIN_VIEW,
    laneH,
    start,
    undefined,
    u,
  );
  const { lo, hi, x0, areaW, tickH } = z;
  const { win, fresh } = useAxisWindow("slots", `slot|${total}`, lo, hi, areaW, total);
  const level = frameLevel(areaW / u, lo, hi);
  const cells = level === "strip" ? null : visibleSlots(win, lo, hi, x0, areaW);
  const fallback = useMemo(() => swapUseSource(snap.swapUse, total), [snap.swapUse, total]);
  const sources = useMemo(() => (win ? [axisSource(win), fallback] : [fallback]), [win, fallback]);
  return (
    <StripSurface
      z={z}
      surface={surface}
      names={NAMES}
      colors={SLOT_STATE_COLORS}
      sources={sources}
      cells={cells ? (level === "boxes" ? "boxes" : "cells") : false}
      level={cells ? level : win ? "window" : "summary"}
      fresh={fresh}
      className="swap-surface"
      tag={{ "data-slot-surface": "" }}
      caption={`${fmt(snap.swapUse.used)} in use`}
      label={(v) =>
        `Swap device slots by number, ${v.shown} of ${fmt(total)}. Zoom with the wheel or the + and − keys, 0 to see all; drag to pan.`
      }
      canvasLabel={(v) =>
        `Swap device, ${v.shown}: ${cells ? "slots one by one" : `one column per ${fmt(Math.max(1, Math.round(v.perCol)))} slots`}, coloured free or in use; slot 0 is the device label.`
      }
    >
      {(v) => (
        <>
          {cells && <SwapSlots snap={snap} cells={cells} y={tickH} h={laneH} boxes={level === "boxes"} />}
          {/* named boxes carry their own now/linked border; a mark along their foot covered the last line */}
          {level !== "boxes" && (
            <SlotMarks s={v.s} y={cells ? tickH + laneH - 5 * u : tickH} height={cells ? 5 * u : laneH} />
          )}
        </>
      )}
    </StripSurface>
  );
}

/** The zoomable view's colours. */
export function SwapLegend() {
  return (
    <div className="legend" aria-label="Legend">
      <span>
        <i className="sw-empty" />
        free
      </span>
      <span>
        <i className="sw-swapped" />
        in use
      </span>
      <span>
        <i className="sw-label" />
        label (slot 0)
      </span>
      <span>
        <i className="sw-now" />
        this event
      </span>
    </div>
  );
}
