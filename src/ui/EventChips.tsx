import { useEffect, useRef, useState, type RefObject } from "react";
import { useShallow } from "zustand/react/shallow";
import { seek } from "../state/actions";
import { clampPos } from "../state/positions";
import { useApp, type AppState } from "../state/store";

const WINDOW = 30;

const sel = (s: AppState) => {
  const p = clampPos(s.engine.steps, s.engine.pos);
  const step = p.step > 0 ? s.engine.steps[p.step - 1] : undefined;
  return { step, n: p.step, event: p.event };
};

/** The kernel functions of the current step in order; the one on screen is marked. Click to jump. */
export function EventChips() {
  const { step, n, event } = useApp(useShallow(sel));
  const box = useRef<HTMLOListElement>(null);
  const evs = step?.events ?? [];
  const cur = event === -1 ? evs.length - 1 : event;
  const lo = Math.max(0, Math.min(cur - WINDOW / 2, evs.length - WINDOW));
  const shown = evs.slice(lo, lo + WINDOW);
  useEffect(() => {
    box.current
      ?.querySelector('[aria-current="step"]')
      ?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [cur, n]);
  const fade = useEdgeFade(box);
  if (!step) return <ol className="chips" ref={box} aria-label="Events of this step" data-fade={fade} />;
  return (
    <ol className="chips" ref={box} aria-label={`Events of step ${n}`} data-fade={fade}>
      {lo > 0 && <li className="more">…{lo}</li>}
      {shown.map((e, k) => {
        const i = lo + k;
        return (
          <li key={i}>
            <button
              type="button"
              className={`chip${i === cur ? " cur" : i < cur ? " done" : ""}`}
              aria-current={i === cur ? "step" : undefined}
              aria-label={`Event ${i + 1}: ${e.fn}`}
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
  );
}

/**
 * The row scrolls sideways with no scrollbar (it would take the narration's last line): a chip
 * cut by either edge fades out there instead, so the row says there is more to that side.
 */
function useEdgeFade(box: RefObject<HTMLOListElement | null>): string {
  const [fade, setFade] = useState("");
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = (): void => {
      const l = el.scrollLeft > 1;
      const r = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setFade(`${l ? "l" : ""}${r ? "r" : ""}`);
    };
    update();
    el.addEventListener("scroll", update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    const mo = new MutationObserver(update);
    mo.observe(el, { childList: true, subtree: true });
    return () => {
      el.removeEventListener("scroll", update);
      ro.disconnect();
      mo.disconnect();
    };
  }, [box]);
  return fade;
}
