/**
 * The app's state colours (app.css .st-*, .cell.unmapped, .slot-*, .anon-box) as fills and
 * strokes for a palette: one table, so every panel of a frame colours a state the same way.
 */
import { PS_ANON, PS_EMPTY, PS_FILE, PS_SHARED, PS_SWAPPED } from "../../contract/wire/protocol";
import type { Palette } from "./theme";

export interface Paint {
  readonly fill: string;
  readonly stroke: string;
}

/** A page (or frame, or swap slot) in state PS_* with its translation loaded (or not). */
export function statePaint(p: Palette, state: number, mapped = true): Paint {
  switch (state) {
    case PS_FILE:
      return { fill: mapped ? p.file! : p["file-soft"]!, stroke: p.file! };
    case PS_ANON:
      return { fill: mapped ? p.anon! : p["anon-soft"]!, stroke: p.anon! };
    case PS_SHARED:
      return { fill: mapped ? p.shared! : p["shared-soft"]!, stroke: p.shared! };
    case PS_SWAPPED:
      return { fill: p.swap!, stroke: p.swap! };
    case PS_EMPTY:
    default:
      return { fill: p.empty!, stroke: p["line-strong"]! };
  }
}

/** An anon box or a filled slot: soft fill, full stroke (shared darker, on swap slate). */
export function anonPaint(p: Palette, refcnt: number, swapped: boolean): Paint {
  if (swapped) return { fill: p["swap-soft"]!, stroke: p.swap! };
  if (refcnt > 1) return { fill: p["shared-soft"]!, stroke: p.shared! };
  return { fill: p["anon-soft"]!, stroke: p.anon! };
}
