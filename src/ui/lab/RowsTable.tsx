import type { RowCompare } from "../../lab/compare/compare";
import type { Cell } from "../../lab/compare/cells";
import type { Why } from "../../lab/compare/explain";

/**
 * One process's rows, the simulator's value beside the real one for each of Kbytes, RSS, Anon
 * and Mode. A cell that differs is marked (a sign and a colour, never the colour alone), with a
 * numbered note saying why when the lab expects it.
 */

const KINDS: Record<Why["kind"], string> = {
  image: "the real program",
  program: "another program",
  pageout: "skipped pageout",
  vital: "not run here",
  machine: "another machine",
  linux: "Linux",
  swap: "other processes",
};

export function whyLabel(w: Why | null): string {
  return w ? KINDS[w.kind] : "unexplained";
}

/** A cell pair; a side with no row at all shows a dash and no sign (the Why column says so). */
function CellPair({ c, explained, whole }: { c: Cell; explained: boolean; whole: boolean }) {
  const cls = c.same ? "" : explained ? "lab-diff" : "lab-diff lab-surprise";
  const mark = !c.same && whole;
  return (
    <>
      <td className={`lab-num ${cls}`}>{c.sim || "—"}</td>
      <td className={`lab-num lab-real ${cls}`} aria-label={mark ? `${c.real}, differs` : undefined}>
        {mark && <span aria-hidden="true">≠ </span>}
        {c.real || "—"}
      </td>
    </>
  );
}

/** What the Why column says of a row that differs. */
function whyText(r: RowCompare, n: number | null): string {
  const side =
    r.cells[0]!.real === "" ? "no real row" : r.cells[0]!.sim === "" ? "only on the real machine" : "";
  const why = n ? `[${n}] ${whyLabel(r.why)}` : "unexplained";
  return side ? `${side}: ${why}` : why;
}

export function RowsTable({ rows, caption }: { rows: readonly RowCompare[]; caption: string }) {
  const notes: Why[] = [];
  const noteOf = (w: Why | null): number | null => {
    if (!w) return null;
    const i = notes.findIndex((n) => n.text === w.text);
    if (i >= 0) return i + 1;
    notes.push(w);
    return notes.length;
  };
  const body = rows.map((r, i) => {
    const n = r.differs ? noteOf(r.why) : null;
    return (
      <tr key={i} className={r.differs ? "lab-row-diff" : undefined}>
        <th scope="row" className="lab-seg">
          {r.segment}
        </th>
        <td className="lab-mapped">{r.mapped}</td>
        {r.cells.map((c) => (
          <CellPair
            key={c.name}
            c={c}
            explained={r.why !== null}
            whole={r.cells[0]!.real !== "" && r.cells[0]!.sim !== ""}
          />
        ))}
        <td className="lab-why">{r.differs ? whyText(r, n) : "same"}</td>
      </tr>
    );
  });
  return (
    <>
      <table className="lab-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col">
              Segment
            </th>
            <th rowSpan={2} scope="col">
              Mapped
            </th>
            {["Kbytes", "RSS", "Anon", "Mode"].map((h) => (
              <th key={h} colSpan={2} scope="colgroup">
                {h}
              </th>
            ))}
            <th rowSpan={2} scope="col">
              Why
            </th>
          </tr>
          <tr>
            {[0, 1, 2, 3].map((i) => (
              <SubHead key={i} />
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
      {notes.length > 0 && (
        <ol className="lab-notes">
          {notes.map((w, i) => (
            <li key={i} value={i + 1}>
              {w.text}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function SubHead() {
  return (
    <>
      <th scope="col" className="lab-sub">
        sim
      </th>
      <th scope="col" className="lab-sub">
        real
      </th>
    </>
  );
}
