/**
 * The Physical memory and Swap panels of a frame, as the app draws them: frames in use grouped
 * by vnode, each a box naming its page_t (pp:N, pfn, its (vnode, offset) name) when they fit,
 * else a density strip by pfn (ui/panels/physical/PhysicalMemory.tsx, ui/layout/grid and frameStrip);
 * the swap -s figures, the reserved/allocated bar and the swap device's slots in use.
 */
import { physSource } from "../../ui/layout/frameStrip";
import { gridLayout } from "../../ui/layout/grid";
import { deviceLength, swapUseSource } from "../../ui/layout/slotStrip";
import { fitText, fmt, hexOffset, kb, shortSize } from "../../ui/layout/states";
import { runsOf } from "../../ui/layout/strip";
import { FS, FS_NAME, MONO_EM, SANS_EM, monoW } from "../../ui/layout/type";
import { stripColumns } from "../../ui/layout/zoomStrip";
import { FK_ANON, FK_FILE, SS_LABEL, SS_USED, type Snapshot } from "../../contract/wire/protocol";
import { frameIn, idAt, refcntIn, rowCount } from "../../contract/wire/tables";
import type { Area } from "./drawAddress";
import type { Marks } from "./marks";
import { statePaint } from "./paint";
import { el, rect, text, wrap } from "./svg";
import type { Palette } from "./theme";

/** Up to this many frames in use, each is a box (as the panel's FRAME_CAP); more: a strip. */
const FRAME_CAP = 2000;

interface Group {
  readonly title: string;
  readonly kind: "anon" | "file";
  readonly ids: number[];
}

/** Frames holding a page, anon pages apart from each file's (ui/panels/physical/PhysicalMemory.tsx frameGroups). */
function groups(snap: Snapshot): Group[] {
  const f = snap.frames;
  const anon: number[] = [];
  const files = new Map<number, number[]>();
  for (let r = 0; r < rowCount(f); r++) {
    const id = idAt(f, r);
    if (id === 0) continue;
    if (f.kind[r] === FK_ANON) anon.push(id);
    else if (f.kind[r] === FK_FILE) files.set(f.owner[r]!, [...(files.get(f.owner[r]!) ?? []), id]);
  }
  const pfn = (id: number): number => frameIn(f, id)?.pfn ?? 0;
  const off = (id: number): number => frameIn(f, id)?.offset ?? 0;
  const out: Group[] = [
    { title: "anon pages · vnode swapfs", kind: "anon", ids: anon.sort((a, b) => pfn(a) - pfn(b)) },
  ];
  for (const [fi, ids] of [...files.entries()].sort((a, b) => a[0] - b[0]))
    out.push({
      title: `file pages · ${snap.files[fi] ?? "?"}`,
      kind: "file",
      ids: ids.sort((a, b) => off(a) - off(b)),
    });
  return out.filter((g) => g.ids.length > 0);
}

export const physSub = (snap: Snapshot): string => `${fmt(snap.phys.used)} / ${fmt(snap.ramPages)} in use`;

export function drawPhysical(snap: Snapshot, area: Area, u: number, p: Palette, marks: Marks): string {
  const out: string[] = [];
  const used = snap.phys.used;
  if (used === 0) {
    // the simplification where it shows: the simulated RAM holds the scenario's pages only
    const lines = wrap(
      "Every frame is free: no page of the scenario is in memory (the kernel's own memory is not modelled).",
      area.w - 16 * u,
      FS * u,
      3,
    );
    lines.forEach((l, i) => out.push(text(8 * u, (20 + i * 18) * u, l, { size: FS * u, fill: p.muted! })));
  } else if (used > FRAME_CAP) {
    out.push(...physStrip(snap, area, u, p));
  } else {
    const gs = groups(snap);
    const grid = gridLayout(
      gs.map((g, i) => ({ key: String(i), count: g.ids.length })),
      { width: area.w, height: area.h, u, headerH: 18 * u, sectionGap: 8 * u, pad: 6 * u },
    );
    const mono = FS * MONO_EM * u;
    grid.sections.forEach((sec, si) => {
      const g = gs[si]!;
      out.push(text(8 * u, sec.y + 13 * u, `${g.title} (${g.ids.length})`, { size: FS * u, fill: p.muted! }));
      g.ids.forEach((id, i) => {
        const b = sec.cells[i];
        if (!b) return;
        const fr = frameIn(snap.frames, id);
        const refcnt = g.kind === "anon" && fr ? refcntIn(snap.anons, fr.owner) : 0;
        const paint = statePaint(p, g.kind === "file" ? 1 : refcnt > 1 ? 3 : 2, false);
        const hit = marks.frames.has(id);
        out.push(
          rect(b.x, b.y, b.w, b.h, {
            rx: (grid.size.level === "tiny" ? 1.5 : 4) * u,
            fill: paint.fill,
            stroke: hit ? p.now! : paint.stroke,
            "stroke-width": hit ? 3 * u : 1.2 * u,
            "stroke-dasharray": fr?.cached ? `${3 * u} ${2 * u}` : undefined,
          }),
        );
        const off = hexOffset(fr?.offset ?? 0, snap.pageSize);
        const vnode =
          g.kind === "anon" ? "swapfs" : (snap.files[fr?.owner ?? -1] ?? "?").replace(/^.*\//, "");
        if (grid.size.level === "full") {
          out.push(
            text(b.x + 6 * u, b.y + 16 * u, `pp:${id}`, {
              size: FS_NAME * u,
              fill: p.ink!,
              mono: true,
              bold: true,
            }),
          );
          const pfn = fitText(
            b.w - 12 * u - monoW(`pp:${id}`, FS_NAME) * u,
            FS * SANS_EM * u,
            `pfn ${fr?.pfn ?? "?"}`,
            "",
          );
          if (pfn)
            out.push(
              text(b.x + b.w - 6 * u, b.y + 16 * u, pfn, { size: FS * u, fill: p.muted!, anchor: "end" }),
            );
          out.push(
            text(
              b.x + 6 * u,
              b.y + 32 * u,
              fitText(b.w - 10 * u, mono, `(${vnode}, ${off})`, `${vnode} ${off}`, off),
              {
                size: FS * u,
                fill: p.ink!,
                mono: true,
              },
            ),
          );
        } else if (grid.size.level === "compact") {
          out.push(
            text(b.x + b.w / 2, b.y + 16.5 * u, fitText(b.w - 6 * u, mono, `pp:${id}`), {
              size: FS * u,
              fill: p.ink!,
              mono: true,
              anchor: "middle",
            }),
          );
        }
      });
    });
  }
  return el("g", { transform: `translate(${area.x} ${area.y})` }, ...out);
}

/** Many frames in use: the counts, and memory by pfn as a density strip (the zoomed-out view). */
function physStrip(snap: Snapshot, area: Area, u: number, p: Palette): string[] {
  const ph = snap.phys;
  const counts = [
    `${fmt(ph.anon)} anon pages · vnode swapfs`,
    ...ph.perFile.map((n, i) => (n ? `${fmt(n)} file pages · ${snap.files[i]}` : "")),
    ph.cached ? `${fmt(ph.cached)} on the cachelist` : "",
  ].filter(Boolean);
  const out = counts.map((c, i) => text(8 * u, (18 + i * 16) * u, c, { size: FS * u, fill: p.ink! }));
  const y = (26 + counts.length * 16) * u;
  out.push(
    ...strip(
      stripColumns([physSource(ph, snap.ramPages)], 0, snap.ramPages, Math.floor(area.w - 16 * u)).state,
      8 * u,
      y,
      area.w - 16 * u,
      30 * u,
      p,
    ),
  );
  out.push(
    text(8 * u, y + 30 * u + (FS + 4) * u, `pfn 0 – ${fmt(snap.ramPages - 1)}`, {
      size: FS * u,
      fill: p.muted!,
      mono: true,
    }),
  );
  return out;
}

/** A density strip: an empty frame, then a rectangle per run of equal columns. */
function strip(
  cols: Uint8Array,
  x: number,
  y: number,
  w: number,
  h: number,
  p: Palette,
  swapDevice = false,
): string[] {
  const out = [rect(x, y, w, h, { fill: p.empty!, stroke: p["line-strong"]!, "stroke-width": 1 })];
  for (const r of runsOf(cols, w)) {
    if (r.state === 0 || r.state === 255) continue;
    const fill = swapDevice
      ? r.state === SS_USED
        ? p.swap!
        : r.state === SS_LABEL
          ? p["line-strong"]!
          : p.empty!
      : statePaint(p, r.state).fill;
    // a lone page (or slot) in use still shows, as in the app's strips: at least 3 px wide
    out.push(rect(Math.min(x + r.x, x + w - 3), y, Math.max(3, r.w), h, { fill }));
  }
  return out;
}

export const swapSub = (snap: Snapshot): string =>
  snap.swap.deviceSlots === 0
    ? "no swap device"
    : `device: ${fmt(snap.swap.deviceSlotsUsed)} of ${fmt(snap.swap.deviceSlots)} slots in use`;

export function drawSwap(snap: Snapshot, area: Area, u: number, p: Palette, marks: Marks): string {
  const sw = snap.swap;
  const ps = snap.pageSize;
  const out: string[] = [];
  const figs = [
    ["allocated", sw.allocatedPages],
    ["reserved", sw.reservedPages],
    ["used", sw.usedPages],
    ["available", sw.availablePages],
  ] as const;
  // in frame pixels: four figure boxes, the bar, its sum, the device strip and its slots
  const fw = (area.w - 5 * 8) / 4;
  figs.forEach(([k, v], i) => {
    const x = 8 + i * (fw + 8);
    out.push(rect(x, 2, fw, 64, { rx: 6, fill: p["panel-2"]!, stroke: p.line!, "stroke-width": 1.5 }));
    out.push(text(x + 10, 24, k, { size: FS * u, fill: p.muted! }));
    out.push(text(x + 10, 54, shortSize(v, ps), { size: FS_NAME * u, fill: p.ink!, bold: true, mono: true }));
  });
  // the bar: allocated, then reserved, out of used + available
  const total = Math.max(1, sw.usedPages + sw.availablePages);
  const bx = 8;
  const bw = area.w - 16;
  out.push(rect(bx, 76, bw, 12, { rx: 3, fill: p.empty!, stroke: p.line!, "stroke-width": 1 }));
  out.push(rect(bx, 76, (bw * sw.allocatedPages) / total, 12, { fill: p.anon! }));
  out.push(
    rect(bx + (bw * sw.allocatedPages) / total, 76, (bw * sw.reservedPages) / total, 12, {
      fill: p["anon-soft"]!,
      stroke: p.anon!,
      "stroke-width": 1,
    }),
  );
  const sum = `${kb(sw.allocatedPages, ps)} allocated + ${kb(sw.reservedPages, ps)} reserved = ${kb(sw.usedPages, ps)} used`;
  out.push(
    text(bx, 116, fitText(bw, FS * MONO_EM * u, sum, sum.replace(/ allocated| reserved/g, "")), {
      size: FS * u,
      fill: p.ink!,
      mono: true,
      bold: true,
    }),
  );
  // the device: a strip of its slots (slot 0 is the label); the first slots in use by name
  if (sw.deviceSlots === 0) {
    const lines = wrap(
      "No swap device: every reservation comes from memory, and no anon page can be paged out.",
      bw,
      FS * u,
      2,
    );
    lines.forEach((l, k) => out.push(text(bx, 152 + k * 18 * u, l, { size: FS * u, fill: p.muted! })));
  } else {
    const len = deviceLength(sw.deviceSlots);
    out.push(
      ...strip(
        stripColumns([swapUseSource(snap.swapUse, len)], 0, len, Math.floor(bw)).state,
        bx,
        132,
        bw,
        26,
        p,
        true,
      ),
    );
    const used = snap.swapUse;
    const names = Array.from(used.slots.slice(0, 6), (slot, k) => `slot ${slot}: anon:${used.anons[k]!}`);
    const line =
      used.used === 0
        ? "No page on the device: a pageout puts pages here."
        : `${names.join(" · ")}${used.used > names.length ? ` · ${fmt(used.used - names.length)} more` : ""}`;
    const hit = Array.from(used.anons.slice(0, 6)).some((a) => marks.anons.has(a));
    out.push(
      text(
        bx,
        188,
        fitText(bw, (used.used ? FS * MONO_EM : FS * 0.56) * u, line, `${fmt(used.used)} slots in use`),
        {
          size: FS * u,
          fill: hit ? p.ink! : p.muted!,
          mono: used.used > 0,
        },
      ),
    );
  }
  return el("g", { transform: `translate(${area.x} ${area.y})` }, ...out);
}
