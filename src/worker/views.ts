/**
 * The windows of the zoomed views a request names, at one position: a mapping's pages
 * (window.ts), frames by pfn (frames.ts) or swap slots by number (slots.ts). Nothing is kept:
 * the next request names its views again.
 */
import type { VmState } from "../engine/types";
import { VIEWS_MAX, type Position, type ViewQuery, type ViewWindow } from "../contract/wire/protocol";
import { buildFrameWindow } from "./frames";
import { buildSlotWindow } from "./slots";
import { buildWindow } from "./window";

export function answerViews(
  st: VmState,
  gen: number,
  pos: Position,
  seq: number,
  views: readonly ViewQuery[] | undefined,
): ViewWindow[] {
  return (views ?? []).slice(0, VIEWS_MAX).map((v): ViewWindow => {
    const key = v.key;
    switch (v.kind) {
      case "pages":
        return { key, kind: v.kind, window: buildWindow(st, gen, pos, seq, v.query) };
      case "frames":
        return { key, kind: v.kind, window: buildFrameWindow(st, gen, pos, seq, v.query) };
      case "slots":
        return { key, kind: v.kind, window: buildSlotWindow(st, gen, pos, seq, v.query) };
    }
  });
}

/** `{ views }` for a reply: nothing when the request named none. */
export const viewsPart = (
  st: VmState,
  gen: number,
  pos: Position,
  seq: number,
  views: readonly ViewQuery[] | undefined,
): { views?: ViewWindow[] } => (views?.length ? { views: answerViews(st, gen, pos, seq, views) } : {});
