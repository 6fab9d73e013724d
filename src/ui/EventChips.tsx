import { useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { seek } from "../state/actions";
import { clampPos } from "../contract/position";
import { useApp, type AppState } from "../state/store";
import { relation } from "./layout/calls";
import { useEdgeFade } from "./hooks/useEdgeFade";
import { frameRead } from "./hooks/frameRead";

const WINDOW = 40;

const sel = (s: AppState) => {
  const p = clampPos(s.engine.steps, s.engine.pos);
  const step = p.step > 0 ? s.engine.steps[p.step - 1] : undefined;
  return { step, n: p.step, event: p.event };
};

const MARK = { call: "›", next: "·", return: "‹" } as const;
const SAYS = { call: "called by the one before", next: "then", return: "back in a caller" } as const;

/**
 * The kernel functions of the current step in order, each joined to the one before by how it
 * follows it: › it was called by it, · the same caller's next call, ‹ back out in a caller.
 * The one on screen is marked; click to jump. The row scrolls sideways with buttons at both
 * ends (and fades where it is cut), so nothing is hidden without a way to reach it.
 */
export function EventChips() {
  const { step, n, event } = useApp(useShallow(sel));
  const box = useRef<HTMLOListElement>(null);
  const evs = step?.events ?? [];
  const cur = event === -1 ? evs.length - 1 : event;
  const lo = Math.max(0, Math.min(cur - WINDOW / 2, evs.length - WINDOW));
  const shown = evs.slice(lo, lo + WINDOW);
  // at once, not at the next frame (frameRead.ts): a scroll landing a frame later could fall
  // inside the next swipe on a phone, which then reads as a scroll and does not step. The first
  // one waits for the frame: in the first render's commit it would lay the page out once more
  // before the panels are drawn at their size (a slow laptop's first paint, bench/README.md)
  const mounted = useRef(false);
  useEffect(() => {
    const show = (): void => {
      // a statement: newer Chromium returns a promise here, which React would take for a cleanup
      box.current
        ?.querySelector('[aria-current="step"]')
        ?.scrollIntoView({ block: "nearest", inline: "center" });
    };
    if (mounted.current) {
      show();
      return;
    }
    mounted.current = true;
    const later = frameRead(show);
    later();
    return later.cancel;
  }, [cur, n]);
  const fade = useEdgeFade(box);
  const scroll = (dir: 1 | -1) => {
    const el = box.current;
    if (el) el.scrollBy({ left: dir * el.clientWidth * 0.7 });
  };
  return (
    <div className="chipbar">
      <button
        type="button"
        className="btn icon chip-scroll"
        aria-label="Earlier events of this step"
        disabled={!fade.includes("l")}
        onClick={() => scroll(-1)}
      >
        ‹
      </button>
      <ol
        className="chips"
        ref={box}
        aria-label={step ? `Events of step ${n}` : "Events of this step"}
        data-fade={fade}
      >
        {lo > 0 && <li className="more">…{lo}</li>}
        {step &&
          shown.map((e, k) => {
            const i = lo + k;
            const rel = relation(evs, i);
            return (
              <li key={i} data-depth={e.depth ?? 0}>
                {rel && k > 0 && (
                  <span className={`rel rel-${rel}`} title={SAYS[rel]} aria-hidden="true">
                    {MARK[rel]}
                  </span>
                )}
                <button
                  type="button"
                  className={`chip${i === cur ? " cur" : i < cur ? " done" : ""}`}
                  aria-current={i === cur ? "step" : undefined}
                  aria-label={`Event ${i + 1}: ${e.fn}${rel === "call" ? `, called by ${evs[i - 1]!.fn}` : ""}`}
                  title={e.say}
                  onClick={() => seek({ step: n, event: i === evs.length - 1 ? -1 : i })}
                >
                  {e.fn}
                </button>
              </li>
            );
          })}
        {lo + WINDOW < evs.length && <li className="more">…{evs.length - lo - WINDOW}</li>}
      </ol>
      <button
        type="button"
        className="btn icon chip-scroll"
        aria-label="Later events of this step"
        disabled={!fade.includes("r")}
        onClick={() => scroll(1)}
      >
        ›
      </button>
    </div>
  );
}
