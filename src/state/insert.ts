/**
 * Where an operation's statement goes in the text, and what it did to the steps after it.
 * Pure functions over the text and the engine's step list (each step knows its line).
 */
import type { Mark } from "./store";

interface StepLine {
  readonly line: number;
}

interface StepResult {
  readonly line: number;
  readonly text: string;
  readonly result: string;
}

/**
 * The text with `statement` as a new line right after step `after` (0: before the first step,
 * after the header and declarations). The comment above a later step stays with it.
 */
export function insertAfter(
  text: string,
  steps: readonly StepLine[],
  after: number,
  statement: string,
): string {
  const lines = text.split("\n");
  const crlf = lines.length > 1 && lines[0]!.endsWith("\r");
  const row = crlf ? `${statement}\r` : statement;
  let at: number;
  if (after >= 1 && steps[after - 1]) at = steps[after - 1]!.line;
  else if (steps[0]) at = steps[0].line - 1;
  else {
    // no step yet: after the last line that is not blank
    at = lines.length;
    while (at > 0 && lines[at - 1]!.trim() === "") at--;
  }
  lines.splice(Math.min(at, lines.length), 0, row);
  return lines.join("\n");
}

/**
 * Steps after the new step `inserted` (1-based) that failed only since it went in: step k of
 * `before` is step k + 1 of `after` from there on.
 */
export function newlyFailing(
  before: readonly StepResult[],
  after: readonly StepResult[],
  inserted: number,
): Mark[] {
  const out: Mark[] = [];
  for (let k = inserted; k < after.length; k++) {
    const now = after[k]!;
    const was = before[k - 1];
    if (now.result !== "ok" && (!was || was.result !== now.result))
      out.push({ step: k + 1, line: now.line, text: now.text.trim(), result: now.result });
  }
  return out;
}
