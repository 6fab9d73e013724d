/**
 * Checking what an operation form would add, before anything runs, with the scenario language's
 * own parser: a statement is built from the form's fields and parsed after the header of the
 * scenario on screen (its machine line sets the page size that sizes use, its file lines the
 * files a mapping may name). A problem is told in the parser's words, under the field it is in.
 */
import { parseScenario } from "../scenarios/parse";
import { scenarioOf } from "./scenarioFacts";
import { local } from "./local";

/** One word of a statement; `label` names the form field it comes from. */
export interface Part {
  readonly text: string;
  readonly label?: string;
}

export interface Checked {
  /** the statement, as a user would type it */
  readonly line: string;
  /** what is wrong, starting with the field's label (null: it parses) */
  readonly error: string | null;
  /** the label of the field the error is in */
  readonly field: string | null;
}

const my = local(() => ({ headerMemo: null as { text: string; header: string } | null }));

/** The lines before the first statement: comments, the machine line, file declarations. */
function headerOf(shownText: string): string {
  if (my.headerMemo?.text === shownText) return my.headerMemo.header;
  const sc = scenarioOf(shownText);
  const lines = shownText.split("\n");
  const first = sc?.steps[0]?.where.line ?? (sc ? lines.length + 1 : 1);
  const header = lines.slice(0, first - 1).join("\n");
  my.headerMemo = { text: shownText, header };
  return header;
}

/** Build a statement from its words and parse it in the context of the scenario on screen. */
export function checkStatement(shownText: string, parts: readonly Part[]): Checked {
  const line = parts.map((p) => p.text.trim()).join(" ");
  for (const p of parts) {
    if (p.label && p.text.trim() === "") return { line, error: `${p.label}: it is empty.`, field: p.label };
    if (p.label && /\s/.test(p.text.trim()))
      return {
        line,
        error: `${p.label}: one word, no spaces (${JSON.stringify(p.text.trim())}).`,
        field: p.label,
      };
  }
  const header = headerOf(shownText);
  const r = parseScenario(header ? `${header}\n${line}` : line);
  if (r.ok) return { line, error: null, field: null };
  const row = header ? header.split("\n").length + 1 : 1;
  // an error in the header itself is not the form's (the scenario on screen parsed)
  if (r.error.line !== row) return { line, error: null, field: null };
  let col = 1;
  let field: string | null = null;
  for (const p of parts) {
    const end = col + p.text.trim().length;
    if (r.error.column >= col && r.error.column <= end) {
      field = p.label ?? null;
      break;
    }
    col = end + 1;
  }
  const msg = r.error.message;
  return { line, error: `${field ?? "Statement"}: ${msg.charAt(0).toUpperCase()}${msg.slice(1)}.`, field };
}
