/**
 * Lexical helpers for the scenario parser (parse.ts): lines, tokens, numbers, sizes, page ranges,
 * names and PROT, plus safe quoting of user text in messages. Every check here is linear in the
 * length of the token it looks at, so the parser as a whole is linear in the scenario's length.
 */
import type { Arch, PageRange, Prot } from "../contract/ast";
import { PAGE_SIZE } from "../contract/limits";

/** A blank-separated word of a statement. `col` is 1-based, counted in UTF-16 code units. */
export interface Token {
  readonly text: string;
  readonly col: number;
}

/** One line of scenario text, split into tokens (comment and line ending removed). */
export interface LexedLine {
  /** 1-based line number */
  readonly n: number;
  readonly tokens: readonly Token[];
  /** the statement without its comment, blanks trimmed */
  readonly text: string;
  /** column just past the last token: where a missing token is reported */
  readonly endCol: number;
}

/** Thrown inside the parser and turned into a ParseError by parseScenario; never escapes it. */
export class ParseFail extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;

/**
 * Split one raw line (without its "\n") into tokens. A trailing "\r" (CRLF files) is dropped,
 * `#` starts a comment, and on the first line a byte-order mark counts as a blank.
 */
export function lexLine(raw: string, n: number): LexedLine {
  let end = raw.length;
  if (end > 0 && raw.charCodeAt(end - 1) === 0x0d) end--;
  const hash = raw.indexOf("#");
  if (hash >= 0 && hash < end) end = hash;
  const tokens: Token[] = [];
  let i = n === 1 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = i;
  let lastEnd = 0;
  while (i < end) {
    while (i < end && isBlank(raw.charCodeAt(i))) i++;
    if (i >= end) break;
    const start = i;
    while (i < end && !isBlank(raw.charCodeAt(i))) i++;
    tokens.push({ text: raw.slice(start, i), col: start + 1 });
    lastEnd = i;
  }
  const firstTok = tokens[0];
  const text = firstTok ? raw.slice(firstTok.col - 1, lastEnd) : "";
  return { n, tokens, text, endCol: tokens.length > 0 ? lastEnd + 1 : first + 1 };
}

// ---------------------------------------------------------------------------------------------
// Quoting user text in messages

/** Controls, invisible and bidi formatting characters: they must never reach a message raw. */
function isUnsafe(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0xad ||
    c === 0x61c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0xfeff ||
    (c >= 0xfff9 && c <= 0xfffb)
  );
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
  0x22: '\\"',
  0x5c: "\\\\",
};
const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, "0")}`;

/**
 * `s` made safe to show: quotes and backslashes escaped, unsafe characters and lone surrogates
 * written as \uXXXX, cut to `max` code units (an ellipsis marks the cut). Linear, no lookbehind.
 */
export function escapeText(s: string, max = 40): string {
  const end = Math.min(s.length, max);
  let out = "";
  let i = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (i + 1 >= end) break; // do not cut a pair in half
        out += s.slice(i, i + 2);
        i++;
      } else out += hex4(c);
    } else if (c >= 0xdc00 && c <= 0xdfff) out += hex4(c);
    else if (SHORT_ESCAPES[c] !== undefined) out += SHORT_ESCAPES[c];
    else if (isUnsafe(c)) out += hex4(c);
    else out += s.charAt(i);
  }
  return i < s.length ? `${out}…` : out;
}

/** A token as it appears in a message: in double quotes, escaped and cut to 40 characters. */
export const quote = (s: string): string => `"${escapeText(s)}"`;

// ---------------------------------------------------------------------------------------------
// Numbers and sizes

/** Numbers have at most this many digits, which keeps them exact in a double. */
const MAX_DIGITS = 15;

type Unit = "" | "k" | "m" | "g";

/** A SIZE as written: a count of pages (unit "") or of bytes with a binary unit. */
export interface RawSize {
  readonly value: number;
  readonly unit: Unit;
  readonly text: string;
}

const UNIT_BYTES = { k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 } as const;

/** Why `s` is not a plain decimal number (with an optional unit), or null if no specific reason applies. */
function numberProblem(s: string, negativeOk: boolean): string | null {
  if (s.startsWith("+")) return "numbers are written without a sign";
  if (!negativeOk && /^-\d/.test(s)) return "it cannot be negative";
  if (/^-?0[xX]/.test(s)) return "numbers are decimal (no hex)";
  if (/^-?\d*\.\d/.test(s)) return "numbers are whole (no decimal point)";
  if (/^-?\d{16,}/.test(s)) return `numbers have at most ${MAX_DIGITS} digits`;
  return null;
}

/** Parse the syntax of a SIZE (`16`, `8k`, `64M`, `1g`); returns an error reason on failure. */
export function lexSize(s: string): RawSize | string {
  const m = /^(\d{1,15})([kKmMgG]?)$/.exec(s);
  if (m) return { value: Number(m[1]), unit: (m[2] ?? "").toLowerCase() as Unit, text: s };
  const why = numberProblem(s, false);
  if (why) return why;
  const unit = /^\d+([A-Za-z]+)$/.exec(s);
  if (unit) return `unknown unit ${quote(unit[1] ?? "")}: use k, m or g (or no unit for pages)`;
  return "a SIZE is a number of pages, or of bytes with k, m or g (e.g. 16, 64k, 2m)";
}

/**
 * Convert a lexed SIZE to pages of the given page size. Returns an error reason when it is not
 * a whole number of pages. Very large results may be inexact; callers compare them to a limit.
 */
export function rawSizeToPages(raw: RawSize, pageSize: number): number | string {
  if (raw.unit === "") return raw.value;
  const mult = UNIT_BYTES[raw.unit];
  if (mult >= pageSize) return raw.value * (mult / pageSize);
  const per = pageSize / mult; // units in one page (both are powers of two)
  if (raw.value % per !== 0) return `${raw.text} is not a whole number of ${pageSize}-byte pages`;
  return raw.value / per;
}

/**
 * A SIZE in pages: decimal pages or a number with unit k, m or g that is a whole number of pages
 * of the given architecture, at least 1 page. No upper limit is applied here.
 */
export function sizeToPages(
  text: string,
  arch: Arch = "x86",
): { readonly ok: true; readonly pages: number } | { readonly ok: false; readonly message: string } {
  const raw = lexSize(text);
  if (typeof raw === "string") return { ok: false, message: `expected SIZE, got ${quote(text)}: ${raw}` };
  const pages = rawSizeToPages(raw, PAGE_SIZE[arch]);
  if (typeof pages === "string") return { ok: false, message: pages };
  if (pages < 1) return { ok: false, message: `a size must be at least 1 page, got ${quote(text)}` };
  return { ok: true, pages };
}

// ---------------------------------------------------------------------------------------------
// Page ranges, names, PROT

/** `A` or `A-B`, each possibly negative (`-5--1`); returns an error reason on failure. */
export function lexRange(s: string): PageRange | string {
  const m = /^(-?\d{1,15})(?:-(-?\d{1,15}))?$/.exec(s);
  if (!m) {
    const why = numberProblem(s, true) ?? numberProblem(s.slice(s.indexOf("-", 1) + 1), true);
    return why ?? "a page is a whole number (e.g. 3 or -2), a range is A-B (e.g. 0-7 or -4--1)";
  }
  const from = Number(m[1]) || 0; // no -0
  const to = m[2] === undefined ? from : Number(m[2]) || 0;
  return { from, to }; // the caller checks that it does not run backwards
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** Why `s` is not a name, or null if it is one. */
export function nameProblem(s: string): string | null {
  if (NAME.test(s)) return null;
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(s)) return "names are at most 32 characters";
  return "a name is a letter followed by letters, digits or _";
}

/** `none` or the letters r, w, x (each at most once, in that order). */
export function lexProt(s: string): Prot | null {
  if (s === "none") return { r: false, w: false, x: false };
  const m = /^(r?)(w?)(x?)$/.exec(s);
  if (!m || s === "") return null;
  return { r: m[1] === "r", w: m[2] === "w", x: m[3] === "x" };
}
