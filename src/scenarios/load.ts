/**
 * The one gate for untrusted input. Whatever a scenario comes from — a share link's fragment,
 * the editor, a preset, a file on the command line — it goes through `loadInput`: the URL codec
 * (for links: it caps the fragment before decoding it), then the parser, which checks every text
 * limit first and then the syntax (limits.ts). It never throws. A refusal carries one message
 * saying what is wrong and where (`line N, column M: …` for the parser's), and the user's text
 * whenever there is one, so nothing they typed or were sent is ever thrown away. What only
 * running can tell (processes, segments, mapped pages) the engine refuses later, step by step.
 */
import type { ParseError, Scenario } from "../contract/ast";
import { escapeText } from "./lex";
import { formatParseError, parseScenario } from "./parse";
import type { LinkView } from "./linkView";
import { decodeShare } from "./url";

export type InputSource = "url" | "editor" | "preset" | "file";

/** Where a link says to open the scenario (step, 0-based event index: scenario-format.md §4). */
interface LinkPosition {
  readonly step: number;
  readonly event: number;
  /** the view a v2 link carries (what of it could be read), and what was wrong with it */
  readonly view?: LinkView;
  readonly viewProblem?: string;
}

export type LoadedInput =
  | {
      readonly ok: true;
      readonly source: InputSource;
      readonly text: string;
      readonly scenario: Scenario;
      /** only for "url": the position the link carries */
      readonly pos?: LinkPosition;
    }
  | {
      readonly ok: false;
      readonly source: InputSource;
      /** the user's text, kept whenever there is one (null: a link too damaged to read) */
      readonly text: string | null;
      /** `line N, column M: …` for a parse error; else what is wrong with the link or input */
      readonly message: string;
      /** the parser's error (line, column) when the text was read but does not parse */
      readonly error?: ParseError;
      /** for "url" links whose text was read: the position they carry */
      readonly pos?: LinkPosition;
    };

const SOURCES: readonly InputSource[] = ["url", "editor", "preset", "file"];

/**
 * Read scenario input from `source`. For "url", `raw` is the fragment (with or without `#`);
 * for the others, the scenario text. Never throws, whatever `raw` is.
 */
export function loadInput(source: InputSource, raw: unknown): LoadedInput {
  try {
    return load(source, raw);
  } catch (e) {
    // Not expected: every failure below is a value. Still never throw to the caller.
    const why = escapeText(e instanceof Error ? e.message : String(e), 200);
    const src = SOURCES.includes(source) ? source : "editor";
    return {
      ok: false,
      source: src,
      text: typeof raw === "string" ? raw : null,
      message: `internal error: ${why}`,
    };
  }
}

function load(source: InputSource, raw: unknown): LoadedInput {
  if (!SOURCES.includes(source)) {
    return {
      ok: false,
      source: "editor",
      text: null,
      message: `unknown input source ${escapeText(String(source))}`,
    };
  }
  if (typeof raw !== "string") return { ok: false, source, text: null, message: "the scenario is not text" };
  if (source === "url") {
    // decodeShare caps the fragment (LIMITS.fragmentChars) before it decodes anything
    const d = decodeShare(raw);
    if (!d.ok) return { ok: false, source, text: null, message: d.message };
    const pos: LinkPosition = {
      step: d.step,
      event: d.event,
      ...(d.view ? { view: d.view } : {}),
      ...(d.viewProblem ? { viewProblem: d.viewProblem } : {}),
    };
    return parsed(source, d.text, pos);
  }
  return parsed(source, raw);
}

function parsed(source: InputSource, text: string, pos?: LinkPosition): LoadedInput {
  const r = parseScenario(text);
  if (r.ok) return { ok: true, source, text, scenario: r.scenario, ...(pos ? { pos } : {}) };
  return {
    ok: false,
    source,
    text,
    message: formatParseError(r.error),
    error: r.error,
    ...(pos ? { pos } : {}),
  };
}
