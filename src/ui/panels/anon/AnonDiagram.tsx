import { useId } from "react";
import { pageKey, segKeyOf } from "../../../state/links";
import type { Snapshot } from "../../../contract/wire/protocol";
import type { Row } from "./anonRow";
import { refcntIn } from "../../../contract/wire/tables";
import { useLinks } from "../../hooks/useLinks";
import { useHoverWord } from "../../phone/compact";
import type { AnonLayout } from "../../layout/anonTypes";
import { hLink } from "../../layout/links";
import { FS } from "../../layout/type";
import { AnonBoxes } from "./AnonBoxes";
import { ChainCard } from "./ChainCard";
import { SlotCells } from "./SlotCells";

/**
 * The slot arrays of one mapping in each process that has it, the anons they point at and an
 * arrow for every filled slot, always (hover and the current event only light some up). The
 * zoomed view passes `clip` (cells cut by the area's edges) and draws its own cards.
 */
export function AnonDiagram({
  snap,
  rows,
  layout,
  clip,
  cards = true,
  className,
}: {
  snap: Snapshot;
  rows: Row[];
  layout: AnonLayout;
  clip?: { x: number; y: number; w: number; h: number };
  cards?: boolean;
  className?: string;
}) {
  const { links } = useLinks();
  const hover = useHoverWord();
  const u = layout.u;
  const clipId = useId().replace(/:/g, "");
  const clipPath = clip ? `url(#${clipId})` : undefined;
  const arrow = `arrow-${clipId}`;
  return (
    <svg
      width={layout.width}
      height={layout.height}
      role="img"
      aria-label="Slot arrays and anon structs"
      className={className}
      data-anon-diagram={layout.mode}
    >
      <defs>
        {clip && (
          <clipPath id={clipId}>
            <rect x={clip.x} y={clip.y} width={clip.w} height={clip.h} />
          </clipPath>
        )}
        <marker
          id={arrow}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" className="arrow-head" />
        </marker>
      </defs>
      <g clipPath={clipPath} className="links">
        {layout.links.map((l) => {
          const r = rows[l.row]!;
          const key = pageKey(r.proc.name, segKeyOf(r.seg), l.i);
          const lit = links.pages.has(key) && links.anons.has(l.anon);
          const shared = refcntIn(snap.anons, l.anon) > 1;
          return (
            <path
              key={`${l.row}/${l.i}`}
              className={`link dimmable${shared ? " shared" : ""}${lit ? " lit" : ""}`}
              d={l.d}
              markerEnd={`url(#${arrow})`}
              data-from={`${r.proc.name}/${l.i}`}
              data-to={`anon:${l.anon}`}
            />
          );
        })}
      </g>
      {layout.rows.map((lay, ri) => (
        <g key={lay.proc}>
          {cards && layout.mode === "detail" && rows[ri]!.seg.amp > 0 && lay.cells.length > 0 && (
            <path
              className="chain-link"
              d={hLink(
                { x: lay.card.x + lay.card.w, y: lay.card.y + lay.card.h / 2 },
                { x: lay.area.x - 2 * u, y: lay.cells[0]!.y + (lay.above ? lay.hatH : 0) + lay.slotH / 2 },
              )}
            />
          )}
          {cards && <ChainCard snap={snap} row={rows[ri]!} lay={lay} u={u} />}
          <g clipPath={clipPath}>
            <SlotCells snap={snap} row={rows[ri]!} lay={lay} mode={layout.mode} u={u} />
          </g>
        </g>
      ))}
      {layout.mode === "detail" && <AnonBoxes snap={snap} layout={layout} seg={rows[0]?.seg} />}
      {layout.mode === "grid" && (
        <text x={layout.band.x} y={layout.band.y + FS * u} fontSize={FS * u} className="t-muted" data-lod="">
          {`Too many slots for a box per anon: ${hover} a cell for its anon, frame and swap slot.`}
        </text>
      )}
    </svg>
  );
}
