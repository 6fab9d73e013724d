/** The frame window (frames by pfn) the zoomed Physical memory view draws. */
import { requestFrames } from "../../state/actions";
import type { FrameWindow } from "../../worker/protocol";
import { useSpanWindow, type Cover } from "./spanWindow";

const cover = (w: FrameWindow): Cover => ({
  from: w.from,
  count: w.count,
  per: w.detail.kind === "frames" ? 1 : w.detail.pagesPerBucket,
});

export function useFrameWindow(
  lo: number,
  hi: number,
  areaW: number,
  total: number,
): { win: FrameWindow | null; fresh: boolean } {
  return useSpanWindow({ lo, hi, areaW, total, wanted: true, fetch: requestFrames, cover });
}
