import { select, setHover } from "../../../state/view";
import type { SegSnap, Snapshot } from "../../../contract/wire/protocol";
import { anonIn } from "../../../contract/wire/tables";
import { cls, useLinks, useNowSet } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { BOX_PAD_X, BOX_PAD_Y } from "../../layout/anonBand";
import type { AnonBox, AnonLayout } from "../../layout/anonTypes";
import { hexOffset } from "../../layout/states";
import { FS, FS_NAME, LH, LH_NAME } from "../../layout/type";
import { noAnonNote } from "../../layout/anonNote";

/** Levels that do not name the page: a bar at the box's foot says it is in memory (or on swap). */
const BARRED: ReadonlySet<AnonBox["level"]> = new Set(["line", "name", "upright", "tiny"]);

/** Where an anon's page is, in a few words: its frame, else its swap device slot. */
function whereWords(frame: number, slot: number): { short: string; long: string } {
  if (frame) return { short: `pp:${frame}`, long: `→ pp:${frame}` };
  if (slot) return { short: `swap ${slot}`, long: `→ swap ${slot}` };
  return { short: "no page", long: "no page" };
}

/** The lines of a box at its level: [text, class, font size, right-hand text]. */
function lines(b: AnonBox, refcnt: number, frame: number, slot: number, ps: number) {
  const where = whereWords(frame, slot);
  const name = `anon:${b.id}`;
  if (b.level === "full")
    return [
      [name, "t-mono t-bold", FS_NAME, `×${refcnt}`],
      [`(swapfs, ${hexOffset(b.id, ps)})`, "t-mono", FS, ""],
      [where.long, frame ? "t-mono t-where" : "t-mono t-muted", FS, ""],
    ] as const;
  if (b.level === "compact")
    return [
      [name, "t-mono t-bold", FS_NAME, `×${refcnt}`],
      [where.long, frame ? "t-mono t-where" : "t-mono t-muted", FS, ""],
    ] as const;
  if (b.level === "narrow")
    return [
      [name, "t-mono t-bold", FS_NAME, ""],
      [`×${refcnt}`, "t-mono", FS, ""],
      [where.short, frame ? "t-mono t-where" : "t-mono t-muted", FS, ""],
    ] as const;
  if (b.level === "line") return [[name, "t-mono t-bold", FS_NAME, `×${refcnt}`]] as const;
  if (b.level === "name") return [[name, "t-mono t-bold", FS_NAME, ""]] as const;
  return [] as const;
}

/**
 * The anon structs in the band between the slot rows: its name and an_refcnt (×r), its swapfs
 * name and where its page is (the frame pp:F, or the swap device slot), as much as the box's
 * level holds. A tiny box shows these as colours: filled when its page is in memory, slate
 * when on swap only.
 */
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
  const marks = useMarks();
  const u = layout.u;
  return (
    <g>
      {layout.anons.map((b) => {
        const info = anonIn(snap.anons, b.id);
        const refcnt = info?.refcnt ?? 0;
        const frame = info?.frame ?? 0;
        const slot = info?.swapSlot ?? 0;
        const orphan = !layout.links.some((l) => l.anon === b.id);
        const where = whereWords(frame, slot).short;
        let y = b.y + BOX_PAD_Y * u;
        return (
          <g
            key={b.id}
            className={cls("anon", links.anons.has(b.id), now.anons.has(b.id), marks.anons.has(b.id))}
            data-anon-box={`anon:${b.id}`}
            data-link={`anon:${b.id}`}
            data-level={b.level}
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
              rx={Math.min(5 * u, b.w / 4)}
            />
            {b.level === "upright" && (
              <text
                transform={`rotate(-90 ${b.x + b.w / 2} ${b.y + b.h / 2})`}
                x={b.x + b.w / 2}
                y={b.y + b.h / 2 + 4.5 * u}
                fontSize={FS_NAME * u}
                textAnchor="middle"
                className="t-mono t-bold"
              >
                anon:{b.id}
              </text>
            )}
            {BARRED.has(b.level) && (frame > 0 || slot > 0) && (
              // where the page is, as a colour: the frame's (in memory) or slate (on swap only)
              <rect
                className={frame ? "tiny-page" : "tiny-swap"}
                x={b.x + u}
                y={b.y + b.h - (b.level === "tiny" ? 5 : 4) * u}
                width={Math.max(0, b.w - 2 * u)}
                height={(b.level === "tiny" ? 4 : 3) * u}
                data-where={where}
              />
            )}
            {lines(b, refcnt, frame, slot, snap.pageSize).map(([text, className, size, right], k) => {
              y += (k === 0 ? LH_NAME - 3 : LH) * u;
              return (
                <g key={k}>
                  <text x={b.x + BOX_PAD_X * u} y={y} fontSize={size * u} className={className}>
                    {text}
                  </text>
                  {right && (
                    <text
                      x={b.x + b.w - BOX_PAD_X * u}
                      y={y}
                      fontSize={size * u}
                      className="t-mono t-bold"
                      textAnchor="end"
                    >
                      {right}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
      {layout.anons.length === 0 && (
        <text x={layout.band.x} y={layout.band.y + (FS + 2) * u} fontSize={FS * u} className="t-muted">
          {emptyNote}
        </text>
      )}
    </g>
  );
}
