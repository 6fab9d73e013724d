import type { DocView } from "../../contract/docView";

/** Slots per drawn line (the worker picks at most 8 segments of at most 64 pages: docView.ts). */
const PER_LINE = 16;
const CW = 46;
const CH = 30;
const LABEL = 120;

/**
 * A small static anon-layer figure for the printable view, drawn from the document view: one
 * row of slots per anonymous segment, each slot with its anon and an_refcnt (shared anons darker).
 */
export function AnonFigure({ doc }: { doc: DocView }) {
  const { rows, more } = doc.figure;
  if (rows.length === 0) return <p className="teach-muted">No segment has an anon_map yet.</p>;
  const lines = rows.map((r) => Math.ceil(r.slots.length / PER_LINE));
  // each row's top: the rows above it, their lines of slots and a gap each
  const tops = lines.map((_, i) => lines.slice(0, i).reduce((h, n) => h + n * (CH + 14) + 6, 0));
  const height = lines.reduce((h, n) => h + n * (CH + 14) + 6, 0);
  const width = LABEL + PER_LINE * CW;
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
          const top = tops[ri]!;
          return (
            <g key={ri}>
              <text x={0} y={top + 19} className="fig-label">
                {r.label}
              </text>
              {r.slots.map((sl, i) => {
                const x = LABEL + (i % PER_LINE) * CW;
                const yy = top + Math.floor(i / PER_LINE) * (CH + 14);
                const a = sl.anon ? sl : undefined;
                const kind = !a ? "empty" : a.swapped ? "swapped" : a.refcnt > 1 ? "shared" : "anon";
                return (
                  <g key={i}>
                    <rect x={x} y={yy} width={CW - 4} height={CH} rx={3} className={`fig-${kind}`} />
                    <text x={x + (CW - 4) / 2} y={yy + 12} className="fig-id" textAnchor="middle">
                      {a ? `a${a.anon}` : "NULL"}
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
