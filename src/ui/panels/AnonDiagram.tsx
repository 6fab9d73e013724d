import { useId, type MouseEvent } from "react";
import { select, selectPages, selectSegment, setHover } from "../../state/actions";
import { pageKey, segKeyOf } from "../../state/links";
import type { ProcSnap, SegSnap, Snapshot } from "../../worker/protocol";
import { FK_ANON } from "../../worker/protocol";
import { anonIn, frameIn, refcntIn } from "../../worker/tables";
import { procColor } from "../colors";
import { useShallow } from "zustand/react/shallow";
import { stepPage } from "../../state/selectors";
import { useApp } from "../../state/store";
import { cls, useLinks } from "../hooks/useLinks";
import type { AnonLayout, RowLayout } from "../layout/anonLayer";
import { hLink } from "../layout/links";
import { STATE_CLASS, fitText, hexOffset, slotState } from "../layout/states";
import { AnonBoxes } from "./AnonBoxes";

export interface Row {
  proc: ProcSnap;
  seg: SegSnap;
  /**
   * The drawn pages' slots when the segment's snapshot has none page by page (a zoomed window
   * of a big mapping): arrays indexed from page index `at`.
   */
  pages?: { at: number; anon: Int32Array; frame: Int32Array; hat: Uint8Array };
}

const pagesOf = (row: Row): Row["pages"] | null => {
  if (row.pages) return row.pages;
  const d = row.seg.detail;
  return d.kind === "pages" ? { at: 0, anon: d.anon, frame: d.frame, hat: d.hat } : null;
};

/** Slot pointers per anon_hdr chunk: one page of 8-byte pointers. */
const chunkOf = (snap: Snapshot): number => snap.pageSize / 8;

function ChainCard({ snap, row, lay }: { snap: Snapshot; row: Row; lay: RowLayout }) {
  const { proc, seg } = row;
  const amp = snap.amps.find((m) => m.id === seg.amp);
  const c = lay.card;
  const color = procColor(snap.procs.indexOf(proc));
  const hdr = amp
    ? amp.levels === 1
      ? `${amp.slots} slots, flat`
      : `${amp.slots}, ${amp.chunks}/${amp.slots / chunkOf(snap)} chunks`
    : "—";
  return (
    <g
      data-chain={proc.name}
      onClick={() => selectSegment(proc.name, { name: seg.name, first: seg.first })}
      style={{ cursor: "pointer" }}
    >
      <rect className="card" x={c.x} y={c.y} width={c.w} height={c.h} rx={5} />
      <rect x={c.x} y={c.y} width={4} height={c.h} rx={2} fill={color} />
      <title>{`${proc.name} ${seg.name}: segvn_data → ${amp ? `anon_map amp:${amp.id} (refcnt ${amp.refcnt}, ${amp.pages} pages) → anon_hdr ${hdr}, ${amp.levels} level${amp.levels === 1 ? "" : "s"}` : "no anon_map"}`}</title>
      <text x={c.x + 10} y={c.y + 14} fontSize={11.5}>
        <tspan className="t-bold" fill={color}>
          {proc.name}
        </tspan>
        <tspan className="t-mono"> segvn_data</tspan>
      </text>
      <text x={c.x + 10} y={c.y + 29} fontSize={10.5} className="t-mono">
        {amp ? `→ amp:${amp.id}` : "→ amp NULL"}
        {amp && <tspan className="t-muted">{` refcnt ${amp.refcnt}`}</tspan>}
      </text>
      <text x={c.x + 10} y={c.y + 44} fontSize={10.5} className="t-mono t-muted">
        {amp
          ? `→ hdr ${hdr}`
          : seg.source.startsWith("/") && seg.source !== "/dev/zero"
            ? "file pages only"
            : "no slot yet"}
      </text>
    </g>
  );
}

function Cells({
  snap,
  row,
  lay,
  mode,
}: {
  snap: Snapshot;
  row: Row;
  lay: RowLayout;
  mode: AnonLayout["mode"];
}) {
  const { links } = useLinks();
  const subject = useApp(useShallow(stepPage));
  const { proc, seg } = row;
  const d = pagesOf(row);
  if (!d) return null;
  const sk = segKeyOf(seg);
  const ps = snap.pageSize;
  const nowHere = subject?.proc === proc.name && subject.seg === seg.name ? subject.page - seg.first : null;
  // page numbers: as many as fit side by side (a zoomed view's six-digit pages need room)
  const cells = lay.cells;
  const step = cells.length > 1 ? cells[1]!.x - cells[0]!.x : (cells[0]?.w ?? 1);
  const digits = String(seg.first + (cells[cells.length - 1]?.i ?? 0)).length;
  const every = Math.max((cells[0]?.w ?? 0) < 12 ? 5 : 1, Math.ceil((digits * 5.8 + 4) / Math.max(1, step)));
  return (
    <g>
      {lay.cells.map((c) => {
        const i = c.i;
        const a = d.anon[i - d.at] ?? 0;
        const f = d.frame[i - d.at] ?? 0;
        const hat = d.hat[i - d.at] ?? 0;
        const refcnt = refcntIn(snap.anons, a);
        const info = a ? anonIn(snap.anons, a) : null;
        const swapped = !!info && !info.frame && info.swapSlot > 0;
        const key = pageKey(proc.name, sk, i);
        const page = seg.first + i;
        const hatTxt = hat ? `${hat & 1 ? "r" : ""}${hat & 2 ? "w" : ""}${hat & 4 ? "x" : ""}` : "";
        const frameKind = frameIn(snap.frames, f)?.kind === FK_ANON ? "anon" : "file";
        const title = `${proc.name} ${seg.name} page ${page}: slot ${a ? `→ anon:${a} (an_refcnt ${refcnt}, swapfs ${hexOffset(a, ps)})` : "empty"}; translation ${f ? `→ pp:${f} ${hatTxt}` : "none"}`;
        const common = {
          "data-slot": "",
          "data-proc": proc.name,
          "data-seg": seg.name,
          "data-page": page,
          "data-anon": a ? `anon:${a}` : "",
          "data-refcnt": refcnt,
          "data-frame": f ? `pp:${f}` : "",
          "data-hat": hatTxt,
          "data-link": `page:${key}`,
          onMouseEnter: () => setHover({ kind: "page", proc: proc.name, seg: sk, page: i }),
          onMouseLeave: () => setHover(null),
          onClick: (e: MouseEvent) => {
            selectSegment(proc.name, { name: seg.name, first: seg.first });
            selectPages(e.shiftKey ? null : { from: page, to: page });
            select({ kind: "page", proc: proc.name, seg: sk, page: i });
          },
        };
        if (mode === "grid") {
          return (
            <rect
              key={i}
              {...common}
              className={`${cls("cell gcell hl", links.pages.has(key), nowHere === i)} ${STATE_CLASS[slotState(snap, a, f)]}`}
              x={c.x}
              y={c.y}
              width={c.w}
              height={c.h}
              opacity={hat || !a ? 1 : 0.55}
            >
              <title>{title}</title>
            </rect>
          );
        }
        const slotY = lay.above ? c.y + lay.hatH : c.y;
        const hatY = lay.above ? c.y : c.y + lay.slotH;
        const label = c.w >= 44 ? fitText(c.w - 4, 6.4, `anon:${a}`, `${a}`) : fitText(c.w - 3, 5.5, `${a}`);
        return (
          <g key={i} {...common} className={cls("slot", links.pages.has(key), nowHere === i)}>
            <title>{title}</title>
            <rect className="hit" x={c.x} y={c.y} width={c.w} height={c.h} />
            <rect
              className={`hl ${a ? `slot-full${refcnt > 1 ? " shared" : ""}${swapped ? " swapped" : ""}` : "slot-empty"}`}
              x={c.x}
              y={slotY}
              width={c.w}
              height={lay.slotH}
              rx={3}
            />
            {a > 0 && c.w >= 14 && (
              <text
                x={c.x + c.w / 2}
                y={slotY + lay.slotH / 2 + 4}
                textAnchor="middle"
                fontSize={c.w >= 44 ? 10.5 : 9}
                className="t-mono"
              >
                {label}
              </text>
            )}
            <rect
              className={f ? `hat-${frameKind}` : "hat-none"}
              x={c.x + 1}
              y={hatY + 2}
              width={c.w - 2}
              height={lay.hatH - 3}
              rx={2}
            />
            {f > 0 && c.w >= 18 && (
              <text
                x={c.x + c.w / 2}
                y={hatY + lay.hatH - 3}
                textAnchor="middle"
                fontSize={8.5}
                className="t-mono on-color"
              >
                {hatTxt}
              </text>
            )}
            <text
              x={c.x + c.w / 2}
              y={lay.above ? c.y - 3 : c.y + c.h + 10}
              textAnchor="middle"
              fontSize={9.5}
              className="t-muted"
            >
              {page % every === 0 ? page : ""}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/**
 * The slot arrays of one mapping in each process that has it, and the anons they point at.
 * The zoomed view passes `clip` (cells cut by the area's edges) and draws its own cards.
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
  const clipId = useId().replace(/:/g, "");
  const clipPath = clip ? `url(#${clipId})` : undefined;
  return (
    <svg
      width={layout.width}
      height={layout.height}
      role="img"
      aria-label="Slot arrays and anon structs"
      className={className}
    >
      {clip && (
        <clipPath id={clipId}>
          <rect x={clip.x} y={clip.y} width={clip.w} height={clip.h} />
        </clipPath>
      )}
      <g clipPath={clipPath}>
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
              markerEnd="url(#arrow)"
            />
          );
        })}
      </g>
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" fill="var(--anon)" />
        </marker>
      </defs>
      {layout.rows.map((lay, ri) => (
        <g key={lay.proc}>
          {cards && layout.mode === "detail" && rows[ri]!.seg.amp > 0 && lay.cells.length > 0 && (
            <path
              className="chain-link"
              d={hLink(
                { x: lay.card.x + lay.card.w, y: lay.card.y + 40 },
                { x: lay.area.x - 3, y: lay.cells[0]!.y + (lay.above ? lay.hatH : 0) + lay.slotH / 2 },
              )}
              markerEnd="url(#arrow-chain)"
            />
          )}
          {cards && <ChainCard snap={snap} row={rows[ri]!} lay={lay} />}
          <g clipPath={clipPath}>
            <Cells snap={snap} row={rows[ri]!} lay={lay} mode={layout.mode} />
          </g>
        </g>
      ))}
      {layout.mode === "detail" && <AnonBoxes snap={snap} layout={layout} seg={rows[0]?.seg} />}
      {layout.mode === "grid" && (
        <text x={layout.band.x} y={layout.band.y + 10} fontSize={11} className="t-muted">
          Too many slots for one box per anon: hover a cell to see its anon, frame and swap slot.
        </text>
      )}
    </svg>
  );
}
