/**
 * A small segment's page strip in Address spaces: a cell per page, coloured by its slot's state
 * and whether a translation is loaded, linked to the other panels; a big segment's frame, over
 * which the zoomable strip (SegZoom) lies.
 */
import { select, selectPages, selectSegment, setHover } from "../../../state/view";
import { pageKey, segKeyOf, type LinkSet } from "../../../state/links";
import { markKey, type MarkSet } from "../../../state/markSet";
import type { ProcSnap, SegSnap, Snapshot } from "../../../contract/wire/protocol";
import type { AsSegBox } from "../../layout/addressSpace";
import { zoomable } from "../../layout/segBox";
import { STATE_CLASS, slotState } from "../../layout/states";

export function PageStrip(props: {
  snap: Snapshot;
  proc: ProcSnap;
  seg: SegSnap;
  box: AsSegBox;
  links: LinkSet;
  nowPage: number | null;
  strip: { x: number; y: number; w: number; h: number };
  marks: MarkSet;
}) {
  const { snap, proc, seg, links, nowPage, strip, marks } = props;
  const { x: x0, y, w, h: STRIP_H } = strip;
  const sk = segKeyOf(seg);
  const d = seg.detail;
  if (d.kind === "pages" && !zoomable(seg, w)) {
    const cw = w / seg.pages;
    return (
      <g>
        {Array.from({ length: seg.pages }, (_, i) => {
          const key = pageKey(proc.name, sk, i);
          const st = slotState(snap, d.anon[i]!, d.frame[i]!);
          const mapped = d.hat[i]! > 0;
          return (
            <rect
              key={i}
              className={`cell hl ${STATE_CLASS[st]}${mapped ? "" : " unmapped"}${links.pages.has(key) ? " lit" : ""}${nowPage === i ? " now" : ""}${marks.slots.has(markKey(proc.name, seg.name, seg.first + i)) || marks.hats.has(markKey(proc.name, seg.name, seg.first + i)) ? " chg" : ""}`}
              data-link={`page:${key}`}
              x={x0 + i * cw + (cw >= 4 ? 0.5 : 0)}
              y={y}
              width={Math.max(1, cw - (cw >= 4 ? 1 : 0))}
              height={STRIP_H}
              onMouseEnter={() => setHover({ kind: "page", proc: proc.name, seg: sk, page: i })}
              onMouseLeave={() => setHover(null)}
              onClick={(e) => {
                e.stopPropagation();
                selectSegment(proc.name, { name: seg.name, first: seg.first });
                selectPages({ from: seg.first + i, to: seg.first + i });
                select({ kind: "page", proc: proc.name, seg: sk, page: i });
              }}
            >
              <title>{`${proc.name} ${seg.name} page ${seg.first + i}: ${mapped ? "translation loaded" : "no translation"}`}</title>
            </rect>
          );
        })}
      </g>
    );
  }
  // a big segment: the frame of its strip; the zoomable strip lies over it (SegZoom)
  return <rect className="strip-frame" x={x0} y={y} width={w} height={STRIP_H} />;
}
