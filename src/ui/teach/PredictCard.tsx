import { useEffect, useRef, useState } from "react";
import { RULES } from "../../contract/kernel/rules";
import {
  answerQuestion,
  dismissQuestion,
  openRules,
  skipQuestion,
  useTeach,
  type Asking,
} from "../../state/teach";

const isKb = (kind: string): boolean => kind === "swapReserved" || kind === "swapAllocated";

function Ask({ a }: { a: Asking }) {
  const q = a.question!;
  const [given, setGiven] = useState("");
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>("button.choice, input")?.focus();
  }, [q.id]);
  return (
    <div ref={box}>
      <p className="predict-prompt">{q.prompt}</p>
      {q.choices ? (
        <div className="predict-choices" role="group" aria-label="Choices">
          {q.choices.map((c) => (
            <button key={c} type="button" className="btn choice" onClick={() => answerQuestion(c)}>
              {c}
            </button>
          ))}
        </div>
      ) : (
        <form
          className="predict-number"
          onSubmit={(e) => {
            e.preventDefault();
            if (given.trim()) answerQuestion(given.trim());
          }}
        >
          <input
            aria-label="Your answer"
            inputMode="numeric"
            autoComplete="off"
            value={given}
            onChange={(e) => setGiven(e.target.value)}
          />
          {isKb(q.kind) && <span aria-hidden="true">k</span>}
          <button type="submit" className="btn primary" disabled={!given.trim()}>
            Check
          </button>
        </form>
      )}
      <div className="predict-foot">
        <button type="button" className="linkish" onClick={skipQuestion}>
          Skip: just play the step
        </button>
      </div>
    </div>
  );
}

function Reveal({ a }: { a: Asking }) {
  const score = useTeach((t) => t.score);
  const q = a.question!;
  const v = a.verdict!;
  const rule = q.rule ? RULES.find((r) => r.id === q.rule) : undefined;
  const unit = isKb(q.kind) ? "k" : "";
  return (
    <div>
      <p className={`predict-verdict ${v.correct ? "right" : "wrong"}`} role="status">
        <span aria-hidden="true">{v.correct ? "✓ " : "✗ "}</span>
        {v.correct ? "Right" : `Not quite: the answer is ${q.answer}${unit}`}
        <span className="teach-muted">
          {" "}
          · you said {a.given}
          {unit} · {score.right} of {score.asked} right so far
        </span>
      </p>
      <p className="predict-explain">{q.explain}</p>
      <div className="predict-foot">
        {rule && (
          <button type="button" className="linkish" onClick={() => openRules(rule.id)}>
            The rule: {rule.fn}()
          </button>
        )}
        <span className="grow" />
        <button type="button" className="btn" onClick={dismissQuestion} autoFocus>
          Continue
        </button>
      </div>
    </div>
  );
}

/** The question before a step, then the answer with the engine's explanation. */
export function PredictCard() {
  const a = useTeach((t) => t.asking);
  if (!a) return null;
  return (
    <section className={`predict-card ${a.phase}`} role="dialog" aria-label="Predict">
      <div className="predict-head">
        <span className="predict-tag">Predict</span>
        <span>
          before step {a.step}: <code>{a.statement}</code>
        </span>
      </div>
      {a.phase === "loading" && <p className="teach-muted">Working out a question…</p>}
      {a.phase === "asking" && a.question && <Ask a={a} />}
      {a.phase === "revealed" && a.verdict && <Reveal a={a} />}
    </section>
  );
}
