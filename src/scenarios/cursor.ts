/**
 * Statement-level helpers for the scenario parser (parse.ts): a cursor over one statement's
 * tokens, and checks that turn one token into a value of the AST or a ParseFail pointing at it.
 */
import type { PageRange, Prot } from "../contract/ast";
import {
  type LexedLine,
  type RawSize,
  type Token,
  escapeText,
  lexProt,
  lexRange,
  lexSize,
  nameProblem,
  ParseFail,
  quote,
  rawSizeToPages,
} from "./lex";
import { LIMITS } from "../contract/limits";

/** Words that cannot name a process: they start statements of their own. */
const KEYWORDS: ReadonlySet<string> = new Set(["spawn", "pageout", "machine", "file"]);

export function fail(line: LexedLine, col: number, message: string): never {
  throw new ParseFail(line.n, col, message);
}

/** Walks the tokens of one statement (from its second); a missing token is reported just past the last. */
export class Cursor {
  private i = 1;
  constructor(
    readonly line: LexedLine,
    private readonly usage: string,
  ) {}

  next(what: string): Token {
    const t = this.line.tokens[this.i];
    if (!t) return fail(this.line, this.line.endCol, `expected ${what} (${this.usage})`);
    this.i++;
    return t;
  }

  optional(): Token | undefined {
    const t = this.line.tokens[this.i];
    if (t) this.i++;
    return t;
  }

  end(): void {
    const t = this.line.tokens[this.i];
    if (!t) return;
    fail(this.line, t.col, `unexpected ${quote(t.text)} after the end of the statement (${this.usage})`);
  }
}

// --- sizes -------------------------------------------------------------------------------------

export interface SizeRule {
  /** how the value is named in messages, e.g. "SIZE", "ram" */
  readonly what: string;
  readonly min: number;
  readonly max: number;
  readonly maxName: string;
}

export const SEGMENT_SIZE: SizeRule = {
  what: "SIZE",
  min: 1,
  max: LIMITS.segmentPages,
  maxName: "LIMITS.segmentPages",
};

/** The syntax of a SIZE written in `value` (all of `tok`, or the part after `key=`). */
export function lexSizeAt(line: LexedLine, tok: Token, value: string, what: string): RawSize {
  const raw = lexSize(value);
  if (typeof raw === "string") return fail(line, tok.col, `expected ${what}, got ${quote(tok.text)}: ${raw}`);
  return raw;
}

/** A lexed SIZE in pages of `pageSize`, checked against `rule`. */
export function pagesAt(line: LexedLine, tok: Token, raw: RawSize, pageSize: number, rule: SizeRule): number {
  const pages = rawSizeToPages(raw, pageSize);
  if (typeof pages === "string") return fail(line, tok.col, pages);
  if (pages < rule.min) {
    const min = rule.min === 1 ? "1 page" : `${rule.min} pages`;
    return fail(line, tok.col, `${rule.what} must be at least ${min}, got ${quote(raw.text)}`);
  }
  if (pages > rule.max) {
    const why = `${rule.what} ${raw.text} is more than the limit of ${rule.max} pages (${rule.maxName})`;
    return fail(line, tok.col, why);
  }
  return pages;
}

/** A whole token that is a SIZE (of a segment, file, sbrk or stack). */
export const segmentSize = (line: LexedLine, tok: Token, pageSize: number): number =>
  pagesAt(line, tok, lexSizeAt(line, tok, tok.text, "SIZE"), pageSize, SEGMENT_SIZE);

// --- names, PROT, ranges, paths ----------------------------------------------------------------

export function processName(line: LexedLine, t: Token): string {
  if (KEYWORDS.has(t.text)) fail(line, t.col, `"${t.text}" is a keyword and cannot name a process`);
  const why = nameProblem(t.text);
  if (why) fail(line, t.col, `expected a process name, got ${quote(t.text)}: ${why}`);
  return t.text;
}

export function segName(line: LexedLine, t: Token): string {
  const why = nameProblem(t.text);
  if (why) fail(line, t.col, `expected a segment name, got ${quote(t.text)}: ${why}`);
  return t.text;
}

export function prot(line: LexedLine, t: Token): Prot {
  const p = lexProt(t.text);
  if (!p) return fail(line, t.col, `expected PROT (r, rw, rx, rwx or none), got ${quote(t.text)}`);
  return p;
}

export interface RangeLimit {
  readonly max: number;
  readonly name: string;
}
/** read, write and pageout touch each page: LIMITS.touchPages bounds them. */
export const TOUCH_RANGE: RangeLimit = { max: LIMITS.touchPages, name: "LIMITS.touchPages" };
/** munmap and mprotect touch nothing: a range as long as a segment may be is fine. */
export const SEGMENT_RANGE: RangeLimit = { max: LIMITS.segmentPages, name: "LIMITS.segmentPages" };

export function range(line: LexedLine, t: Token, limit: RangeLimit): PageRange {
  const r = lexRange(t.text);
  if (typeof r === "string") {
    return fail(line, t.col, `expected a page A or range A-B, got ${quote(t.text)}: ${r}`);
  }
  if (r.to < r.from) {
    fail(line, t.col, `range ${t.text} runs backwards: its last page must not be below its first`);
  }
  const span = r.to - r.from + 1;
  if (span > limit.max) {
    fail(line, t.col, `range ${t.text} spans ${span} pages; the limit is ${limit.max} (${limit.name})`);
  }
  return r;
}

const MAX_PATH = 1024;

/** Why an absolute path is not acceptable, or null. */
function pathProblem(path: string): string | null {
  if (path.length > MAX_PATH) return `a path has at most ${MAX_PATH} characters`;
  if (path === "/" || path.endsWith("/")) return "it names a directory";
  if (path.includes("//")) return "it has an empty component (//)";
  if (/\/\.\.?(\/|$)/.test(path)) return "write it without . or .. components";
  if (escapeText(path, MAX_PATH) !== path) return "it contains control, invisible or special characters";
  return null;
}

/** A declarable file path. Paths are kept canonical, so the same file is always the same string. */
export function filePath(line: LexedLine, p: Token): string {
  const path = p.text;
  if (path === "anon") fail(line, p.col, `"anon" is MAP_ANON memory, not a file: a PATH starts with /`);
  if (!path.startsWith("/")) {
    fail(line, p.col, `expected an absolute PATH (starting with /), got ${quote(path)}`);
  }
  const bad = pathProblem(path);
  if (bad) fail(line, p.col, `bad PATH ${quote(path)}: ${bad}`);
  if (path === "/dev/zero") fail(line, p.col, "/dev/zero is built in and cannot be declared");
  return path;
}
