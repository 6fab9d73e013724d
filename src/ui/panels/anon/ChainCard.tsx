import { selectSegment } from "../../../state/view";
import type { ProcSnap, SegSnap, Snapshot } from "../../../contract/wire/protocol";
import { procColor } from "../../colors";
import type { RowLayout } from "../../layout/anonTypes";
import { fitText } from "../../layout/states";
import { FS, FS_NAME, LH, LH_NAME, MONO_EM, sansW } from "../../layout/type";
import { useMarks } from "../../hooks/useMarks";

/** Slot pointers per anon_hdr chunk: one page of 8-byte pointers. */
const chunkOf = (snap: Snapshot): number => snap.pageSize / 8;

/** The anon_hdr in a few words: "4 slots, flat" or "1/2 chunks" (two levels). */
function hdrWords(snap: Snapshot, amp: Snapshot["amps"][number]): string {
  return amp.levels === 1 ? `${amp.slots} slots, flat` : `${amp.chunks}/${amp.slots / chunkOf(snap)} chunks`;
}

/**
 * A process's chain to its slots: segvn_data → anon_map (amp:N, its refcnt) → anon_hdr, in
 * three lines, or its name and amp in two when rows are many.
 */
export function ChainCard({
  snap,
  row,
  lay,
  u,
}: {
  snap: Snapshot;
  row: { proc: ProcSnap; seg: SegSnap };
  lay: RowLayout;
  u: number;
}) {
  const { proc, seg } = row;
  const amp = snap.amps.find((m) => m.id === seg.amp);
  const marks = useMarks();
  const chg = (amp && marks.amps.has(amp.id)) || marks.segs.has(`${proc.name}/${seg.name}`);
  const c = lay.card;
  const color = procColor(snap.procs.indexOf(proc));
  const file = seg.source.startsWith("/") && seg.source !== "/dev/zero";
  const title = `${proc.name} ${seg.name}: segvn_data → ${amp ? `anon_map amp:${amp.id} (refcnt ${amp.refcnt}, ${amp.pages} pages) → anon_hdr ${hdrWords(snap, amp)}, ${amp.levels} level${amp.levels === 1 ? "" : "s"}` : "no anon_map"}`;
  const x = c.x + 10 * u;
  const room = c.w - 14 * u;
  const mono = FS * MONO_EM * u;
  return (
    <g
      data-chain={proc.name}
      data-card={lay.cardLevel}
      onClick={() => selectSegment(proc.name, { name: seg.name, first: seg.first })}
      style={{ cursor: "pointer" }}
    >
      <rect className={`card${chg ? " chg" : ""}`} x={c.x} y={c.y} width={c.w} height={c.h} rx={5 * u} />
      <rect x={c.x} y={c.y} width={4 * u} height={c.h} rx={2 * u} fill={color} />
      <title>{title}</title>
      <text x={x} y={c.y + (LH_NAME - (lay.cardLevel === "full" ? 1 : 2)) * u} fontSize={FS_NAME * u}>
        <tspan className="t-bold" fill={color}>
          {proc.name}
        </tspan>
        <tspan className="t-mono" fontSize={FS * u}>
          {lay.cardLevel === "full"
            ? " segvn_data"
            : fitText(room - sansW(proc.name, FS_NAME) * u, mono, amp ? ` amp:${amp.id}` : " no amp", "")}
        </tspan>
      </text>
      {lay.cardLevel === "full" ? (
        <>
          <text x={x} y={c.y + (LH_NAME + LH - 1) * u} fontSize={FS * u} className="t-mono">
            {amp
              ? fitText(room, mono, `→ amp:${amp.id} refcnt ${amp.refcnt}`, `→ amp:${amp.id}`)
              : "→ amp NULL"}
          </text>
          <text x={x} y={c.y + (LH_NAME + 2 * LH - 1) * u} fontSize={FS * u} className="t-mono t-muted">
            {amp
              ? fitText(room, mono, `→ hdr ${hdrWords(snap, amp)}`, `→ hdr`)
              : fitText(room, mono, file ? "file pages only" : "no slot yet", file ? "file only" : "no slot")}
          </text>
        </>
      ) : null}
    </g>
  );
}
