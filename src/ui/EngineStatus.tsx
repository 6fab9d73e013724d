import { runRest } from "../state/actions";
import { openDefault } from "../state/presets";
import { useEngineStatus } from "../state/engineStatus";

/**
 * The busy sign: shown once a request to the engine has waited a moment (a big load, a jump
 * in a big state, a restart after the worker died), with how far a running load got.
 */
export function BusySign() {
  const busy = useEngineStatus((s) => s.busy);
  const progress = useEngineStatus((s) => s.progress);
  if (!busy) return null;
  return (
    <div className="busy-sign" role="status" aria-live="polite">
      <span className="busy-dot" aria-hidden="true" />
      {progress
        ? `Running step ${progress.step.toLocaleString("en-US")} of ${progress.of.toLocaleString("en-US")}…`
        : "Working…"}
    </div>
  );
}

/**
 * A scenario that could not run in one go (too slow for the watchdog): how far it got, and the
 * two ways on: run the rest (another time budget, from where it stopped) or open the default.
 */
export function CutBar() {
  const cut = useEngineStatus((s) => s.cut);
  const busy = useEngineStatus((s) => s.busy);
  if (!cut) return null;
  return (
    <div className="cut-bar" role="group" aria-label="Slow scenario">
      <span>
        Ran {cut.ran.toLocaleString("en-US")} of {cut.of.toLocaleString("en-US")} steps
        {cut.why === "hung" ? `: step ${cut.ran + 1} alone takes too long.` : " (slow)."}
      </span>
      {cut.why === "budget" && (
        <button type="button" className="btn" disabled={busy} onClick={() => void runRest()}>
          Run the rest
        </button>
      )}
      <button type="button" className="btn" disabled={busy} onClick={() => void openDefault()}>
        Open the default scenario
      </button>
    </div>
  );
}
