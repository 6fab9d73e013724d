import { useEffect, useState } from "react";
import type { Change } from "../contract/change";
import { requestChanges } from "../state/queries";
import { marksFor, useChanges } from "../state/changes";
import { useApp } from "../state/store";
import { ChangeList } from "./compare/ChangeList";

/** Wait this long on a position before asking: holding an arrow key or playing asks nothing. */
const SETTLE_MS = 120;

/**
 * "What changed": the engine's list of differences over the event on screen (the same diff the
 * diagrams mark: state/changes.ts) or its whole step, computed in the worker from the two
 * states; each item is linked to its object in the diagrams.
 */
export function WhatChanged() {
  const snap = useApp((s) => s.engine.snapshot);
  const gen = useApp((s) => s.engine.gen);
  const marks = useChanges((s) => s.marks);
  const [scope, setScope] = useState<"event" | "step">("event");
  const [list, setList] = useState<{ key: string; items: readonly Change[]; folded: number } | null>(null);
  const key = snap && scope === "step" ? `${gen}/${snap.pos.step}/${snap.pos.event}` : "";

  useEffect(() => {
    if (!key) return;
    let live = true;
    const t = setTimeout(() => {
      void requestChanges("step").then((r) => {
        if (live && r) setList({ key, ...r });
      });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);

  const current = scope === "step" ? (list?.key === key ? list : null) : marksFor(marks, snap, gen, null);
  const start = snap?.pos.step === 0;
  return (
    <section className="changes" aria-label="What changed" aria-busy={!current && !start}>
      <div className="changes-head">
        <h3>
          <i className="sw-chg" title="what the list names is marked like this in the diagrams" />
          What changed
        </h3>
        <div className="seg-toggle" role="group" aria-label="List the changes of">
          {(["event", "step"] as const).map((s) => (
            <button
              key={s}
              type="button"
              className="btn"
              aria-pressed={scope === s}
              onClick={() => setScope(s)}
            >
              {s === "event" ? "this event" : "whole step"}
            </button>
          ))}
        </div>
      </div>
      {start ? (
        <p className="changes-none">Nothing has run yet.</p>
      ) : !current ? (
        <p className="changes-none">Working it out…</p>
      ) : current.items.length === 0 ? (
        <p className="changes-none">
          Nothing this list follows changed {scope === "event" ? "at this event" : "in this step"}. It leaves
          out the referenced and modified bits an access sets without a fault.
        </p>
      ) : (
        <ChangeList items={current.items} />
      )}
    </section>
  );
}
