import type { VmDoc } from "../../engine/report/doc";

/** Slots per drawn line, most segments drawn, biggest segment drawn. */
const PER_LINE = 16;
const MAX_SEGS = 8;
const MAX_PAGES = 64;
const CW = 46;
const CH = 30;
const LABEL = 120;

interface SegRow {
  readonly label: string;
  readonly first: number;
  readonly slots: readonly { anon: string | null }[];
}

/**
 * A small static anon-layer figure for the printable view, drawn from the JSON document: one row
 * of slots per anonymous segment, each slot with its anon and an_refcnt (shared anons darker).
 */
export function AnonFigure({ doc }: { doc: VmDoc }) {
  const anons = new Map(doc.anons.map((a) => [a.id, a]));
  const rows: SegRow[] = [];
  let more = 0;
  for (const p of doc.processes) {
    if (p.state !== "alive") continue;
    for (const s of p.segments) {
      if (!s.amp || s.pages > MAX_PAGES) continue;
      if (rows.length >= MAX_SEGS) more++;
      else rows.push({ label: `${p.name} ${s.name}`, first: s.first, slots: s.slots });
    }
  }
  if (rows.length === 0) return <p className="teach-muted">No segment has an anon_map yet.</p>;
  const lines = rows.map((r) => Math.ceil(r.slots.length / PER_LINE));
  const height = lines.reduce((h, n) => h + n * (CH + 14) + 6, 0);
  const width = LABEL + PER_LINE * CW;
  let y = 0;
  return (
    <figure className="anon-figure">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Anon slots of each segment with an anon_map, with an_refcnt"
      >
        {rows.map((r, ri) => {
          const top = y;
          y += lines[ri]! * (CH + 14) + 6;
          return (
            <g key={ri}>
              <text x={0} y={top + 19} className="fig-label">
                {r.label}
              </text>
              {r.slots.map((sl, i) => {
                const x = LABEL + (i % PER_LINE) * CW;
                const yy = top + Math.floor(i / PER_LINE) * (CH + 14);
                const a = sl.anon ? anons.get(sl.anon) : undefined;
                const kind = !a
                  ? "empty"
                  : !a.frame && a.swapSlot !== null
                    ? "swapped"
                    : a.refcnt > 1
                      ? "shared"
                      : "anon";
                return (
                  <g key={i}>
                    <rect x={x} y={yy} width={CW - 4} height={CH} rx={3} className={`fig-${kind}`} />
                    <text x={x + (CW - 4) / 2} y={yy + 12} className="fig-id" textAnchor="middle">
                      {a ? a.id.replace("anon:", "a") : "NULL"}
                    </text>
                    {a && (
                      <text x={x + (CW - 4) / 2} y={yy + 25} className="fig-ref" textAnchor="middle">
                        ×{a.refcnt}
                      </text>
                    )}
                    <text x={x + (CW - 4) / 2} y={yy + CH + 10} className="fig-page" textAnchor="middle">
                      {r.first + i}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="teach-muted">
        Slots (page number below) → anon (aN) and its an_refcnt (×N); darker: shared, grey: on swap only.
        {more > 0 && ` ${more} more segments not drawn.`}
      </figcaption>
    </figure>
  );
}
