/**
 * An anon struct in the Anon layer's band (ui/panels/anon/AnonBoxes.tsx): its name and an_refcnt
 * (×r), its swapfs name and where its page is (pp:F, or its swap slot), as much as its level
 * holds; a bar at its foot when too small to name the page.
 */
import { BOX_PAD_X, BOX_PAD_Y } from "../../ui/layout/anonBand";
import type { AnonBox } from "../../ui/layout/anonTypes";
import { hexOffset } from "../../ui/layout/states";
import { FS, FS_NAME, LH, LH_NAME } from "../../ui/layout/type";
import type { Snapshot } from "../../contract/wire/protocol";
import { anonIn } from "../../contract/wire/tables";
import type { Marks } from "./marks";
import { anonPaint } from "./paint";
import { el, esc, rect, text } from "./svg";
import type { Palette } from "./theme";

export function anonBox(snap: Snapshot, b: AnonBox, u: number, p: Palette, marks: Marks): string {
  const info = anonIn(snap.anons, b.id);
  const refcnt = info?.refcnt ?? 0;
  const frame = info?.frame ?? 0;
  const slot = info?.swapSlot ?? 0;
  const paint = anonPaint(p, refcnt, !frame && slot > 0);
  const hit = marks.anons.has(b.id);
  const out = [
    rect(b.x, b.y, b.w, b.h, {
      rx: Math.min(5 * u, b.w / 4),
      fill: paint.fill,
      stroke: hit ? p.now! : paint.stroke,
      "stroke-width": hit ? 3 * u : (refcnt > 1 ? 2 : 1.2) * u,
      "stroke-dasharray": !frame && slot ? `${3 * u} ${2 * u}` : undefined,
    }),
  ];
  const where = frame ? `→ pp:${frame}` : slot ? `→ swap ${slot}` : "no page";
  const short = frame ? `pp:${frame}` : slot ? `swap ${slot}` : "no page";
  const name = `anon:${b.id}`;
  const whereFill = frame ? p.shared! : p.muted!;
  type Line = readonly [string, number, boolean, string, string];
  const lines: readonly Line[] =
    b.level === "full"
      ? [
          [name, FS_NAME, true, `×${refcnt}`, p.ink!],
          [`(swapfs, ${hexOffset(b.id, snap.pageSize)})`, FS, false, "", p.ink!],
          [where, FS, !!frame, "", whereFill],
        ]
      : b.level === "compact"
        ? [
            [name, FS_NAME, true, `×${refcnt}`, p.ink!],
            [where, FS, !!frame, "", whereFill],
          ]
        : b.level === "narrow"
          ? [
              [name, FS_NAME, true, "", p.ink!],
              [`×${refcnt}`, FS, false, "", p.ink!],
              [short, FS, !!frame, "", whereFill],
            ]
          : b.level === "line"
            ? [[name, FS_NAME, true, `×${refcnt}`, p.ink!]]
            : b.level === "name"
              ? [[name, FS_NAME, true, "", p.ink!]]
              : [];
  let y = b.y + BOX_PAD_Y * u;
  lines.forEach(([t, size, bold, right, fill], k) => {
    y += (k === 0 ? LH_NAME - 3 : LH) * u;
    out.push(text(b.x + BOX_PAD_X * u, y, t, { size: size * u, fill, mono: true, bold }));
    if (right)
      out.push(
        text(b.x + b.w - BOX_PAD_X * u, y, right, {
          size: size * u,
          fill: p.ink!,
          mono: true,
          bold: true,
          anchor: "end",
        }),
      );
  });
  if (lines.length === 0 || lines.length === 1) {
    // too small to name the page: a bar at the foot says where it is (in memory, or on swap)
    if (frame || slot)
      out.push(rect(b.x + u, b.y + b.h - 4 * u, b.w - 2 * u, 3 * u, { fill: frame ? p.anon! : p.swap! }));
  }
  if (b.level === "upright")
    out.push(
      el(
        "text",
        {
          transform: `rotate(-90 ${b.x + b.w / 2} ${b.y + b.h / 2})`,
          x: b.x + b.w / 2,
          y: b.y + b.h / 2 + 4.5 * u,
          "font-size": FS_NAME * u,
          "font-family": "DejaVu Sans Mono, monospace",
          "font-weight": "bold",
          "text-anchor": "middle",
          fill: p.ink!,
        },
        esc(name),
      ),
    );
  return el("g", { "data-anon": name }, ...out);
}
