import { useShallow } from "zustand/react/shallow";
import { clampPos, samePos } from "../../contract/position";
import type { Position, StepInfo } from "../../contract/wire/protocol";
import { seek } from "../../state/actions";
import { compareA, marksFor, setCompareFrom, useChanges } from "../../state/changes";
import { aroundStep } from "../../state/compareToggle";
import { useApp, type AppState } from "../../state/store";
import { ChangeList } from "./ChangeList";
import "./compare.css";

const sel = (s: AppState) => ({ steps: s.engine.steps, snap: s.engine.snapshot, gen: s.engine.gen });

const key = (p: Position): string => `${p.step}.${p.event}`;
const posOf = (k: string): Position => {
  const [step, event] = k.split(".").map(Number);
  return { step: step ?? 0, event: event ?? -1 };
};

/** How a moment reads in the pickers: the start, after a whole step, or inside one (its event). */
function momentName(steps: readonly StepInfo[], p: Position): string {
  if (p.step === 0) return "start";
  const s = steps[p.step - 1];
  const text = s ? ` · ${s.text.length > 24 ? `${s.text.slice(0, 23)}…` : s.text}` : "";
  if (p.event === -1) return `after step ${p.step}${text}`;
  return `step ${p.step}, event ${p.event + 1}: ${s?.events[p.event]?.fn ?? "?"}`;
}

/** The moments offered: the start, the end of every step, and A and B where they are. */
function moments(steps: readonly StepInfo[], extra: readonly Position[]): Position[] {
  const out: Position[] = [{ step: 0, event: -1 }, ...steps.map((_, i) => ({ step: i + 1, event: -1 }))];
  for (const p of extra) if (!out.some((q) => samePos(p, q))) out.push(p);
  return out.sort(
    (x, y) => x.step - y.step || (x.event === -1 ? 1e9 : x.event) - (y.event === -1 ? 1e9 : y.event),
  );
}

/**
 * Compare any two moments: A is pinned, B is the moment on screen (the transport moves it);
 * every panel shows B with what differs from A marked, and this lists the engine's whole diff.
 */
export function CompareView() {
  const { steps, snap, gen } = useApp(useShallow(sel));
  const pinned = useChanges((s) => s.compareFrom);
  const marks = useChanges((s) => s.marks);
  const a = compareA(steps, pinned);
  if (!a || !snap) return null;
  const b = clampPos(steps, snap.pos);
  const list = moments(steps, [a, b]);
  const m = marksFor(marks, snap, gen, a);
  const here = aroundStep(steps, b);
  const isShortcut = samePos(a, here.a) && samePos(b, here.b);
  return (
    <section className="changes compare" aria-label="Compare" aria-busy={!m && !samePos(a, b)}>
      <div className="changes-head compare-head">
        <h3>
          <i className="sw-chg" title="what differs from A is marked like this in the diagrams" />
          Compare
        </h3>
        <label>
          <span className="ab">A</span>
          <select
            aria-label="Moment A"
            value={key(a)}
            onChange={(e) => setCompareFrom(posOf(e.target.value))}
          >
            {list.map((p) => (
              <option key={key(p)} value={key(p)}>
                {momentName(steps, p)}
              </option>
            ))}
          </select>
        </label>
        <span aria-hidden="true">→</span>
        <label>
          <span className="ab">B</span>
          <select aria-label="Moment B" value={key(b)} onChange={(e) => seek(posOf(e.target.value), "push")}>
            {list.map((p) => (
              <option key={key(p)} value={key(p)}>
                {momentName(steps, p)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          aria-pressed={isShortcut}
          title="A: before the step on screen, B: after it"
          onClick={() => {
            setCompareFrom(here.a);
            seek(here.b, "push");
          }}
        >
          this step
        </button>
      </div>
      {samePos(a, b) ? (
        <p className="changes-none">A and B are the same moment: pick another A or move B.</p>
      ) : !m ? (
        <p className="changes-none">Working it out…</p>
      ) : m.items.length === 0 ? (
        <p className="changes-none">
          Nothing this list follows differs between A and B. It leaves out the pages' referenced and modified
          bits.
        </p>
      ) : (
        <ChangeList items={m.items} />
      )}
    </section>
  );
}
