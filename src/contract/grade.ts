import type { Question } from "./question";

/*
 * Grading, apart from the questions: the main thread grades an answer (state/teach.ts) without
 * loading the code that asks (the worker builds the questions).
 */
function parseNumber(given: string | number): number | null {
  if (typeof given === "number") return Number.isFinite(given) ? given : null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:k|kb|kib)?\s*$/i.exec(given);
  return m ? Number(m[1]) : null;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

/** Grade an answer: numbers must match exactly, text case-insensitively (trimmed). */
export function grade(q: Question, given: string | number): { correct: boolean; explain: string } {
  let correct: boolean;
  if (typeof q.answer === "number") correct = parseNumber(given) === q.answer;
  else {
    const g = norm(String(given));
    const a = norm(q.answer);
    // "none" is enough for "none: no copy".
    correct = g === a || (a.includes(":") && g === a.slice(0, a.indexOf(":")).trim());
  }
  const unit = q.kind === "swapReserved" || q.kind === "swapAllocated" ? "k" : "";
  return {
    correct,
    explain: correct ? `Right. ${q.explain}` : `Not quite: the answer is ${q.answer}${unit}. ${q.explain}`,
  };
}
