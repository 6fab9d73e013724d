import { select, setHover } from "../../state/actions";
import type { SegSnap, Snapshot } from "../../worker/protocol";
import { anonIn } from "../../worker/tables";
import { cls, useLinks, useNowSet } from "../hooks/useLinks";
import type { AnonLayout } from "../layout/anonLayer";
import { fitText, hexOffset } from "../layout/states";

/** The anon structs in the band between the slot rows: an_refcnt, swapfs name, where the page is. */
export function AnonBoxes({
  snap,
  layout,
  seg,
}: {
  snap: Snapshot;
  layout: AnonLayout;
  seg: SegSnap | undefined;
}) {
  const emptyNote = noAnonNote(seg);
  const { links } = useLinks();
  const now = useNowSet();
  return (
    <g>
      {layout.anons.map((b) => {
        const info = anonIn(snap.anons, b.id);
        const refcnt = info?.refcnt ?? 0;
        const frame = info?.frame ?? 0;
        const slot = info?.swapSlot ?? 0;
        const orphan = !layout.links.some((l) => l.anon === b.id);
        const where =
          [frame ? `pp:${frame}` : "", slot ? `swap ${slot}` : ""].filter(Boolean).join(" · ") || "no page";
        const cx = b.x + b.w / 2;
        return (
          <g
            key={b.id}
            className={cls("anon", links.anons.has(b.id), now.anons.has(b.id))}
            data-anon-box={`anon:${b.id}`}
            data-link={`anon:${b.id}`}
            data-refcnt={refcnt}
            data-frame={frame ? `pp:${frame}` : ""}
            data-swap={slot || ""}
            onMouseEnter={() => setHover({ kind: "anon", id: b.id })}
            onMouseLeave={() => setHover(null)}
            onClick={() => select({ kind: "anon", id: b.id })}
          >
            <title>{`anon:${b.id}: an_refcnt ${refcnt}, name (swapfs, ${hexOffset(b.id, snap.pageSize)}); page ${frame ? `pp:${frame}` : "not in memory"}; swap slot ${slot || "none"}${orphan ? "; no slot points at it yet" : ""}`}</title>
            <rect
              className={`anon-box hl${refcnt > 1 ? " shared" : ""}${orphan ? " orphan" : ""}${!frame && slot ? " swapped" : ""}`}
              x={b.x}
              y={b.y}
              width={b.w}
              height={b.h}
              rx={5}
            />
            {b.level === "full" && (
              <>
                <text x={b.x + 7} y={b.y + 13} fontSize={11} className="t-mono t-bold">
                  anon:{b.id}
                </text>
                <text
                  x={b.x + b.w - 6}
                  y={b.y + 13}
                  fontSize={10.5}
                  className="t-mono t-bold"
                  textAnchor="end"
                >
                  {`×${refcnt}`}
                </text>
                <text x={b.x + 7} y={b.y + 26} fontSize={9.5} className="t-mono t-muted">
                  an_refcnt {refcnt}
                </text>
                <text x={b.x + 7} y={b.y + 37} fontSize={9.5} className="t-mono">
                  (swapfs, {hexOffset(b.id, snap.pageSize)})
                </text>
                <text x={b.x + 7} y={b.y + 48} fontSize={9.5} className="t-mono t-muted">
                  → {where}
                </text>
              </>
            )}
            {b.level === "compact" && b.h < 28 && (
              // one line in a low box (the zoomed view's two lanes)
              <text x={cx} y={b.y + b.h / 2 + 3.5} fontSize={9.5} className="t-mono" textAnchor="middle">
                {fitText(b.w - 4, 5.8, `${b.id} ×${refcnt}`, `${b.id}`, `×${refcnt}`)}
              </text>
            )}
            {b.level === "compact" && b.h >= 28 && (
              <>
                <text x={cx} y={b.y + 12} fontSize={10} className="t-mono t-bold" textAnchor="middle">
                  {fitText(b.w - 4, 6.2, ...(b.w >= 52 ? [`anon:${b.id}`] : []), `${b.id}`)}
                </text>
                <text x={cx} y={b.y + 24} fontSize={9.5} className="t-mono" textAnchor="middle">
                  {fitText(b.w - 4, 5.8, ...(b.w >= 60 ? [`refcnt ${refcnt}`] : []), `×${refcnt}`)}
                </text>
              </>
            )}
          </g>
        );
      })}
      {layout.anons.length === 0 && (
        <text x={layout.band.x} y={layout.band.y + 11} fontSize={11} className="t-muted">
          {emptyNote}
        </text>
      )}
    </g>
  );
}

/** Why a mapping has no anon yet, in one line. */
export function noAnonNote(seg: SegSnap | undefined): string {
  const file = seg !== undefined && seg.source.startsWith("/") && seg.source !== "/dev/zero";
  if (file && seg.share === "shared")
    return "No anon, ever: a MAP_SHARED file mapping uses the file's own pages.";
  if (file) return "No anon yet: a private file mapping gets one only for a page it writes (copy-on-write).";
  return "No anon yet: a slot is filled when its page is first touched (anon_zero).";
}
