import { useMemo } from "react";
import { selectSegment } from "../../state/actions";
import type { ProcSnap, SegSnap, Snapshot } from "../../worker/protocol";
import { procColor } from "../colors";
import { DensityCanvas, STATE_COLORS } from "../DensityCanvas";
import { fmt, slotState } from "../layout/states";
import { segColumns } from "../layout/strip";

interface Row {
  proc: ProcSnap;
  seg: SegSnap;
}

function DensityRow({ snap, row, width }: { snap: Snapshot; row: Row; width: number }) {
  const { proc, seg } = row;
  const cols = useMemo(() => segColumns(seg, width, (a, f) => slotState(snap, a, f)), [snap, seg, width]);
  const amp = snap.amps.find((m) => m.id === seg.amp);
  const t = seg.totals;
  const color = procColor(snap.procs.indexOf(proc));
  const perCol = Math.max(1, Math.round(seg.pages / width));
  return (
    <div
      className="density-row"
      data-proc={proc.name}
      data-pages={seg.pages}
      data-filled={t.filled}
      data-shared={t.shared}
      data-swapped={t.swapped}
      data-mapped={t.mapped}
      onClick={() => selectSegment(proc.name, { name: seg.name, first: seg.first })}
    >
      <div className="density-head">
        <b style={{ color }}>{proc.name}</b>
        <span className="mono">
          segvn_data → {amp ? `amp:${amp.id} (refcnt ${amp.refcnt})` : "amp NULL"}
          {amp &&
            ` → anon_hdr ${fmt(amp.slots)} slots, ${amp.levels === 1 ? "flat" : `2-level, ${fmt(amp.chunks)} ${amp.chunks === 1 ? "chunk" : "chunks"}`}`}
        </span>
      </div>
      <DensityCanvas
        cols={cols}
        colors={STATE_COLORS}
        height={22}
        label={`${proc.name} ${seg.name}: ${fmt(seg.pages)} pages, one column per ${fmt(perCol)} pages`}
      />
      <div className="density-stats" aria-label={`${proc.name} ${seg.name} counts`}>
        <span>
          <b>{fmt(seg.pages)}</b> pages
        </span>
        <span>
          <b>{fmt(t.filled)}</b> slots filled
        </span>
        <span>
          <b>{fmt(t.shared)}</b> shared (refcnt &gt; 1)
        </span>
        <span>
          <b>{fmt(t.swapped)}</b> on swap
        </span>
        <span>
          <b>{fmt(t.mapped)}</b> translations
        </span>
      </div>
    </div>
  );
}

/** Too many pages for cells: one density strip per process, and the counts. */
export function AnonDensity({ snap, rows, width }: { snap: Snapshot; rows: Row[]; width: number }) {
  const w = Math.max(100, width - 20);
  const live = snap.anons.live;
  return (
    <div className="density-wrap">
      {rows.map((r) => (
        <DensityRow key={r.proc.name} snap={snap} row={r} width={w} />
      ))}
      <p className="density-note">
        <b>{fmt(live)}</b> anon structs live in the whole system. One pixel column stands for{" "}
        {fmt(Math.max(1, Math.round((rows[0]?.seg.pages ?? 1) / w)))} pages, coloured by what most of its
        touched pages hold (grey only when none is touched).
      </p>
    </div>
  );
}
