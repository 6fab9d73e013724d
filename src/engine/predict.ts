import type { VmDoc } from "../contract/doc";
import { faultQuestion, newPageQuestion, refcntQuestion } from "./predict/ask-fault";
import { resultQuestion, swapQuestion } from "./predict/ask-result";
import { aliveProc, pieceAt, type Ctx } from "./predict/lookup";
import { MAX_QUESTIONS, NO, type Question } from "../contract/question";
import { stmtOf } from "./predict/statement";
import type { StepRecord } from "./run";

/**
 * Predict-then-reveal: questions a student answers before a step runs, graded from what the
 * engine itself did (the step's events) and the JSON documents before and after the step.
 * Nothing here is written per scenario: every question comes from the step's statement, the
 * events and the two documents, so any scenario a user types gets questions too.
 *
 * Pure: no DOM, no Node, no clock, no randomness; the same input always gives the same list.
 */

/**
 * The questions to ask before `step` runs, most telling first (at most MAX_QUESTIONS), graded
 * from the step's own events and the documents `before` and `after` it.
 */
export function questionsFor(before: VmDoc, step: StepRecord, after: VmDoc): Question[] {
  const st = stmtOf(step.stmt);
  const seg =
    st.seg && st.range
      ? pieceAt(before, st.proc, st.seg, st.range.from)
      : st.seg
        ? aliveProc(before, st.proc)?.segments.find((s) => s.name === st.seg)
        : undefined;
  const c: Ctx = { before, step, after, st, seg };
  const result = resultQuestion(c);
  const reserved = (): Question | undefined => swapQuestion(c, "reserved");
  const allocated = (): Question | undefined => swapQuestion(c, "allocated");
  let order: (Question | undefined | (() => Question | undefined))[];
  switch (st.op) {
    case "read":
    case "write": {
      const fault = faultQuestion(c);
      const quiet = fault?.answer === NO;
      order = [
        result,
        quiet ? fault : undefined,
        () => newPageQuestion(c),
        quiet ? undefined : fault,
        () => refcntQuestion(c),
        allocated,
        reserved,
      ];
      break;
    }
    case "fork":
    case "exit":
    case "munmap":
    case "pageout":
      order = [result, () => refcntQuestion(c), reserved, allocated];
      break;
    default:
      order = [result, reserved, allocated];
  }
  const out: Question[] = [];
  for (const item of order) {
    if (out.length >= MAX_QUESTIONS) break;
    const q = typeof item === "function" ? item() : item;
    if (q) out.push(q);
  }
  return out;
}
