/**
 * The scenario parser: text in, Scenario (ast.ts) or one ParseError out. It never throws and runs
 * in time linear in the text. It checks syntax, declared files and LIMITS only; whether a process
 * or segment exists is the engine's business (a step result, not a parse error).
 * The language: docs/scenario-format.md §1. Token-level checks: cursor.ts; lexing: lex.ts; the
 * header lines: headers.ts; each operation line: operations.ts. This file walks the lines and
 * keeps the limits that count over the whole scenario.
 */
import type { MachineDecl, ParseError, ParseResult, Statement } from "../contract/ast";
import { fail } from "./cursor";
import { Headers } from "./headers";
import { type LexedLine, escapeText, lexLine, ParseFail } from "./lex";
import { LIMITS } from "../contract/limits";
import { operation } from "./operations";

export { sizeToPages } from "./lex";

/** `line N, column M: message` */
export const formatParseError = (e: ParseError): string => `line ${e.line}, column ${e.column}: ${e.message}`;

/** Parse scenario text. Never throws; the first error found is returned. */
export function parseScenario(text: string): ParseResult {
  try {
    if (typeof text !== "string") throw new ParseFail(1, 1, "the scenario is not text");
    return new Parser().run(text);
  } catch (e) {
    if (e instanceof ParseFail) {
      return { ok: false, error: { line: e.line, column: e.column, message: e.message } };
    }
    // A bug, not bad input: still never throw to the caller.
    const why = escapeText(e instanceof Error ? e.message : String(e), 200);
    return { ok: false, error: { line: 1, column: 1, message: `internal parser error: ${why}` } };
  }
}

/** Parser state for one scenario. */
class Parser {
  private readonly h = new Headers();
  /** line of the first operation; 0 while header lines may still come */
  private firstOpLine = 0;
  private readonly steps: Statement[] = [];
  /** pages the statements so far touch, for LIMITS.touchTotal */
  private touched = 0;

  run(text: string): ParseResult {
    if (text.length > LIMITS.scenarioChars) {
      const why = `the scenario is ${text.length} characters long; the limit is ${LIMITS.scenarioChars}`;
      throw new ParseFail(1, 1, `${why} (LIMITS.scenarioChars)`);
    }
    let n = 0;
    for (let start = 0; start <= text.length;) {
      let nl = text.indexOf("\n", start);
      if (nl < 0) nl = text.length;
      this.statement(lexLine(text.slice(start, nl), ++n));
      start = nl + 1;
    }
    this.h.close();
    const h = this.h;
    const machine: MachineDecl = { arch: h.arch, ramPages: h.ramPages, swapPages: h.swapPages };
    return { ok: true, scenario: { machine, files: [...h.files.values()], steps: this.steps } };
  }

  private statement(line: LexedLine): void {
    const head = line.tokens[0];
    if (!head) return;
    if (head.text === "machine" || head.text === "file") {
      if (this.firstOpLine) {
        const why = `a "${head.text}" line must come before the first operation (line ${this.firstOpLine})`;
        fail(line, head.col, why);
      }
      if (head.text === "machine") this.h.machine(line, head);
      else this.h.file(line, head);
      return;
    }
    if (!this.firstOpLine) {
      this.firstOpLine = line.n;
      this.h.close();
    }
    if (this.steps.length >= LIMITS.steps) {
      fail(
        line,
        head.col,
        `too many operations: a scenario has at most ${LIMITS.steps} steps (LIMITS.steps)`,
      );
    }
    const op = operation(line, head, this.h);
    this.touched +=
      op.op === "read" || op.op === "write" || op.op === "pageout"
        ? op.range.to - op.range.from + 1
        : op.op === "stack"
          ? op.pages
          : 0;
    if (this.touched > LIMITS.touchTotal) {
      fail(
        line,
        head.col,
        `this scenario touches more than ${LIMITS.touchTotal} pages in all (LIMITS.touchTotal)`,
      );
    }
    this.steps.push({ ...op, where: { line: line.n, text: line.text } });
  }
}
