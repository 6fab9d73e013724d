/**
 * When the scenario text is "long": past a few thousand lines a native textarea (and a DOM line
 * per line beside it) stops being responsive — a 262,000-line text takes Chromium 16 s to lay
 * out and about a second a keystroke — so a long text goes to an editor that draws only the
 * lines on screen (CodeMirror, loaded only then: CodeEditor.tsx). Pure, so it is unit-tested.
 */
import { LIMITS } from "../../contract/limits";

/** Past this many lines, or characters, the text is long (bench/README.md has the figures). */
export const LONG_LINES = 2000;
export const LONG_CHARS = 100_000;

/** Lines of a text (1 for ""), counting no further than `stop`. */
export function lineCount(text: string, stop = Infinity): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && n < stop; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export const isLong = (text: string): boolean =>
  text.length > LONG_CHARS || lineCount(text, LONG_LINES + 1) > LONG_LINES;

/** The sentence for an edit that would take the text past LIMITS.scenarioChars: it is refused. */
export function tooLong(chars: number, what: "paste" | "edit" | "drop"): string {
  const n = chars.toLocaleString("en-US");
  const limit = LIMITS.scenarioChars.toLocaleString("en-US");
  const verb =
    what === "paste" ? "Nothing was pasted" : what === "drop" ? "Nothing was dropped" : "The edit was undone";
  return `That would make the scenario ${n} characters long; the limit is ${limit} (LIMITS.scenarioChars). ${verb}: your text is as it was.`;
}

/** The text after replacing [from, to) of `text` by `insert`. */
export const spliced = (text: string, from: number, to: number, insert: string): string =>
  text.slice(0, from) + insert + text.slice(to);

/**
 * Where the caret and focus go when the editor changes from one kind to the other (the text
 * grew long, or shrank): set by the one leaving, read once by the one arriving.
 */
let handoff: { anchor: number; head: number } | null = null;
export const handOff = (sel: { anchor: number; head: number } | null): void => {
  handoff = sel;
};
export function takeHandoff(): { anchor: number; head: number } | null {
  const h = handoff;
  handoff = null;
  return h;
}
