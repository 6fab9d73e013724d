import { useShallow } from "zustand/react/shallow";
import { clampPos, eventNumber } from "../../../contract/position";
import { shownEvent } from "../../../state/selectors";
import { useApp, type AppState } from "../../../state/store";
import { Panel } from "../../Panel";
import { Transport } from "../../Transport";
import { EventChips } from "../../EventChips";
import { EventCard } from "./EventCard";
import { WhatChanged } from "../../WhatChanged";
import { useCompact } from "../../phone/compact";
import { CompareView } from "../../compare/lazy";
import { useChanges } from "../../../state/changes";
import { useNarrationViews } from "./narrationViews";

const sel = (s: AppState) => {
  const snap = s.engine.snapshot;
  const p = snap ? clampPos(s.engine.steps, snap.pos) : { step: 0, event: -1 };
  const step = p.step > 0 ? s.engine.steps[p.step - 1] : undefined;
  const num = eventNumber(s.engine.steps, p);
  const at = step ? (p.event === -1 ? step.events.length - 1 : p.event) : -1;
  return { step, ev: shownEvent(s), n: num.n, of: num.of, total: s.engine.steps.length, at };
};

/** The kernel function that just ran, a link to its source, and one sentence of why. */
export function Narration() {
  const { step, ev, n, of, total, at } = useApp(useShallow(sel));
  const caption = step && ev ? `Step ${step.n}, event ${n} of ${of}: ${ev.fn}. ${ev.say}` : "Initial state.";
  // the list takes the card's place while asked for: side by side, neither fits a projector's row
  const changes = useChanges((s) => s.listOpen);
  const comparing = useChanges((s) => s.compareFrom !== null);
  const views = useNarrationViews();
  // a phone steps with a swipe or the buttons (it may have no arrow keys)
  const compact = useCompact();
  return (
    <Panel
      id="narration"
      title="Narration"
      actions={
        // a phone has them in More (TopBar.tsx): its dock has no room for a row of them
        compact ? undefined : (
          <>
            {views.map((v) => (
              <button
                key={v.label}
                type="button"
                className="btn changes-toggle"
                aria-pressed={v.on}
                disabled={v.disabled}
                title={v.title}
                onClick={v.toggle}
              >
                {v.label}
              </button>
            ))}
          </>
        )
      }
    >
      <div className="narration">
        <Transport />
        <div className="stepline">
          {step ? (
            <>
              <span>Step {step.n}:</span>
              <code>{step.text}</code>
              <span className={`result ${step.result === "ok" ? "ok" : "err"}`}>{step.result}</span>
              <span className="step-line-no" style={{ color: "var(--muted)" }}>
                line {step.line}
              </span>
            </>
          ) : (
            <span style={{ color: "var(--muted)" }}>
              Before the first statement ({total} {total === 1 ? "step" : "steps"} to go):{" "}
              {compact ? "swipe left, or use the buttons above, to step." : "press → to step."}
            </span>
          )}
          <EventChips />
        </div>
        <div className="narration-body">
          {comparing ? (
            <CompareView />
          ) : changes ? (
            <WhatChanged />
          ) : step && ev ? (
            <EventCard step={step} ev={ev} at={at} />
          ) : (
            <div className="event-card" data-fn="">
              <p className="say">
                Nothing has run yet: every process, mapping and page appears as the statements run, one kernel
                event at a time.
              </p>
            </div>
          )}
        </div>
        <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="caption">
          {caption}
        </div>
      </div>
    </Panel>
  );
}
