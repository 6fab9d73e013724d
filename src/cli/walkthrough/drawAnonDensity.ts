import { fitText, fmt, slotState } from "../../ui/layout/states";
import type { AnonLayout } from "../../ui/layout/anonTypes";
import { runsOf } from "../../ui/layout/strip";
import { FS, FS_NAME, LH, LH_NAME, MONO_EM } from "../../ui/layout/type";
import { HAT_NONE, HAT_RW, NO_DATA, stripColumns } from "../../ui/layout/zoomStrip";
import type { Snapshot } from "../../contract/wire/protocol";
import type { Area } from "./drawAddress";
import { hdrWords, type Row } from "./anonRow";
import { statePaint } from "./paint";
import { el, rect, text, tspan, wrap } from "./svg";
import { procFill, type Palette } from "./theme";

/**
 * A mapping too big for a cell per page, as the app shows it zoomed out: per process its card
 * (amp, anon_hdr, slots filled, pages mapped) beside a density strip of its slots, each column
 * in the state most of its pages are in, over a lane of its translations (rw solid, r faint).
 */
export function density(
  snap: Snapshot,
  rows: readonly Row[],
  lay: AnonLayout,
  area: Area,
  u: number,
  p: Palette,
): string[] {
  const out: string[] = [];
  const gap = 10 * u;
  const cardW = lay.rows[0]?.card.w ?? 172 * u;
  const full = (LH_NAME + 3 * LH + 8) * u;
  const room = (area.h - 60 * u) / rows.length - gap;
  const lines = room >= full ? 4 : 2;
  const rowH = Math.min(full, Math.max((LH_NAME + LH + 8) * u, room));
  const sx = cardW + 18 * u;
  const sw = Math.max(10 * u, area.w - sx - 6 * u);
  rows.forEach(({ proc, seg }, ri) => {
    const y = 6 * u + ri * (rowH + gap);
    const color = procFill(p, snap.procs.indexOf(proc));
    const amp = snap.amps.find((m) => m.id === seg.amp);
    const x = 16 * u;
    out.push(
      rect(6 * u, y, cardW, rowH, {
        rx: 5 * u,
        fill: p["panel-2"]!,
        stroke: p["line-strong"]!,
        "stroke-width": u,
      }),
    );
    out.push(rect(6 * u, y, 4 * u, rowH, { rx: 2 * u, fill: color }));
    out.push(
      el(
        "text",
        {
          x,
          y: y + (LH_NAME - 1) * u,
          "font-size": FS_NAME * u,
          "font-family": "DejaVu Sans, sans-serif",
          fill: p.ink!,
        },
        tspan({ "font-weight": "bold", fill: color }, proc.name),
        tspan(
          { "font-family": "DejaVu Sans Mono, monospace", "font-size": FS * u },
          amp ? ` → amp:${amp.id}` : " no amp",
        ),
      ),
    );
    const t = seg.totals;
    const more = [
      amp ? `hdr ${hdrWords(snap, amp)}` : "no anon_map",
      `${fmt(t.filled)} filled`,
      `${fmt(t.mapped)} mapped`,
    ];
    const said = lines === 4 ? more : [`${fmt(t.filled)} filled · ${fmt(t.mapped)} mapped`];
    said.forEach((l, k) =>
      out.push(
        text(
          x,
          y + (LH_NAME + (k + 1) * LH - 1) * u,
          fitText(cardW - 14 * u, FS * MONO_EM * u, l, l.replace(/ ·.*$/, "")),
          { size: FS * u, fill: k === 0 ? p.ink! : p.muted!, mono: true },
        ),
      ),
    );
    // the slots, then the translations lane under them
    const laneH = 8 * u;
    const sh = rowH - laneH - 4 * u;
    const d = seg.detail;
    const src =
      d.kind === "summary"
        ? { from: 0, count: seg.pages, per: d.pagesPerBucket, counts: d.counts }
        : {
            from: 0,
            count: seg.pages,
            per: 1,
            state: Array.from(d.anon, (a, i) => slotState(snap, a, d.frame[i]!)),
            hat: d.hat,
          };
    const cols = stripColumns([src], 0, seg.pages, Math.max(1, Math.floor(sw)));
    out.push(rect(sx, y, sw, sh, { fill: p.empty!, stroke: p["line-strong"]!, "stroke-width": u }));
    for (const run of runsOf(cols.state, sw))
      if (run.state && run.state !== NO_DATA)
        out.push(
          rect(Math.min(sx + run.x, sx + sw - 3), y, Math.max(3, run.w), sh, {
            fill: statePaint(p, run.state).fill,
          }),
        );
    out.push(rect(sx, y + sh + 3 * u, sw, laneH, { fill: p.empty! }));
    for (const run of runsOf(cols.hat, sw))
      if (run.state !== HAT_NONE)
        out.push(
          rect(sx + run.x, y + sh + 3 * u, run.w, laneH, {
            fill: run.state === HAT_RW ? p.ink! : p["line-strong"]!,
          }),
        );
  });
  const y = 6 * u + rows.length * (rowH + gap) + (FS + 6) * u;
  const g = rows[0]!.seg;
  const per = fmt(Math.ceil(g.pages / Math.max(1, Math.floor(sw))));
  const note = [
    `${fmt(snap.anons.live)} anon structs live in the system.`,
    `Each strip: pages ${fmt(g.first)}–${fmt(g.first + g.pages - 1)}, a column per ${per} pages in the state most of them are in; under it the translations (rw solid, r faint).`,
  ];
  const noteLines = note.flatMap((l) => wrap(l, area.w - sx - 6 * u, FS * u, 3));
  noteLines.forEach((l, k) =>
    out.push(text(sx, y + k * LH * 1.4 * u, l, { size: FS * u, fill: k === 0 ? p.ink! : p.muted! })),
  );
  return out;
}
