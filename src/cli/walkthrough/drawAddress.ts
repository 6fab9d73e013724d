/**
 * The Address spaces panel of a frame, drawn from the app's own layout (ui/layout/addressSpace)
 * as the panel draws it (ui/panels/address/AddressSpaces.tsx): a column per live process, segments at
 * their addresses on a broken axis, each box named as pmap -x names it, with its pages as cells
 * (small mappings) or as a density strip (big ones, as the zoomable strip shows them zoomed out).
 */
import { addressLayout, panelOptions, type AsSegBox } from "../../ui/layout/addressSpace";
import { fitText, pmapAddr, slotState } from "../../ui/layout/states";
import { runsOf, segColumns } from "../../ui/layout/strip";
import { FS, FS_NAME, MONO_EM, monoW } from "../../ui/layout/type";
import { protLetters } from "../../ui/colors";
import type { ProcSnap, SegSnap, Snapshot } from "../../contract/wire/protocol";
import type { Marks } from "./marks";
import { statePaint } from "./paint";
import { el, rect, text, tspan } from "./svg";
import { procFill, type Palette } from "./theme";

const CELL_PAGES_MAX = 64;
const LABEL_H = 17;
const STRIP_MIN = 9;
const STRIP_MAX = 96;

export interface Area {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const labelOf = (g: SegSnap): { bold: string; rest: string } => ({
  bold: g.label,
  rest: g.label.replace(/[[\]\s]/g, "") !== g.name ? ` ${g.name}` : "",
});

/** The panel's geometry for a body of `area`'s size (the app's options, times u). */
function layoutOf(snap: Snapshot, area: { w: number; h: number }, u: number) {
  const procs = snap.procs.filter((q) => q.alive);
  const opts = panelOptions(area.w, area.h, procs.length, u);
  const axisW = opts.axisWidth;
  const lay = addressLayout(
    procs.map((q) => ({
      name: q.name,
      segs: q.segs.map((g) => ({ key: `${g.name}@${g.first}`, vpn: g.vpn, pages: g.pages })),
    })),
    opts,
  );
  return { procs, axisW, lay };
}

/**
 * The body height the panel needs so that every segment gets a band that holds its label and
 * strip (the app's panel asks its column for as much: scale/wants.ts), at least `min`.
 */
export function addressNeed(snap: Snapshot, w: number, u: number, min: number): number {
  return Math.max(min, layoutOf(snap, { w, h: min }, u).lay.need + 6 * u);
}

export function drawAddress(snap: Snapshot, area: Area, u: number, p: Palette, marks: Marks): string {
  const { procs, axisW, lay } = layoutOf(snap, area, u);
  if (procs.length === 0)
    return text(area.x, area.y + 30 * u, "No process yet.", { size: FS * u, fill: p.muted! });
  const out: string[] = [];
  if (axisW > 4 * u) {
    let last = -Infinity;
    for (const t of lay.ticks) {
      if (t.y - last < LABEL_H * u) continue;
      last = t.y;
      const addr = pmapAddr("0x" + (BigInt(t.vpn) * BigInt(snap.pageSize)).toString(16).padStart(16, "0"));
      out.push(text(4 * u, t.y + (FS + 1) * u, addr, { size: FS * u, fill: p.muted!, mono: true }));
    }
  }
  for (const y of lay.breaks)
    out.push(
      el("line", {
        x1: 4 * u,
        x2: area.w - 4 * u,
        y1: y,
        y2: y,
        stroke: p.faint!,
        "stroke-dasharray": `${3 * u} ${3 * u}`,
      }),
    );
  lay.columns.forEach((c, ci) => {
    const q = procs[ci]!;
    const color = procFill(p, snap.procs.indexOf(q));
    out.push(rect(c.x, 5 * u, 11 * u, 11 * u, { rx: 2 * u, fill: color }));
    const pid = fitText(c.w - 18 * u - monoW(q.name, FS_NAME) * u, FS * MONO_EM * u, ` pid ${q.pid}`);
    out.push(
      el(
        "text",
        {
          x: c.x + 16 * u,
          y: 15 * u,
          "font-size": FS_NAME * u,
          "font-family": "DejaVu Sans, sans-serif",
          fill: p.ink!,
        },
        tspan({ "font-weight": "bold" }, q.name),
        pid ? tspan({ fill: p.muted!, "font-size": FS * u }, pid) : "",
      ),
    );
  });
  for (const b of lay.segs) {
    const q = procs.find((x) => x.name === b.proc)!;
    const g = q.segs.find((x) => `${x.name}@${x.first}` === b.key)!;
    out.push(segBox(snap, q, g, b, u, p, marks));
  }
  return el("g", { transform: `translate(${area.x} ${area.y})` }, ...out);
}

function segBox(
  snap: Snapshot,
  q: ProcSnap,
  g: SegSnap,
  b: AsSegBox,
  u: number,
  p: Palette,
  marks: Marks,
): string {
  const color = procFill(p, snap.procs.indexOf(q));
  const changed = marks.segs.has(`${q.name}/${g.name}`);
  const out: string[] = [
    rect(b.x, b.y, b.w, b.h, {
      rx: 4 * u,
      fill: p["panel-2"]!,
      stroke: changed ? p.now! : p["line-strong"]!,
      "stroke-width": changed ? 3 * u : u,
    }),
    rect(b.x, b.y, 4 * u, b.h, { rx: 2 * u, fill: color }),
  ];
  const { bold, rest } = labelOf(g);
  const nameW = monoW(`${bold}${rest}`) * u + 14 * u;
  const stacked = b.h >= (LABEL_H + STRIP_MIN + 3) * u;
  const inline = !stacked && b.w - nameW - 6 * u >= 36 * u;
  if (b.h >= 14 * u) {
    const y = b.y + (stacked ? 13 : Math.min(13, b.h / u / 2 + 4.5)) * u;
    const room = b.w - 12 * u;
    const boldT = fitText(room, FS * MONO_EM * u, bold, bold.replace(/\s/g, ""));
    const restT = rest ? fitText(room - monoW(`${bold} `) * u, FS * MONO_EM * u, rest) : "";
    out.push(
      el(
        "text",
        {
          x: b.x + 9 * u,
          y,
          "font-size": FS * u,
          "font-family": "DejaVu Sans Mono, monospace",
          fill: p.ink!,
        },
        tspan({ "font-weight": "bold" }, boldT),
        restT ? tspan({ fill: p.muted! }, restT) : "",
      ),
    );
  }
  if (stacked) {
    const right = fitText(
      b.w - 18 * u - monoW(`${bold}${rest}`) * u,
      FS * MONO_EM * u,
      `${protLetters(g.prot)} ${g.share}`,
      protLetters(g.prot),
    );
    if (right)
      out.push(
        text(b.x + b.w - 6 * u, b.y + 13 * u, right, {
          size: FS * u,
          fill: p.muted!,
          mono: true,
          anchor: "end",
        }),
      );
  }
  const strip = stacked
    ? {
        x: b.x + 4 * u + 4 * u,
        y: b.y + LABEL_H * u,
        w: b.w - 12 * u,
        h: Math.max(STRIP_MIN * u, Math.min(STRIP_MAX * u, b.h - (LABEL_H + 4) * u)),
      }
    : inline
      ? { x: b.x + nameW, y: b.y + 3 * u, w: b.w - nameW - 4 * u, h: Math.max(4 * u, b.h - 6 * u) }
      : null;
  // a segment changed as a whole (made by the step) is outlined once, not page by page
  if (strip) out.push(pageStrip(snap, q, g, strip, u, p, changed ? { ...marks, pages: new Set() } : marks));
  return el("g", { "data-seg": `${q.name}/${g.name}` }, ...out);
}

function pageStrip(
  snap: Snapshot,
  q: ProcSnap,
  g: SegSnap,
  s: { x: number; y: number; w: number; h: number },
  u: number,
  p: Palette,
  marks: Marks,
): string {
  const d = g.detail;
  const out: string[] = [];
  if (d.kind === "pages" && g.pages <= CELL_PAGES_MAX && s.w / g.pages >= 3) {
    const cw = s.w / g.pages;
    const gap = cw >= 4 ? 0.5 * u : 0;
    for (let i = 0; i < g.pages; i++) {
      const st = slotState(snap, d.anon[i]!, d.frame[i]!);
      const paint = statePaint(p, st, d.hat[i]! > 0);
      const hit = marks.pages.has(`${q.name}/${g.name}/${g.first + i}`);
      out.push(
        rect(s.x + i * cw + gap, s.y, Math.max(1, cw - 2 * gap), s.h, {
          fill: paint.fill,
          stroke: hit ? p.now! : paint.stroke,
          "stroke-width": hit ? 3 * u : u,
        }),
      );
    }
    return out.join("");
  }
  // a big mapping: a density strip, a pixel column per group of pages (the zoomed-out view)
  const cols = Math.max(1, Math.floor(s.w));
  const runs = runsOf(
    segColumns(g, cols, (a, f) => slotState(snap, a, f)),
    s.w,
  );
  out.push(rect(s.x, s.y, s.w, s.h, { fill: p.empty!, stroke: p["line-strong"]!, "stroke-width": u }));
  for (const r of runs) {
    if (r.state === 0) continue;
    // a lone touched page still shows: at least 3 px
    out.push(
      rect(Math.min(s.x + r.x, s.x + s.w - 3), s.y, Math.max(3, r.w), s.h, {
        fill: statePaint(p, r.state).fill,
      }),
    );
  }
  return out.join("");
}
