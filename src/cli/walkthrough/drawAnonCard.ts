/**
 * A process's chain card in the Anon layer (ui/panels/anon/ChainCard.tsx): segvn_data → anon_map
 * (amp:N, its refcnt) → anon_hdr, in three lines, or its name and amp in one when rows are many;
 * outlined in amber when the step changed its anon_map.
 */
import type { RowLayout } from "../../ui/layout/anonTypes";
import { fitText } from "../../ui/layout/states";
import { FS, FS_NAME, LH, LH_NAME, MONO_EM, monoW } from "../../ui/layout/type";
import type { Snapshot } from "../../contract/wire/protocol";
import { hdrWords, type Row } from "./anonRow";
import type { Marks } from "./marks";
import { el, rect, text, tspan } from "./svg";
import { procFill, type Palette } from "./theme";

export function card(snap: Snapshot, row: Row, r: RowLayout, u: number, p: Palette, marks: Marks): string {
  const { proc, seg } = row;
  const amp = snap.amps.find((m) => m.id === seg.amp);
  const c = r.card;
  const color = procFill(p, snap.procs.indexOf(proc));
  const file = seg.source.startsWith("/") && seg.source !== "/dev/zero";
  const x = c.x + 10 * u;
  const room = c.w - 14 * u;
  const mono = FS * MONO_EM * u;
  const changed = amp !== undefined && marks.amps.has(amp.id);
  const out = [
    rect(c.x, c.y, c.w, c.h, {
      rx: 5 * u,
      fill: p["panel-2"]!,
      stroke: changed ? p.now! : p["line-strong"]!,
      "stroke-width": changed ? 3 * u : u,
    }),
    rect(c.x, c.y, 4 * u, c.h, { rx: 2 * u, fill: color }),
  ];
  const first =
    r.cardLevel === "full"
      ? " segvn_data"
      : fitText(room - monoW(proc.name, FS_NAME) * u, mono, amp ? ` amp:${amp.id}` : " no amp", "");
  out.push(
    el(
      "text",
      {
        x,
        y: c.y + (LH_NAME - (r.cardLevel === "full" ? 1 : 2)) * u,
        "font-size": FS_NAME * u,
        "font-family": "DejaVu Sans, sans-serif",
        fill: p.ink!,
      },
      tspan({ "font-weight": "bold", fill: color }, proc.name),
      tspan({ "font-family": "DejaVu Sans Mono, monospace", "font-size": FS * u }, first),
    ),
  );
  if (r.cardLevel === "full") {
    const l2 = amp
      ? fitText(room, mono, `→ amp:${amp.id} refcnt ${amp.refcnt}`, `→ amp:${amp.id}`)
      : "→ amp NULL";
    const l3 = amp
      ? fitText(room, mono, `→ hdr ${hdrWords(snap, amp)}`, "→ hdr")
      : fitText(room, mono, file ? "file pages only" : "no slot yet", file ? "file only" : "no slot");
    out.push(text(x, c.y + (LH_NAME + LH - 1) * u, l2, { size: FS * u, fill: p.ink!, mono: true }));
    out.push(text(x, c.y + (LH_NAME + 2 * LH - 1) * u, l3, { size: FS * u, fill: p.muted!, mono: true }));
  }
  return el("g", { "data-chain": proc.name }, ...out);
}
