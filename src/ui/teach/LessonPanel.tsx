import { useShallow } from "zustand/react/shallow";
import { LESSONS } from "../../lessons/lessons";
import { seek } from "../../state/actions";
import { clampPos } from "../../contract/position";
import { useApp, type AppState } from "../../state/store";
import { closeLesson, openLesson, useTeach } from "../../state/teach";
import { currentLesson, lessonAt, lessonShown } from "../../state/lesson";
import { proseParts } from "../../state/teachText";

/** A paragraph of lesson prose; its [text](url) links become real links (no HTML parsing). */
function Prose({ text }: { text: string }) {
  return (
    <p>
      {proseParts(text).map((part, i) =>
        typeof part === "string" ? (
          part
        ) : (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ),
      )}
    </p>
  );
}

const sel = (s: AppState) => ({
  step: s.engine.snapshot ? clampPos(s.engine.steps, s.engine.snapshot.pos).step : 0,
  steps: s.engine.steps,
  shownText: s.scenario.shownText,
});

/** The open lesson: its prose, its "watch for" notes at their steps, and the way on. */
export function LessonPanel() {
  const lesson = useTeach(currentLesson);
  const { step, steps, shownText } = useApp(useShallow(sel));
  if (!lesson) return null;
  const shown = lessonShown(lesson, shownText);
  const now = shown ? lesson.watch.find((w) => w.step === step) : undefined;
  const prev = lessonAt(-1);
  const next = lessonAt(1);
  return (
    <section className="panel area-scenario lesson-panel" role="region" aria-label="Lesson">
      <header className="panel-head">
        <h2>
          Lesson {lesson.n} of {LESSONS.length}
        </h2>
        <span className="grow" />
        <button type="button" className="btn" onClick={closeLesson} title="Back to the scenario editor">
          Close lesson
        </button>
      </header>
      <div className="panel-body lesson-body">
        <h3 className="lesson-title">{lesson.title}</h3>
        {!shown && (
          <p className="lesson-changed">
            The scenario on screen is not this lesson&apos;s any more.{" "}
            <button type="button" className="linkish" onClick={() => void openLesson(lesson.id)}>
              Reload the lesson
            </button>
          </p>
        )}
        <div className={`lesson-now${now ? " on" : ""}`} aria-live="polite">
          {now ? (
            <>
              <b>Watch for, step {now.step}:</b> {now.note}
            </>
          ) : (
            <span className="teach-muted">
              {step === 0
                ? "Press → (or Step forward) to run the first statement. Notes appear at the steps marked below."
                : `Step ${step} of ${steps.length}.`}
            </span>
          )}
        </div>
        {lesson.prose.map((p, i) => (
          <Prose key={i} text={p} />
        ))}
        <h4>Watch for</h4>
        <ol className="lesson-watch">
          {lesson.watch.map((w) => (
            <li key={w.step} aria-current={shown && w.step === step ? "step" : undefined}>
              <button
                type="button"
                className="linkish"
                aria-label={`Go to step ${w.step}`}
                onClick={() => seek({ step: w.step, event: -1 }, "push")}
              >
                step {w.step}
              </button>{" "}
              {steps[w.step - 1] && shown && <code>{steps[w.step - 1]!.text}</code>} {w.note}
            </li>
          ))}
        </ol>
      </div>
      <footer className="lesson-foot">
        <button
          type="button"
          className="btn"
          disabled={!prev}
          onClick={() => prev && void openLesson(prev.id)}
          title={prev ? prev.title : undefined}
        >
          ← Previous lesson
        </button>
        <span className="grow" />
        <button
          type="button"
          className="btn primary"
          disabled={!next}
          onClick={() => next && void openLesson(next.id)}
          title={next ? next.title : undefined}
        >
          Next lesson →
        </button>
      </footer>
    </section>
  );
}
