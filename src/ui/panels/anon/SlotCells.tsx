import { protText } from "../../../contract/prot";
import type { MouseEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { select, selectPages, selectSegment, setHover } from "../../../state/view";
import { pageKey, segKeyOf } from "../../../state/links";
import { stepPage } from "../../../state/selectors";
import { useApp } from "../../../state/store";
import type { Snapshot } from "../../../contract/wire/protocol";
import { FK_ANON } from "../../../contract/wire/protocol";
import { anonIn, frameIn, refcntIn } from "../../../contract/wire/tables";
import { cls, useLinks } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { useForeign } from "../../hooks/foreign";
import { markKey } from "../../../state/markSet";
import { labelEvery } from "../../layout/anonLayer";
import type { AnonMode, RowLayout } from "../../layout/anonTypes";
import { STATE_CLASS, hexOffset, slotState } from "../../layout/states";
import { FS, monoW } from "../../layout/type";
import type { Row } from "./anonRow";

const pagesOf = (row: Row): Row["pages"] | null => {
  if (row.pages) return row.pages;
  const d = row.seg.detail;
  return d.kind === "pages" ? { at: 0, anon: d.anon, frame: d.frame, hat: d.hat } : null;
};

const hatWord = (hat: number): string => (hat ? protText(hat) : "");

/**
 * One process's slots: per page the slot (its anon's name when it fits), the translation lane
 * (rw, r, or none) and, on the outer rows, the page numbers. The current event's page is marked
 * ("now"), the pages linked to the focus lit.
 */
export function SlotCells({
  snap,
  row,
  lay,
  mode,
  u,
}: {
  snap: Snapshot;
  row: Row;
  lay: RowLayout;
  mode: AnonMode;
  u: number;
}) {
  const { links } = useLinks();
  const marks = useMarks();
  const foreign = useForeign();
  const subject = useApp(useShallow(stepPage));
  const { proc, seg } = row;
  const d = pagesOf(row);
  if (!d) return null;
  const sk = segKeyOf(seg);
  const ps = snap.pageSize;
  const nowHere =
    !foreign && subject?.proc === proc.name && subject.seg === seg.name ? subject.page - seg.first : null;
  const cells = lay.cells;
  const pitch = cells.length > 1 ? cells[1]!.x - cells[0]!.x : (cells[0]?.w ?? 1) + 8 * u;
  const every = labelEvery(pitch, seg.first + (cells[cells.length - 1]?.i ?? 0), u);
  const full = lay.level === "full";
  return (
    <g data-row={proc.name}>
      {cells.map((c) => {
        const i = c.i;
        const a = d.anon[i - d.at] ?? 0;
        const f = d.frame[i - d.at] ?? 0;
        const hat = d.hat[i - d.at] ?? 0;
        const refcnt = refcntIn(snap.anons, a);
        const info = a ? anonIn(snap.anons, a) : null;
        const swapped = !!info && !info.frame && info.swapSlot > 0;
        const key = pageKey(proc.name, sk, i);
        const page = seg.first + i;
        const hatTxt = hatWord(hat);
        const mk = markKey(proc.name, seg.name, page);
        const slotChg = marks.slots.has(mk);
        const hatChg = marks.hats.has(mk);
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
          // another run's slot (side by side) is not this run's page: the cross-panel arrows skip it
          ...(foreign ? {} : { "data-link": `page:${key}` }),
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
              className={`${cls("cell gcell hl", links.pages.has(key), nowHere === i, slotChg || hatChg)} ${STATE_CLASS[slotState(snap, a, f)]}`}
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
        const name = `anon:${a}`;
        const named = full && a > 0 && monoW(name) * u + 6 * u <= c.w;
        const hatNamed = full && f > 0 && lay.hatH >= 14 * u && monoW(hatTxt || "rw") * u + 4 * u <= c.w;
        const labelY = lay.labels === "above" ? c.y - 4 * u : c.y + c.h + (FS + 1) * u;
        return (
          <g key={i} {...common} className={cls("slot", links.pages.has(key), nowHere === i, slotChg)}>
            <title>{title}</title>
            <rect className="hit" x={c.x} y={c.y} width={c.w} height={c.h} />
            <rect
              className={`hl ${a ? `slot-full${refcnt > 1 ? " shared" : ""}${swapped ? " swapped" : ""}` : "slot-empty"}`}
              x={c.x}
              y={slotY}
              width={c.w}
              height={lay.slotH}
              rx={Math.min(3 * u, c.w / 4)}
            />
            {named && (
              <text
                x={c.x + c.w / 2}
                y={slotY + lay.slotH / 2 + 4.2 * u}
                textAnchor="middle"
                fontSize={FS * u}
                className="t-mono"
              >
                {name}
              </text>
            )}
            <rect
              className={`${f ? `hat-${frameKind}` : "hat-none"}${hatChg ? " hat-chg" : ""}`}
              x={c.x + u}
              y={hatY + (lay.above ? u : 2 * u)}
              width={Math.max(0, c.w - 2 * u)}
              height={Math.max(0, lay.hatH - 3 * u)}
              rx={2 * u}
            />
            {hatNamed && (
              <text
                x={c.x + c.w / 2}
                y={hatY + lay.hatH - (lay.above ? 3.5 : 2.5) * u}
                textAnchor="middle"
                fontSize={FS * u}
                className="t-mono on-color"
              >
                {hatTxt}
              </text>
            )}
            {lay.labels && page % every === 0 && (
              <text
                x={c.x + c.w / 2}
                y={labelY}
                textAnchor="middle"
                fontSize={FS * u}
                className="t-mono t-muted"
              >
                {page}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
