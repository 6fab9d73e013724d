import { useLayoutEffect, useRef } from "react";
import { setAddressNeed } from "../scale/wants";
import { useShallow } from "zustand/react/shallow";
import { clampPos, eventAt } from "../../contract/position";
import { seek } from "../../state/actions";
import { closeBeside, usePair } from "../../state/pair";
import { useApp, type AppState } from "../../state/store";
import { useSize } from "../hooks/useSize";
import { Panel } from "../Panel";
import { shownMapping } from "../panels/anon/shownMapping";
import { usePanelUnit } from "../scale/useUnit";
import { besideMapping, PairAnon } from "./PairAnon";
import "./pair.css";

/** What each run calls where they part, in words. */
function Parting({ a, b }: { a: string | null; b: string | null }) {
  if (a && b)
    return (
      <>
        this run calls <code>{a}</code>, B calls <code>{b}</code>.
      </>
    );
  if (b)
    return (
      <>
        B calls <code>{b}</code>, this run does not.
      </>
    );
  if (a)
    return (
      <>
        this run calls <code>{a}</code>, B does not.
      </>
    );
  return <>the results differ.</>;
}

const selA = (s: AppState) => ({ steps: s.engine.steps, step: s.engine.snapshot?.pos.step ?? 0 });

/**
 * The second scenario, in the place of Address spaces while it is open: its anon layer at the
 * moment that goes with the first's, its current event, its swap -s, and where the two runs'
 * kernel paths part (a button goes there).
 */
export function PairPanel() {
  const pair = usePair();
  const { steps, step } = useApp(useShallow(selA));
  const want = useApp(useShallow(shownMapping));
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const u = usePanelUnit("address");
  // the two anon layers one above the other, as tall as each other: this row gets half of what
  // the bottom row leaves
  useLayoutEffect(() => {
    const main = body.current?.closest("main");
    const bottom = main?.querySelector(".bottom");
    if (!main || !bottom) return;
    const share = (): void =>
      setAddressNeed(Math.max(0, (main.clientHeight - (bottom as HTMLElement).offsetHeight - 24) / 2));
    share();
    const ro = new ResizeObserver(share);
    ro.observe(main);
    return () => {
      ro.disconnect();
      setAddressNeed(0);
    };
  }, []);
  const snap = pair.snap;
  const p = snap ? clampPos(pair.steps, snap.pos) : null;
  const ev = p ? eventAt(pair.steps, p) : null;
  const d = pair.diverge;
  const at = d ? steps[d.step - 1] : undefined;
  return (
    <Panel
      id="address"
      title="Side by side"
      sub={`B: ${pair.title}${p ? ` · ${p.step > 0 ? `step ${p.step}` : "start"}${ev ? ` · ${ev.fn}` : ""}` : ""}`}
      actions={
        <button
          type="button"
          className="btn"
          aria-label="Close the second scenario"
          title="Close the second scenario"
          onClick={closeBeside}
        >
          Close B
        </button>
      }
    >
      <div className="pair" aria-label={`Second scenario: ${pair.title}`} role="group">
        {d ? (
          <p
            className={`pair-diverge${step === d.step ? " here" : ""}`}
            data-diverge={d.step}
            title={at ? `step ${d.step}: ${at.text}` : undefined}
          >
            {step === d.step ? "Here the kernel paths part: " : "The kernel paths part at "}
            <b>step {d.step}</b>: <Parting a={d.a} b={d.b} />{" "}
            {step !== d.step && (
              <button
                type="button"
                className="btn linkish"
                onClick={() => seek({ step: d.step, event: -1 }, "push")}
              >
                Go there
              </button>
            )}
          </p>
        ) : (
          pair.steps.length > 0 && (
            <p
              className="pair-diverge"
              title="The two runs call the same kernel functions in the same order; the branches taken inside them may still differ: read each event."
            >
              Same kernel calls, in the same order (branches inside them may differ).
            </p>
          )
        )}
        {pair.error ? (
          <p className="pair-error">B does not run: {pair.error}</p>
        ) : (
          !snap && <p className="empty-state">Running B…</p>
        )}
        <div ref={body} className="pair-body">
          {snap && width > 0 && (
            <PairAnon snap={snap} seg={besideMapping(snap, want)} width={width} height={height} u={u} />
          )}
        </div>
        {snap && <p className="pair-swap mono">{`B $ swap -s: ${snap.text.swapS.trim()}`}</p>}
      </div>
    </Panel>
  );
}
