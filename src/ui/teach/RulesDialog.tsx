import { useEffect, useMemo, useRef, useState } from "react";
import { RULES, sourceLink, type Rule } from "../../contract/kernel/rules";
import { SIMPLIFICATIONS } from "../../contract/kernel/simplifications";
import { closeRules, useTeach } from "../../state/teach";
import { Dialog } from "./Dialog";

const file = (src: string): string => src.slice(src.lastIndexOf("/") + 1);

function matches(r: Rule, q: string): boolean {
  if (!q) return true;
  const s = q.toLowerCase();
  return [r.id, r.text, r.fn, r.src, ...r.oracles].some((x) => x.toLowerCase().includes(s));
}

/** Every modelling choice the engine makes, with the illumos function it follows. */
export function RulesDialog() {
  const open = useTeach((t) => t.rules);
  const focus = useTeach((t) => t.rule);
  const [q, setQ] = useState("");
  const list = useRef<HTMLOListElement>(null);
  const shown = useMemo(() => RULES.filter((r) => matches(r, q)), [q]);
  useEffect(() => {
    if (open && focus) list.current?.querySelector(`[data-rule="${CSS.escape(focus)}"]`)?.scrollIntoView();
  }, [open, focus]);
  if (!open) return null;
  return (
    <Dialog label="Rules" onClose={closeRules} className="rules-dialog">
      <div className="teach-dialog-head">
        <h2>Rules the simulator follows</h2>
        <button type="button" className="btn" onClick={closeRules} data-autofocus>
          Close
        </button>
      </div>
      <p className="teach-muted">
        Each modelling choice names the illumos function it comes from (a link to its definition) and the
        oracle scenarios that exercise it, whose expected results were worked out by hand from the illumos
        source.
      </p>
      <input
        type="search"
        className="rules-filter"
        aria-label="Filter rules"
        placeholder="Filter: fork, swap, anon_private…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <p className="teach-muted" aria-live="polite">
        {shown.length === RULES.length ? `${RULES.length} rules` : `${shown.length} of ${RULES.length} rules`}
      </p>
      <ol className="rules-list" ref={list}>
        {shown.map((r) => (
          <li key={r.id} data-rule={r.id} className={r.id === focus ? "focus" : undefined}>
            <p>{r.text}</p>
            <p className="rule-src">
              <a href={sourceLink(r.fn)} target="_blank" rel="noopener noreferrer">
                {r.fn}()
              </a>{" "}
              <span className="teach-muted">in {file(r.src)}</span>
              <span className="rule-oracles">
                {" "}
                · checked by{" "}
                {r.oracles.map((o, i) => (
                  <span key={o}>
                    {i > 0 && ", "}
                    <code>{o.replace(/\.vms$/, "")}</code>
                  </span>
                ))}
              </span>
            </p>
          </li>
        ))}
      </ol>
      <h3 className="rules-simpler">What the simulator leaves out</h3>
      <ul className="rules-list" aria-label="Simplifications">
        {SIMPLIFICATIONS.map((x) => (
          <li key={x.id} data-simplification={x.id}>
            <p>{x.text}</p>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
