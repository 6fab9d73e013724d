import { useMemo } from "react";
import { notify } from "../../state/view";
import { setTable, useTeach } from "../../state/teach";
import { tableText, type Table } from "./tables";
import { useShownDoc } from "./useDoc";

function DataTable({ t }: { t: Table }) {
  return (
    <div className="teach-table-wrap">
      <table className="teach-table" data-table={t.id}>
        <caption>
          {t.caption}{" "}
          <span className="teach-muted">
            ({t.rows.length.toLocaleString("en-US")} {t.rows.length === 1 ? "row" : "rows"})
          </span>
        </caption>
        <thead>
          <tr>
            {t.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.length === 0 ? (
            <tr>
              <td colSpan={t.head.length} className="teach-muted">
                none
              </td>
            </tr>
          ) : (
            t.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={j}>{c}</td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {t.note && <p className="teach-muted">{t.note}</p>}
    </div>
  );
}

export function TablesList({ tables }: { tables: readonly Table[] }) {
  return (
    <>
      {tables.map((t) => (
        <DataTable key={t.id} t={t} />
      ))}
    </>
  );
}

/** The diagrams' facts as tables, in place of the diagrams (for screen readers and notes). */
export function TablesView() {
  const on = useTeach((t) => t.table);
  const { doc, busy } = useShownDoc(on);
  const tables = useMemo(() => doc?.tables ?? [], [doc]);
  if (!on) return null;
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(tables.map(tableText).join("\n"));
      notify("info", "The tables are copied, tab-separated.");
    } catch {
      notify("error", "The browser did not allow copying: select the tables and copy them instead.");
    }
  };
  return (
    <section className="panel tables-view" role="region" aria-label="Tables" aria-busy={busy}>
      <header className="panel-head">
        <h2>Tables</h2>
        <span className="sub">the diagrams&apos; facts, one row each</span>
        <span className="grow" />
        <button type="button" className="btn" onClick={() => void copy()} disabled={!doc}>
          Copy as text
        </button>
        <button type="button" className="btn" onClick={() => setTable(false)}>
          Back to the diagrams
        </button>
      </header>
      <div className="panel-body tables-body" tabIndex={0}>
        {doc ? <TablesList tables={tables} /> : <p>Reading…</p>}
      </div>
    </section>
  );
}
