/**
 * The scenario parser: text in, Scenario (ast.ts) or one ParseError out. It never throws and runs
 * in time linear in the text. It checks syntax, declared files and LIMITS only; whether a process
 * or segment exists is the engine's business (a step result, not a parse error).
 * The language: docs/scenario-format.md §1.
 */
import type { Arch, FileDecl, MachineDecl, Op, ParseError, ParseResult, Prot, Statement } from "./ast";
import { LIMITS, PAGE_SIZE } from "./limits";
import {
  type LexedLine,
  type RawSize,
  type Token,
  escapeText,
  lexLine,
  lexProt,
  lexRange,
  lexSize,
  nameProblem,
  ParseFail,
  quote,
  rawSizeToPages,
} from "./lex";

export { sizeToPages } from "./lex";

/** `line N, column M: message` */
export const formatParseError = (e: ParseError): string => `line ${e.line}, column ${e.column}: ${e.message}`;

/** Words that cannot name a process. */
export const KEYWORDS: ReadonlySet<string> = new Set(["spawn", "pageout", "machine", "file"]);

const VERBS = ["mmap", "munmap", "mprotect", "read", "write", "fork", "exit", "sbrk", "stack"] as const;
type Verb = (typeof VERBS)[number];
const VERB_LIST = "mmap, munmap, mprotect, read, write, fork, exit, sbrk or stack";

const USAGE: Readonly<Record<Verb | "spawn" | "pageout" | "machine" | "file", string>> = {
  machine: "machine [arch=x86|sparc] [ram=SIZE] [swap=SIZE]",
  file: "file PATH SIZE",
  spawn: "spawn P [empty]",
  pageout: "pageout P SEG A[-B]",
  mmap: "P mmap SEG SOURCE SIZE PROT SHARE [offset=N] [noreserve]",
  munmap: "P munmap SEG [A-B]",
  mprotect: "P mprotect SEG PROT [A-B]",
  read: "P read SEG A[-B]",
  write: "P write SEG A[-B]",
  fork: "P fork Q",
  exit: "P exit",
  sbrk: "P sbrk SIZE",
  stack: "P stack SIZE",
};

const MAX_PATH = 1024;
const MIN_RAM_PAGES = 16;
const MIN_SWAP_PAGES = 2;

function fail(line: LexedLine, col: number, message: string): never {
  throw new ParseFail(line.n, col, message);
}

/** Walks the tokens of one statement; reports a missing token just past the last one. */
class Cursor {
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
    if (t)
      fail(this.line, t.col, `unexpected ${quote(t.text)} after the end of the statement (${this.usage})`);
  }
}

interface SizeRule {
  /** how the value is named in messages, e.g. "SIZE", "ram" */
  readonly what: string;
  readonly min: number;
  readonly max: number;
  readonly maxName: string;
}

const SEGMENT_SIZE: SizeRule = {
  what: "SIZE",
  min: 1,
  max: LIMITS.segmentPages,
  maxName: "LIMITS.segmentPages",
};

function lexSizeAt(line: LexedLine, tok: Token, value: string, what: string): RawSize {
  const raw = lexSize(value);
  if (typeof raw === "string") return fail(line, tok.col, `expected ${what}, got ${quote(tok.text)}: ${raw}`);
  return raw;
}

function pagesAt(line: LexedLine, tok: Token, raw: RawSize, pageSize: number, rule: SizeRule): number {
  const pages = rawSizeToPages(raw, pageSize);
  if (typeof pages === "string") return fail(line, tok.col, pages);
  if (pages < rule.min) {
    const min = rule.min === 1 ? "1 page" : `${rule.min} pages`;
    return fail(line, tok.col, `${rule.what} must be at least ${min}, got ${quote(raw.text)}`);
  }
  if (pages > rule.max) {
    return fail(
      line,
      tok.col,
      `${rule.what} ${raw.text} is more than the limit of ${rule.max} pages (${rule.maxName})`,
    );
  }
  return pages;
}

interface PendingFile {
  readonly line: LexedLine;
  readonly path: string;
  readonly sizeTok: Token;
  readonly size: RawSize;
}

/** Parser state for one scenario. */
class Parser {
  private arch: Arch = "x86";
  private ramPages: number | undefined;
  private swapPages: number | undefined;
  private machineLine = 0;
  private readonly pending = new Map<string, PendingFile>();
  private files = new Map<string, FileDecl>();
  private headersClosed = false;
  private firstOpLine = 0;
  private readonly steps: Statement[] = [];

  run(text: string): ParseResult {
    if (text.length > LIMITS.scenarioChars) {
      throw new ParseFail(
        1,
        1,
        `the scenario is ${text.length} characters long; the limit is ${LIMITS.scenarioChars} (LIMITS.scenarioChars)`,
      );
    }
    let start = 0;
    let n = 0;
    while (start <= text.length) {
      let nl = text.indexOf("\n", start);
      if (nl < 0) nl = text.length;
      this.statement(lexLine(text.slice(start, nl), ++n));
      start = nl + 1;
    }
    this.closeHeaders();
    const machine: MachineDecl = { arch: this.arch, ramPages: this.ramPages, swapPages: this.swapPages };
    return { ok: true, scenario: { machine, files: [...this.files.values()], steps: this.steps } };
  }

  private get pageSize(): number {
    return PAGE_SIZE[this.arch];
  }

  private statement(line: LexedLine): void {
    const head = line.tokens[0];
    if (!head) return;
    if (head.text === "machine" || head.text === "file") {
      if (this.headersClosed) {
        fail(
          line,
          head.col,
          `a "${head.text}" line must come before the first operation (line ${this.firstOpLine})`,
        );
      }
      if (head.text === "machine") this.machine(line);
      else this.file(line);
      return;
    }
    if (!this.headersClosed) this.firstOpLine = line.n;
    this.closeHeaders();
    if (this.steps.length >= LIMITS.steps) {
      fail(
        line,
        head.col,
        `too many operations: a scenario has at most ${LIMITS.steps} steps (LIMITS.steps)`,
      );
    }
    const op = this.operation(line, head);
    this.steps.push({ ...op, where: { line: line.n, text: line.text } });
  }

  // --- headers ---------------------------------------------------------------------------------

  private machine(line: LexedLine): void {
    const head = line.tokens[0]?.col ?? 1;
    if (this.machineLine)
      fail(line, head, `only one "machine" line is allowed (the first is line ${this.machineLine})`);
    this.machineLine = line.n;
    const c = new Cursor(line, USAGE.machine);
    const seen = new Map<string, { tok: Token; value: string }>();
    for (let tok = c.optional(); tok; tok = c.optional()) {
      const m = /^(arch|ram|swap)=(.*)$/.exec(tok.text);
      if (!m) fail(line, tok.col, `expected arch=x86|sparc, ram=SIZE or swap=SIZE, got ${quote(tok.text)}`);
      const key = m[1] ?? "";
      if (seen.has(key)) fail(line, tok.col, `${key}= is given twice`);
      seen.set(key, { tok, value: m[2] ?? "" });
    }
    const arch = seen.get("arch");
    if (arch) {
      if (arch.value !== "x86" && arch.value !== "sparc") {
        fail(line, arch.tok.col, `expected arch=x86 or arch=sparc, got ${quote(arch.tok.text)}`);
      }
      this.arch = arch.value;
    }
    const machineSize = (key: "ram" | "swap", min: number): number | undefined => {
      const e = seen.get(key);
      if (!e) return undefined;
      const raw = lexSizeAt(line, e.tok, e.value, `${key}=SIZE`);
      const rule = { what: key, min, max: LIMITS.machinePages, maxName: "LIMITS.machinePages" };
      return pagesAt(line, e.tok, raw, this.pageSize, rule);
    };
    this.ramPages = machineSize("ram", MIN_RAM_PAGES);
    this.swapPages = machineSize("swap", MIN_SWAP_PAGES);
  }

  private file(line: LexedLine): void {
    const c = new Cursor(line, USAGE.file);
    const p = c.next("PATH");
    const path = p.text;
    if (path === "anon") fail(line, p.col, `"anon" is MAP_ANON memory, not a file: a PATH starts with /`);
    if (!path.startsWith("/"))
      fail(line, p.col, `expected an absolute PATH (starting with /), got ${quote(path)}`);
    const bad = pathProblem(path);
    if (bad) fail(line, p.col, `bad PATH ${quote(path)}: ${bad}`);
    if (path === "/dev/zero") fail(line, p.col, "/dev/zero is built in and cannot be declared");
    const before = this.pending.get(path);
    if (before)
      fail(line, p.col, `file ${escapeText(path, 60)} is already declared on line ${before.line.n}`);
    if (this.pending.size >= LIMITS.files) {
      fail(
        line,
        line.tokens[0]?.col ?? 1,
        `too many files: a scenario declares at most ${LIMITS.files} (LIMITS.files)`,
      );
    }
    const sizeTok = c.next("SIZE");
    const size = lexSizeAt(line, sizeTok, sizeTok.text, "SIZE");
    c.end();
    this.pending.set(path, { line, path, sizeTok, size });
  }

  /** Sizes in file lines are converted once the machine (and so the page size) is known. */
  private closeHeaders(): void {
    if (this.headersClosed) return;
    this.headersClosed = true;
    for (const f of this.pending.values()) {
      const pages = pagesAt(f.line, f.sizeTok, f.size, this.pageSize, SEGMENT_SIZE);
      this.files.set(f.path, { path: f.path, pages });
    }
  }

  // --- operations ------------------------------------------------------------------------------

  private operation(line: LexedLine, head: Token): Op {
    if (head.text === "spawn") {
      const c = new Cursor(line, USAGE.spawn);
      const proc = this.processName(line, c.next("a process name P"));
      const opt = c.optional();
      if (opt && opt.text !== "empty")
        fail(line, opt.col, `expected "empty" or the end of the line, got ${quote(opt.text)}`);
      c.end();
      return { op: "spawn", proc, empty: opt !== undefined };
    }
    if (head.text === "pageout") {
      const c = new Cursor(line, USAGE.pageout);
      const proc = this.processName(line, c.next("a process name P"));
      const seg = this.segName(line, c.next("a segment name SEG"));
      const range = this.range(line, c.next("a page A or range A-B"), LIMITS.touchPages, "LIMITS.touchPages");
      c.end();
      return { op: "pageout", proc, seg, range };
    }
    const why = nameProblem(head.text);
    if (why) {
      fail(
        line,
        head.col,
        `expected an operation (spawn, pageout, or a process name and a verb), got ${quote(head.text)}`,
      );
    }
    const proc = this.processName(line, head);
    const v = line.tokens[1];
    if (!v) return fail(line, line.endCol, `expected a verb after ${proc}: ${VERB_LIST}`);
    if (!(VERBS as readonly string[]).includes(v.text)) {
      return fail(line, v.col, `unknown verb ${quote(v.text)}: expected ${VERB_LIST}`);
    }
    const verb = v.text as Verb;
    const c = new Cursor(line, USAGE[verb]);
    c.next("verb"); // the verb itself
    let op: Op;
    switch (verb) {
      case "mmap":
        op = this.mmap(line, c, proc);
        break;
      case "munmap": {
        const seg = this.segName(line, c.next("a segment name SEG"));
        const r = c.optional();
        op = {
          op: "munmap",
          proc,
          seg,
          range: r ? this.range(line, r, LIMITS.segmentPages, "LIMITS.segmentPages") : null,
        };
        break;
      }
      case "mprotect": {
        const seg = this.segName(line, c.next("a segment name SEG"));
        const prot = this.prot(line, c.next("PROT (r, rw, rx, rwx or none)"));
        const r = c.optional();
        const range = r ? this.range(line, r, LIMITS.segmentPages, "LIMITS.segmentPages") : null;
        op = { op: "mprotect", proc, seg, prot, range };
        break;
      }
      case "read":
      case "write": {
        const seg = this.segName(line, c.next("a segment name SEG"));
        const range = this.range(
          line,
          c.next("a page A or range A-B"),
          LIMITS.touchPages,
          "LIMITS.touchPages",
        );
        op = { op: verb, proc, seg, range };
        break;
      }
      case "fork":
        op = { op: "fork", proc, child: this.processName(line, c.next("a child process name Q")) };
        break;
      case "exit":
        op = { op: "exit", proc };
        break;
      case "sbrk":
      case "stack": {
        const t = c.next("SIZE");
        const pages = pagesAt(line, t, lexSizeAt(line, t, t.text, "SIZE"), this.pageSize, SEGMENT_SIZE);
        op = { op: verb, proc, pages };
        break;
      }
    }
    c.end();
    return op;
  }

  private mmap(line: LexedLine, c: Cursor, proc: string): Op {
    const seg = this.segName(line, c.next("a segment name SEG"));
    const src = c.next("SOURCE (/dev/zero, anon or a declared file path)");
    const source = src.text;
    const file = this.files.get(source);
    if (source !== "/dev/zero" && source !== "anon" && !file) {
      if (source.startsWith("/")) {
        const p = escapeText(source, 60);
        fail(line, src.col, `unknown file ${p}: declare it with "file ${p} SIZE" before the first operation`);
      }
      fail(line, src.col, `expected SOURCE (/dev/zero, anon or a declared file path), got ${quote(source)}`);
    }
    const sizeTok = c.next("SIZE");
    const pages = pagesAt(
      line,
      sizeTok,
      lexSizeAt(line, sizeTok, sizeTok.text, "SIZE"),
      this.pageSize,
      SEGMENT_SIZE,
    );
    const prot = this.prot(line, c.next("PROT (r, rw, rx, rwx or none)"));
    const sh = c.next("SHARE (private or shared)");
    if (sh.text !== "private" && sh.text !== "shared") {
      fail(line, sh.col, `expected SHARE (private or shared), got ${quote(sh.text)}`);
    }
    let offset = 0;
    let offsetTok: Token | undefined;
    let noreserve = false;
    for (let t = c.optional(); t; t = c.optional()) {
      if (t.text === "noreserve") {
        if (noreserve) fail(line, t.col, "noreserve is given twice");
        noreserve = true;
      } else if (t.text.startsWith("offset=")) {
        if (offsetTok) fail(line, t.col, "offset= is given twice");
        if (!file) fail(line, t.col, `offset= applies only to file mappings, not to ${source}`);
        const raw = lexSizeAt(line, t, t.text.slice("offset=".length), "offset=N (pages into the file)");
        offset = pagesAt(line, t, raw, this.pageSize, { ...SEGMENT_SIZE, what: "offset", min: 0 });
        offsetTok = t;
      } else {
        fail(line, t.col, `expected offset=N or noreserve, got ${quote(t.text)}`);
      }
    }
    if (file && offset + pages > file.pages) {
      const f = `${escapeText(file.path, 60)} (${file.pages} page${file.pages === 1 ? "" : "s"})`;
      if (offsetTok && offset >= file.pages)
        fail(line, offsetTok.col, `offset ${offset} is past the end of ${f}`);
      fail(line, sizeTok.col, `${pages} pages at offset ${offset} run past the end of ${f}`);
    }
    return { op: "mmap", proc, seg, source, pages, prot, shared: sh.text === "shared", offset, noreserve };
  }

  private processName(line: LexedLine, t: Token): string {
    if (KEYWORDS.has(t.text)) fail(line, t.col, `"${t.text}" is a keyword and cannot name a process`);
    const why = nameProblem(t.text);
    if (why) fail(line, t.col, `expected a process name, got ${quote(t.text)}: ${why}`);
    return t.text;
  }

  private segName(line: LexedLine, t: Token): string {
    const why = nameProblem(t.text);
    if (why) fail(line, t.col, `expected a segment name, got ${quote(t.text)}: ${why}`);
    return t.text;
  }

  private prot(line: LexedLine, t: Token): Prot {
    const p = lexProt(t.text);
    if (!p) return fail(line, t.col, `expected PROT (r, rw, rx, rwx or none), got ${quote(t.text)}`);
    return p;
  }

  private range(line: LexedLine, t: Token, max: number, maxName: string): { from: number; to: number } {
    const r = lexRange(t.text);
    if (typeof r === "string")
      return fail(line, t.col, `expected a page A or range A-B, got ${quote(t.text)}: ${r}`);
    if (r.to < r.from)
      fail(line, t.col, `range ${t.text} runs backwards: its last page must not be below its first`);
    const span = r.to - r.from + 1;
    if (span > max)
      fail(line, t.col, `range ${t.text} spans ${span} pages; the limit is ${max} (${maxName})`);
    return r;
  }
}

/** Why an absolute path is not acceptable, or null. Paths are kept canonical so equal files are equal strings. */
function pathProblem(path: string): string | null {
  if (path.length > MAX_PATH) return `a path has at most ${MAX_PATH} characters`;
  if (path === "/" || path.endsWith("/")) return "it names a directory";
  if (path.includes("//")) return "it has an empty component (//)";
  if (/\/\.\.?(\/|$)/.test(path)) return "write it without . or .. components";
  if (escapeText(path, MAX_PATH) !== path) return "it contains control, invisible or special characters";
  return null;
}

/** Parse scenario text. Never throws; the first error found is returned. */
export function parseScenario(text: string): ParseResult {
  try {
    if (typeof text !== "string") throw new ParseFail(1, 1, "the scenario is not text");
    return new Parser().run(text);
  } catch (e) {
    if (e instanceof ParseFail)
      return { ok: false, error: { line: e.line, column: e.column, message: e.message } };
    // A bug, not bad input: still never throw to the caller.
    const why = escapeText(e instanceof Error ? e.message : String(e), 200);
    return { ok: false, error: { line: 1, column: 1, message: `internal parser error: ${why}` } };
  }
}
