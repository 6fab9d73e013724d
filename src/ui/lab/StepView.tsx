import type { StepCompare } from "../../lab/compare/compare";
import { ADDRESSES, OTHER_ROWS } from "../../lab/compare/explain";
import { seek } from "../../state/actions";
import { RowsTable, whyLabel } from "./RowsTable";

/** One step of a lab run beside the simulation: its result, each process's rows, swap -s. */
export function StepView({ step }: { step: StepCompare }) {
  return (
    <section className="lab-step" aria-label={`Step ${step.n}`}>
      <div className="lab-step-head">
        <h3>
          Step {step.n}: <code>{step.text}</code>
        </h3>
        <button type="button" className="btn" onClick={() => seek({ step: step.n, event: -1 })}>
          Show step {step.n} in the app
        </button>
      </div>
      {step.n > 0 && (
        <p
          className={
            step.resultSame
              ? "lab-result"
              : step.resultWhy
                ? "lab-result lab-diff"
                : "lab-result lab-diff lab-surprise"
          }
        >
          Result: simulator <strong>{step.simResult || "—"}</strong>, real run{" "}
          <strong>{step.realResult || "—"}</strong>
          {step.resultSame
            ? " (same)"
            : ` · ${whyLabel(step.resultWhy)}${step.resultWhy ? `: ${step.resultWhy.text}` : ""}`}
        </p>
      )}
      {step.procs.map((p) => (
        <div key={p.name} className="lab-proc">
          {p.problem && <p className="lab-diff lab-surprise">{`${p.name}: ${p.problem}`}</p>}
          {p.rows.length > 0 && (
            <RowsTable
              rows={p.rows}
              caption={`${p.name}: simulator pid ${p.simPid ?? "—"}, real pid ${p.realPid ?? "—"}`}
            />
          )}
          {p.others.count > 0 && (
            <p className="teach-muted">
              {`+ ${p.others.count} other real ${p.others.count === 1 ? "row" : "rows"} (${p.others.kbytes} KB). `}
              {OTHER_ROWS}
            </p>
          )}
        </div>
      ))}
      {step.swap.length > 0 && (
        <table className="lab-table lab-swap">
          <caption>swap -s: the change since step {step.n - 1}, in KB</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">sim</th>
              <th scope="col">real</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {step.swap.map((s) => {
              const cls = s.same ? "" : s.why ? "lab-diff" : "lab-diff lab-surprise";
              return (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td className={`lab-num ${cls}`}>{signed(s.sim)}</td>
                  <td className={`lab-num lab-real ${cls}`}>
                    {!s.same && <span aria-hidden="true">≠ </span>}
                    {signed(s.real)}
                  </td>
                  <td className="lab-why">{s.same ? "same" : s.why ? s.why.text : "unexplained"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="teach-muted">{ADDRESSES}</p>
    </section>
  );
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
