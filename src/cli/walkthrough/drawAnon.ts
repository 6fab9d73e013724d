import { protText } from "../../contract/prot";
/**
 * The Anon layer panel of a frame, from the app's own layout (ui/layout/anonLayer) and drawn as
 * its panel draws it (ui/panels/anon/AnonDiagram, SlotCells, AnonBoxes, ChainCard): per process a
 * chain card (segvn_data → anon_map → anon_hdr) and its row of slots with the translation lane,
 * the anon structs between the rows with an_refcnt and where each page is, one arrow per filled
 * slot. A mapping too big for a cell per page is drawn as the app draws it zoomed out: a density
 * strip per process and the counts.
 */
import { spanOf } from "../../ui/layout/anonBand";
import { anonLayout, labelEvery, MAX_ROWS } from "../../ui/layout/anonLayer";
import type { AnonLayout, RowLayout } from "../../ui/layout/anonTypes";
import { hLink } from "../../ui/layout/links";
import { fmt, slotState } from "../../ui/layout/states";
import { FS, monoW } from "../../ui/layout/type";
import { FK_ANON, type Snapshot } from "../../contract/wire/protocol";
import type { Row } from "./anonRow";
import { anonBox } from "./drawAnonBox";
import { card } from "./drawAnonCard";
import { density } from "./drawAnonDensity";
import { anonIn, frameIn, refcntIn } from "../../contract/wire/tables";
import type { Area } from "./drawAddress";
import type { Mapping } from "./mapping";
import { rowsOf } from "./mapping";
import type { Marks } from "./marks";
import { anonPaint, statePaint } from "./paint";
import { el, rect, text } from "./svg";
import type { Palette } from "./theme";
import { noAnonNote } from "../../ui/layout/anonNote";

/** The panel's sub-title: "buf · 4 pages · private /dev/zero". */
export function anonSub(snap: Snapshot, m: Mapping | null): string {
  const g = rowsOf(snap, m)[0]?.seg;
  return g ? `${g.name} · ${fmt(g.pages)} ${g.pages === 1 ? "page" : "pages"} · ${g.share} ${g.source}` : "";
}

export function drawAnon(
  snap: Snapshot,
  m: Mapping | null,
  area: Area,
  u: number,
  p: Palette,
  marks: Marks,
): string {
  const all = rowsOf(snap, m);
  const rows = all.slice(0, MAX_ROWS);
  if (rows.length === 0)
    return text(area.x, area.y + 30 * u, "No mapping to show yet.", { size: FS * u, fill: p.muted! });
  const more = all.length - rows.length;
  const noteH = more > 0 ? 22 * u : 0;
  const lay = anonLayout(
    rows.map((r) => ({
      proc: r.proc.name,
      order: snap.procs.indexOf(r.proc),
      pages: r.seg.pages,
      slots: r.seg.detail.kind === "pages" ? r.seg.detail.anon : null,
    })),
    [],
    {
      width: area.w,
      height: area.h - noteH,
      u,
      span: spanOf(snap.anons.count - 1, snap.pageSize, snap.frames.count - 1),
    },
  );
  const out: string[] =
    lay.mode === "density" ? density(snap, rows, lay, area, u, p) : diagram(snap, rows, lay, u, p, marks);
  if (more > 0)
    out.push(
      text(
        6 * u,
        area.h - 6 * u,
        `${more} more ${more === 1 ? "process maps" : "processes map"} ${rows[0]!.seg.name} too (not drawn).`,
        {
          size: FS * u,
          fill: p.muted!,
        },
      ),
    );
  return el("g", { transform: `translate(${area.x} ${area.y})` }, ...out);
}

function diagram(
  snap: Snapshot,
  rows: readonly Row[],
  lay: AnonLayout,
  u: number,
  p: Palette,
  marks: Marks,
): string[] {
  const out: string[] = [];
  out.push(
    el(
      "defs",
      {},
      ...["anon", "shared"].map((k) =>
        el(
          "marker",
          {
            id: `arrow-${k}`,
            viewBox: "0 0 8 8",
            refX: 7,
            refY: 4,
            markerWidth: 6,
            markerHeight: 6,
            orient: "auto-start-reverse",
          },
          el("path", { d: "M0,0 L8,4 L0,8 z", fill: k === "anon" ? p.anon! : p.shared! }),
        ),
      ),
    ),
  );
  for (const l of lay.links) {
    const shared = refcntIn(snap.anons, l.anon) > 1;
    out.push(
      el("path", {
        d: l.d,
        fill: "none",
        stroke: shared ? p.shared! : p.anon!,
        "stroke-width": 1.3 * u,
        opacity: 0.85,
        "marker-end": `url(#arrow-${shared ? "shared" : "anon"})`,
      }),
    );
  }
  lay.rows.forEach((r, ri) => {
    const row = rows[ri]!;
    if (lay.mode === "detail" && row.seg.amp > 0 && r.cells.length > 0)
      out.push(
        el("path", {
          d: hLink(
            { x: r.card.x + r.card.w, y: r.card.y + r.card.h / 2 },
            { x: r.area.x - 2 * u, y: r.cells[0]!.y + (r.above ? r.hatH : 0) + r.slotH / 2 },
          ),
          fill: "none",
          stroke: p.faint!,
          "stroke-width": u,
        }),
      );
    out.push(card(snap, row, r, u, p, marks));
    out.push(slots(snap, row, r, lay.mode, u, p, marks));
  });
  if (lay.mode === "detail") for (const b of lay.anons) out.push(anonBox(snap, b, u, p, marks));
  if (lay.mode === "detail" && lay.anons.length === 0)
    out.push(
      text(lay.band.x, lay.band.y + (FS + 2) * u, noAnonNote(rows[0]?.seg), { size: FS * u, fill: p.muted! }),
    );
  if (lay.mode === "grid")
    out.push(
      text(
        lay.band.x,
        lay.band.y + FS * u,
        "Too many slots for a box per anon: each cell is coloured by its anon's state.",
        {
          size: FS * u,
          fill: p.muted!,
        },
      ),
    );
  return out;
}

const hatWord = (hat: number): string => (hat ? protText(hat) : "");

function slots(
  snap: Snapshot,
  row: Row,
  r: RowLayout,
  mode: AnonLayout["mode"],
  u: number,
  p: Palette,
  marks: Marks,
): string {
  const { proc, seg } = row;
  const d = seg.detail;
  if (d.kind !== "pages") return "";
  const cells = r.cells;
  const pitch = cells.length > 1 ? cells[1]!.x - cells[0]!.x : (cells[0]?.w ?? 1) + 8 * u;
  const every = labelEvery(pitch, seg.first + (cells[cells.length - 1]?.i ?? 0), u);
  const full = r.level === "full";
  const out: string[] = [];
  for (const c of cells) {
    const i = c.i;
    const a = d.anon[i]!;
    const f = d.frame[i]!;
    const hat = d.hat[i]!;
    const page = seg.first + i;
    const hit = marks.pages.has(`${proc.name}/${seg.name}/${page}`);
    const ring = hit ? { stroke: p.now!, "stroke-width": 3 * u } : {};
    if (mode === "grid") {
      const paint = statePaint(p, slotState(snap, a, f), hat > 0 || !a);
      out.push(
        rect(c.x, c.y, c.w, c.h, { fill: paint.fill, stroke: paint.stroke, "stroke-width": u, ...ring }),
      );
      continue;
    }
    const info = a ? anonIn(snap.anons, a) : null;
    const refcnt = refcntIn(snap.anons, a);
    const swapped = !!info && !info.frame && info.swapSlot > 0;
    const slotY = r.above ? c.y + r.hatH : c.y;
    const hatY = r.above ? c.y : c.y + r.slotH;
    const paint = a ? anonPaint(p, refcnt, swapped) : { fill: p.empty!, stroke: p["line-strong"]! };
    out.push(
      rect(c.x, slotY, c.w, r.slotH, {
        rx: Math.min(3 * u, c.w / 4),
        fill: paint.fill,
        stroke: paint.stroke,
        "stroke-width": u,
        "stroke-dasharray": a ? undefined : `${2 * u} ${2 * u}`,
        ...ring,
      }),
    );
    const name = `anon:${a}`;
    if (full && a > 0 && monoW(name) * u + 6 * u <= c.w)
      out.push(
        text(c.x + c.w / 2, slotY + r.slotH / 2 + 4.2 * u, name, {
          size: FS * u,
          fill: p.ink!,
          mono: true,
          anchor: "middle",
        }),
      );
    const kind = frameIn(snap.frames, f)?.kind === FK_ANON ? "anon" : "file";
    if (f)
      out.push(
        rect(c.x + u, hatY + (r.above ? u : 2 * u), c.w - 2 * u, r.hatH - 3 * u, {
          rx: 2 * u,
          fill: kind === "anon" ? p.anon! : p.file!,
        }),
      );
    const hatTxt = hatWord(hat);
    if (full && f > 0 && r.hatH >= 14 * u && monoW(hatTxt || "rw") * u + 4 * u <= c.w)
      out.push(
        text(c.x + c.w / 2, hatY + r.hatH - (r.above ? 3.5 : 2.5) * u, hatTxt, {
          size: FS * u,
          fill: p.panel!,
          mono: true,
          anchor: "middle",
        }),
      );
    if (r.labels && page % every === 0)
      out.push(
        text(c.x + c.w / 2, r.labels === "above" ? c.y - 4 * u : c.y + c.h + (FS + 1) * u, String(page), {
          size: FS * u,
          fill: p.muted!,
          mono: true,
          anchor: "middle",
        }),
      );
  }
  return el("g", { "data-row": proc.name }, ...out);
}
