import { SOURCE_BROWSER } from "../../../contract/kernel/source";
import { seek } from "../../../state/actions";
import type { EventInfo, StepInfo } from "../../../contract/wire/protocol";
import { callers, foldOf, shownPath, type Fold } from "../../layout/calls";

/**
 * The event on screen: who called it (each caller a link to its event), what it did in one
 * sentence, and its source. A folded summary ("The same again for pages 3 to 19") is shown
 * whole, one line per path the folded pages took, each with a link to a page shown in full
 * that took the same path.
 */
export function EventCard({ step, ev, at }: { step: StepInfo; ev: EventInfo; at: number }) {
  const file = ev.src.slice(ev.src.lastIndexOf("/") + 1);
  const evs = step.events;
  const up = callers(evs, at);
  const fold = foldOf(ev.say);
  const go = (i: number) => seek({ step: step.n, event: i === evs.length - 1 ? -1 : i });
  return (
    <div className="event-card" data-fn={ev.fn} data-depth={ev.depth ?? 0}>
      <div className="call-path" aria-label="Called from">
        {up.map((i) => (
          <span key={i} className="caller">
            <button type="button" className="linkish mono" onClick={() => go(i)} title={evs[i]!.say}>
              {evs[i]!.fn}
            </button>
            <span className="sep" aria-hidden="true">
              ›
            </span>
          </span>
        ))}
        <span className="fn">{ev.fn}()</span>
        <a
          className="src"
          href={`${SOURCE_BROWSER}${ev.src}#${encodeURIComponent(ev.fn)}`}
          target="_blank"
          rel="noopener noreferrer"
          title={`${ev.fn} in the illumos source (${ev.src})`}
        >
          {file} ↗
        </a>
      </div>
      {fold ? (
        <div className="say fold" data-fold={fold.count}>
          <p>
            The same again for {fold.which} ({fold.count} {fold.count === 1 ? "page" : "pages"}),{" "}
            {fold.count === 1 ? "taking" : "each taking"} a path shown above (callees in brackets)
            {fold.paths.length === 1 ? "" : ":"}
            {fold.paths.length === 1 && pathOf(fold, 0)}
          </p>
          {fold.paths.length > 1 && (
            <ul>
              {fold.paths.map((_, k) => (
                <li key={k}>{pathOf(fold, k)}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p className="say">{ev.say}</p>
      )}
    </div>
  );

  /** One path of the fold: the page shown in full that took it (a link), then its functions. */
  function pathOf(fold: Fold, k: number) {
    const p = fold.paths[k]!;
    const i = shownPath(evs, at, p.fns);
    return (
      <>
        {fold.paths.length > 1 ? <b>{p.pages} × </b> : " "}
        {i >= 0 && (
          <>
            {fold.paths.length > 1 ? "the path of " : "(as "}
            <button type="button" className="linkish" data-step-into={i} onClick={() => go(i)}>
              {pageOf(evs[i]!) || "the page"} ▸
            </button>
            {fold.paths.length > 1 ? ": " : "): "}
          </>
        )}
        {i < 0 && fold.paths.length === 1 && ": "}
        <span className="mono">{p.tree}</span>
      </>
    );
  }
}

/** "page 2" from the sentence of a page's first event, as the engine writes it. */
function pageOf(e: EventInfo): string {
  const m = /\bpage (\d+)\b/.exec(e.say);
  return m ? `page ${m[1]}` : "";
}
