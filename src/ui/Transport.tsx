import { useShallow } from "zustand/react/shallow";
import {
  jumpEnd,
  jumpStart,
  nextStepAction,
  prevStepAction,
  seek,
  stepBack,
  stepForward,
} from "../state/actions";
import { setSpeed, togglePlay } from "../state/playback";
import { clampPos, eventNumber, posAt, posCount, posIndex } from "../contract/position";
import { useApp, type AppState, type Mark } from "../state/store";
import type { StepInfo } from "../contract/wire/protocol";
import { Icon, type IconName } from "./Icon";
import { ToolButton } from "./ToolButton";

const sel = (s: AppState) => ({
  steps: s.engine.steps,
  pos: s.engine.pos,
  playing: s.view.playing,
  speed: s.view.speed,
  ready: s.engine.snapshot !== null,
  marks: s.scenario.marks,
});

const SPEEDS = [0.5, 1, 2, 4, 8];

interface NavButton {
  readonly label: string;
  /** the tooltip, with the key that does the same */
  readonly title: string;
  readonly icon: IconName;
  readonly onClick: () => void;
}

/** The buttons before Play (they go back) and after it (they go forward). */
const BEFORE: readonly NavButton[] = [
  { label: "Jump to start", title: "Start (Home)", icon: "first", onClick: jumpStart },
  { label: "Previous step", title: "Previous step (Shift+←)", icon: "prevStep", onClick: prevStepAction },
  { label: "Step back", title: "Previous event (←)", icon: "back", onClick: stepBack },
];
const AFTER: readonly NavButton[] = [
  { label: "Step forward", title: "Next event (→)", icon: "forward", onClick: stepForward },
  { label: "Next step", title: "Next step (Shift+→)", icon: "nextStep", onClick: nextStepAction },
  { label: "Jump to end", title: "End (End)", icon: "last", onClick: jumpEnd },
];

const navButtons = (list: readonly NavButton[], disabled: boolean) =>
  list.map((b) => (
    <ToolButton
      key={b.label}
      variant="icon"
      label={b.label}
      title={b.title}
      disabled={disabled}
      onClick={b.onClick}
    >
      <Icon name={b.icon} />
    </ToolButton>
  ));

/** Step, scrub and play: the whole class follows one kernel event at a time. */
/**
 * Later steps an operation made fail (edits.ts): a mark on the timeline at each, and a button
 * that goes to the first of them.
 */
function TimelineMarks({
  marks,
  steps,
  max,
}: {
  marks: readonly Mark[];
  steps: readonly StepInfo[];
  max: number;
}) {
  if (!marks.length || max === 0) return null;
  return (
    <span className="timeline-marks" aria-hidden="true">
      {marks.map((m) => (
        <i
          key={m.step}
          style={{ left: `${(posIndex(steps, { step: m.step, event: -1 }) / max) * 100}%` }}
          title={`step ${m.step}: ${m.text} (${m.result})`}
        />
      ))}
    </span>
  );
}

function Broken({ marks }: { marks: readonly Mark[] }) {
  if (!marks.length) return null;
  const first = marks[0]!;
  const label =
    marks.length === 1
      ? `Step ${first.step} now fails (${first.result}): go there`
      : `${marks.length} steps now fail (steps ${marks.map((m) => m.step).join(", ")}): go to step ${first.step}`;
  return (
    <button
      type="button"
      className="btn broke"
      aria-label={label}
      title={label}
      onClick={() => seek({ step: first.step, event: -1 }, "push")}
    >
      ⚠ {marks.length === 1 ? `step ${first.step} fails` : `${marks.length} steps fail`}
    </button>
  );
}

export function Transport() {
  const { steps, pos, playing, speed, ready, marks } = useApp(useShallow(sel));
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
      {navButtons(BEFORE, !ready || atStart)}
      <ToolButton
        variant="icon"
        label={playing ? "Pause" : "Play"}
        pressed={playing}
        title="Play / pause (Space)"
        disabled={!ready || max === 0}
        onClick={togglePlay}
      >
        <Icon name={playing ? "pause" : "play"} />
      </ToolButton>
      {navButtons(AFTER, !ready || atEnd)}
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
      <span className="timeline">
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
        <TimelineMarks marks={marks} steps={steps} max={max} />
      </span>
      <Broken marks={marks} />
      <span className="where" data-testid="position">
        {where}
      </span>
    </div>
  );
}
