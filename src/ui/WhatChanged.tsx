import { useEffect, useState } from "react";
import type { Change } from "../contract/change";
import { requestChanges, setHover } from "../state/actions";
import { useApp, type Focus } from "../state/store";

/** Wait this long on a position before asking: holding an arrow key or playing asks nothing. */
const SETTLE_MS = 120;

/** The object a change is about, as the diagrams' linked highlighting names it. */
function focusOf(c: Change): Focus | null {
  const r = c.refs;
  if (r.anon) return { kind: "anon", id: r.anon };
  if (r.frame) return { kind: "frame", id: r.frame };
  if (r.proc && r.seg && r.page !== undefined)
    return { kind: "page", proc: r.proc, seg: r.seg, page: r.page };
  if (r.swapSlot) return { kind: "swap", slot: r.swapSlot };
  return null;
}

/**
 * "What changed": the engine's list of differences over the event on screen (or its whole step),
 * computed in the worker from the two states; hovering an item lights its object in the diagrams.
 */
export function WhatChanged() {
  const snap = useApp((s) => s.engine.snapshot);
  const gen = useApp((s) => s.engine.gen);
  const [scope, setScope] = useState<"event" | "step">("event");
  const [list, setList] = useState<{ key: string; items: readonly Change[]; folded: number } | null>(null);
  const key = snap ? `${gen}/${snap.pos.step}/${snap.pos.event}/${scope}` : "";

  useEffect(() => {
    if (!key) return;
    let live = true;
    const t = setTimeout(() => {
      void requestChanges(scope).then((r) => {
        if (live && r) setList({ key, ...r });
      });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, scope]);

  const current = list?.key === key ? list : null;
  const start = snap?.pos.step === 0;
  return (
    <section className="changes" aria-label="What changed" aria-busy={!current && !start}>
      <div className="changes-head">
        <h3>What changed</h3>
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
          Nothing in the kernel's objects changed {scope === "event" ? "at this event" : "in this step"}.
        </p>
      ) : (
        <ul>
          {current.items.map((c, i) => {
            const f = focusOf(c);
            return (
              <li
                key={i}
                data-kind={c.kind}
                tabIndex={f ? 0 : undefined}
                onMouseEnter={f ? () => setHover(f) : undefined}
                onMouseLeave={f ? () => setHover(null) : undefined}
                onFocus={f ? () => setHover(f) : undefined}
                onBlur={f ? () => setHover(null) : undefined}
              >
                {c.text}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
