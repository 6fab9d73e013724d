/**
 * The scenario parser: text in, Scenario (ast.ts) or one ParseError out. It never throws and runs
 * in time linear in the text. It checks syntax, declared files and LIMITS only; whether a process
 * or segment exists is the engine's business (a step result, not a parse error).
 * The language: docs/scenario-format.md §1. Token-level checks: cursor.ts; lexing: lex.ts.
 */
import type { Arch, FileDecl, MachineDecl, Op, ParseError, ParseResult, Statement } from "../contract/ast";
import {
  Cursor,
  fail,
  filePath,
  lexSizeAt,
  pagesAt,
  processName,
  prot,
  range,
  SEGMENT_RANGE,
  SEGMENT_SIZE,
  segName,
  segmentSize,
  TOUCH_RANGE,
} from "./cursor";
import {
  type LexedLine,
  type RawSize,
  type Token,
  escapeText,
  lexLine,
  nameProblem,
  ParseFail,
  quote,
} from "./lex";
import { LIMITS, PAGE_SIZE } from "../contract/limits";

export { KEYWORDS } from "./cursor";
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

const VERBS = ["mmap", "munmap", "mprotect", "read", "write", "fork", "exit", "sbrk", "stack"] as const;
type Verb = (typeof VERBS)[number];
const VERB_LIST = "mmap, munmap, mprotect, read, write, fork, exit, sbrk or stack";
const isVerb = (s: string): s is Verb => (VERBS as readonly string[]).includes(s);

const USAGE: Readonly<Record<Verb | "spawn" | "pageout" | "machine" | "file", string>> = {
  machine: "machine [arch=x86|sparc] [ram=SIZE] [swap=SIZE]",
  file: "file PATH SIZE",
  spawn: "spawn P [empty]",
  pageout: "pageout P SEG A[-B] [reuse]",
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

/** The spec sets no minimum; a swap device of 1 page is its label alone (no usable slot). */
const MIN_RAM_PAGES = 1;
const MIN_SWAP_PAGES = 0;

const SEG = "a segment name SEG";
const PAGES = "a page A or range A-B";
const PROT = "PROT (r, rw, rx, rwx or none)";

/** A `file` line whose SIZE waits for the machine's page size. */
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
  private readonly files = new Map<string, FileDecl>();
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
      if (this.firstOpLine) {
        const why = `a "${head.text}" line must come before the first operation (line ${this.firstOpLine})`;
        fail(line, head.col, why);
      }
      if (head.text === "machine") this.machine(line, head);
      else this.file(line, head);
      return;
    }
    if (!this.firstOpLine) {
      this.firstOpLine = line.n;
      this.closeHeaders();
    }
    if (this.steps.length >= LIMITS.steps) {
      fail(
        line,
        head.col,
        `too many operations: a scenario has at most ${LIMITS.steps} steps (LIMITS.steps)`,
      );
    }
    const op = this.operation(line, head);
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

  // --- headers ---------------------------------------------------------------------------------

  private machine(line: LexedLine, head: Token): void {
    if (this.machineLine) {
      fail(line, head.col, `only one "machine" line is allowed (the first is line ${this.machineLine})`);
    }
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
    // arch first: it decides what k, m and g mean in ram= and swap=
    const arch = seen.get("arch");
    if (arch) {
      if (arch.value !== "x86" && arch.value !== "sparc") {
        fail(line, arch.tok.col, `expected arch=x86 or arch=sparc, got ${quote(arch.tok.text)}`);
      }
      this.arch = arch.value;
    }
    const size = (key: "ram" | "swap", min: number): number | undefined => {
      const e = seen.get(key);
      if (!e) return undefined;
      const raw = lexSizeAt(line, e.tok, e.value, `${key}=SIZE`);
      const rule = { what: key, min, max: LIMITS.machinePages, maxName: "LIMITS.machinePages" };
      return pagesAt(line, e.tok, raw, this.pageSize, rule);
    };
    this.ramPages = size("ram", MIN_RAM_PAGES);
    this.swapPages = size("swap", MIN_SWAP_PAGES);
  }

  private file(line: LexedLine, head: Token): void {
    const c = new Cursor(line, USAGE.file);
    const p = c.next("PATH");
    const path = filePath(line, p);
    const before = this.pending.get(path);
    if (before) {
      fail(line, p.col, `file ${escapeText(path, 60)} is already declared on line ${before.line.n}`);
    }
    if (this.pending.size >= LIMITS.files) {
      fail(line, head.col, `too many files: a scenario declares at most ${LIMITS.files} (LIMITS.files)`);
    }
    const sizeTok = c.next("SIZE");
    const size = lexSizeAt(line, sizeTok, sizeTok.text, "SIZE");
    c.end();
    this.pending.set(path, { line, path, sizeTok, size });
  }

  /** File sizes are converted once the machine line (and so the page size) can no longer change. */
  private closeHeaders(): void {
    for (const f of this.pending.values()) {
      const pages = pagesAt(f.line, f.sizeTok, f.size, this.pageSize, SEGMENT_SIZE);
      this.files.set(f.path, { path: f.path, pages });
    }
    this.pending.clear();
  }

  // --- operations ------------------------------------------------------------------------------

  private operation(line: LexedLine, head: Token): Op {
    if (head.text === "spawn") {
      const c = new Cursor(line, USAGE.spawn);
      const proc = processName(line, c.next("a process name P"));
      const opt = c.optional();
      if (opt && opt.text !== "empty") {
        fail(line, opt.col, `expected "empty" or the end of the line, got ${quote(opt.text)}`);
      }
      c.end();
      return { op: "spawn", proc, empty: opt !== undefined };
    }
    if (head.text === "pageout") {
      const c = new Cursor(line, USAGE.pageout);
      const proc = processName(line, c.next("a process name P"));
      const seg = segName(line, c.next(SEG));
      const pages = range(line, c.next(PAGES), TOUCH_RANGE);
      const opt = c.optional();
      if (opt && opt.text !== "reuse") {
        fail(line, opt.col, `expected "reuse" or the end of the line, got ${quote(opt.text)}`);
      }
      c.end();
      return { op: "pageout", proc, seg, range: pages, reuse: opt !== undefined };
    }
    if (nameProblem(head.text)) {
      const why = "expected an operation (spawn, pageout, or a process name and a verb)";
      fail(line, head.col, `${why}, got ${quote(head.text)}`);
    }
    const proc = processName(line, head);
    const v = line.tokens[1];
    if (!v) return fail(line, line.endCol, `expected a verb after ${proc}: ${VERB_LIST}`);
    if (!isVerb(v.text)) return fail(line, v.col, `unknown verb ${quote(v.text)}: expected ${VERB_LIST}`);
    const verb = v.text;
    const c = new Cursor(line, USAGE[verb]);
    c.next("a verb"); // step over the verb
    const op = this.verb(line, c, proc, verb);
    c.end();
    return op;
  }

  private verb(line: LexedLine, c: Cursor, proc: string, verb: Verb): Op {
    switch (verb) {
      case "mmap":
        return this.mmap(line, c, proc);
      case "munmap": {
        const seg = segName(line, c.next(SEG));
        const r = c.optional();
        return { op: "munmap", proc, seg, range: r ? range(line, r, SEGMENT_RANGE) : null };
      }
      case "mprotect": {
        const seg = segName(line, c.next(SEG));
        const p = prot(line, c.next(PROT));
        const r = c.optional();
        return { op: "mprotect", proc, seg, prot: p, range: r ? range(line, r, SEGMENT_RANGE) : null };
      }
      case "read":
      case "write": {
        const seg = segName(line, c.next(SEG));
        return { op: verb, proc, seg, range: range(line, c.next(PAGES), TOUCH_RANGE) };
      }
      case "fork":
        return { op: "fork", proc, child: processName(line, c.next("a child process name Q")) };
      case "exit":
        return { op: "exit", proc };
      case "sbrk":
      case "stack":
        return { op: verb, proc, pages: segmentSize(line, c.next("SIZE"), this.pageSize) };
    }
  }

  private mmap(line: LexedLine, c: Cursor, proc: string): Op {
    const seg = segName(line, c.next(SEG));
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
    const pages = segmentSize(line, sizeTok, this.pageSize);
    const p = prot(line, c.next(PROT));
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
        const raw = lexSizeAt(line, t, t.text.slice("offset=".length), "offset=N (pages into the file)");
        const n = pagesAt(line, t, raw, this.pageSize, { ...SEGMENT_SIZE, what: "offset", min: 0 });
        // mmap's offset is an offset into the file; /dev/zero and MAP_ANON memory start at 0
        // whatever it says (the /dev/zero driver passes offset 0 to segvn_create)
        offset = file ? n : 0;
        offsetTok = t;
      } else {
        fail(line, t.col, `expected offset=N or noreserve, got ${quote(t.text)}`);
      }
    }
    // A mapping may run past the end of its file, as mmap(2) allows: touching a page there
    // gets SIGBUS (the engine's fault path), the mapping itself is fine.
    return { op: "mmap", proc, seg, source, pages, prot: p, shared: sh.text === "shared", offset, noreserve };
  }
}
