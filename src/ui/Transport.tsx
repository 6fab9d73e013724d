import { useShallow } from "zustand/react/shallow";
import {
  jumpEnd,
  jumpStart,
  nextStepAction,
  prevStepAction,
  seek,
  setSpeed,
  stepBack,
  stepForward,
  togglePlay,
} from "../state/actions";
import { clampPos, eventNumber, posAt, posCount, posIndex } from "../state/positions";
import { useApp, type AppState } from "../state/store";
import { Icon } from "./Icon";

const sel = (s: AppState) => ({
  steps: s.engine.steps,
  pos: s.engine.pos,
  playing: s.view.playing,
  speed: s.view.speed,
  ready: s.engine.snapshot !== null,
});

const SPEEDS = [0.5, 1, 2, 4, 8];

/** Step, scrub and play: the whole class follows one kernel event at a time. */
export function Transport() {
  const { steps, pos, playing, speed, ready } = useApp(useShallow(sel));
  const p = clampPos(steps, pos);
  const max = Math.max(0, posCount(steps) - 1);
  const idx = posIndex(steps, p);
  const ev = eventNumber(steps, p);
  const where =
    p.step === 0
      ? `start · ${steps.length} steps`
      : `step ${p.step}/${steps.length} · event ${ev.n}/${ev.of}`;
  const atStart = idx === 0;
  const atEnd = idx === max;
  return (
    <div className="transport" role="group" aria-label="Timeline controls">
      <button
        type="button"
        className="btn icon"
        aria-label="Jump to start"
        title="Start (Home)"
        disabled={!ready || atStart}
        onClick={jumpStart}
      >
        <Icon name="first" />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Previous step"
        title="Previous step (Shift+←)"
        disabled={!ready || atStart}
        onClick={prevStepAction}
      >
        <Icon name="prevStep" />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Step back"
        title="Previous event (←)"
        disabled={!ready || atStart}
        onClick={stepBack}
      >
        <Icon name="back" />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label={playing ? "Pause" : "Play"}
        aria-pressed={playing}
        title="Play / pause (Space)"
        disabled={!ready || max === 0}
        onClick={togglePlay}
      >
        <Icon name={playing ? "pause" : "play"} />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Step forward"
        title="Next event (→)"
        disabled={!ready || atEnd}
        onClick={stepForward}
      >
        <Icon name="forward" />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Next step"
        title="Next step (Shift+→)"
        disabled={!ready || atEnd}
        onClick={nextStepAction}
      >
        <Icon name="nextStep" />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Jump to end"
        title="End (End)"
        disabled={!ready || atEnd}
        onClick={jumpEnd}
      >
        <Icon name="last" />
      </button>
      <select
        aria-label="Speed"
        title="Events per second while playing"
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <input
        type="range"
        aria-label="Timeline"
        aria-valuetext={where}
        min={0}
        max={max}
        value={idx}
        disabled={!ready}
        onChange={(e) => seek(posAt(steps, Number(e.target.value)))}
      />
      <span className="where" data-testid="position">
        {where}
      </span>
    </div>
  );
}
