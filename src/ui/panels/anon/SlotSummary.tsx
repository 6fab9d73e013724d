import type { ProcSnap, SegSnap, Snapshot } from "../../../contract/wire/protocol";
import { refcntIn } from "../../../contract/wire/tables";

/** The slot arrays as text, for screen readers (the drawing itself is an image). */
export function SlotSummary({ snap, rows }: { snap: Snapshot; rows: { proc: ProcSnap; seg: SegSnap }[] }) {
  return (
    <div className="sr-only">
      {rows.map(({ proc, seg }) => {
        const d = seg.detail;
        if (d.kind !== "pages") return null;
        const items = Array.from({ length: seg.pages }, (_, i) => {
          const a = d.anon[i]!;
          const f = d.frame[i]!;
          const slot = a ? `anon:${a} with an_refcnt ${refcntIn(snap.anons, a)}` : "empty slot";
          return `page ${seg.first + i}: ${slot}, ${f ? `mapped to pp:${f}` : "no translation"}`;
        });
        return (
          <p key={proc.name}>
            {proc.name} {seg.name}: {items.join("; ")}.
          </p>
        );
      })}
    </div>
  );
}
