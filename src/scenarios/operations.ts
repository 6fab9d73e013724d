import type { Op } from "../contract/ast";
import {
  Cursor,
  fail,
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
import type { Headers } from "./headers";
import { type LexedLine, type Token, escapeText, nameProblem, quote } from "./lex";

/**
 * One operation line (`spawn`, `pageout`, or a process name and a verb) read into its Op
 * (docs/scenario-format.md §1). Apart from parse.ts, which only walks the lines and counts the
 * limits, because this is where the grammar of each statement lives and grows.
 */

const VERBS = ["mmap", "munmap", "mprotect", "read", "write", "fork", "exit", "sbrk", "stack"] as const;
type Verb = (typeof VERBS)[number];
const VERB_LIST = "mmap, munmap, mprotect, read, write, fork, exit, sbrk or stack";
const isVerb = (s: string): s is Verb => (VERBS as readonly string[]).includes(s);

const USAGE: Readonly<Record<Verb | "spawn" | "pageout", string>> = {
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

const SEG = "a segment name SEG";
const PAGES = "a page A or range A-B";
const PROT = "PROT (r, rw, rx, rwx or none)";

/** The operation on one line; `h` is the closed headers (page size, declared files). */
export function operation(line: LexedLine, head: Token, h: Headers): Op {
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
  const op = verbOp(line, c, proc, verb, h);
  c.end();
  return op;
}

/** The rest of a `P VERB ...` line, the cursor just past the verb. */
function verbOp(line: LexedLine, c: Cursor, proc: string, verb: Verb, h: Headers): Op {
  switch (verb) {
    case "mmap":
      return mmap(line, c, proc, h);
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
      return { op: verb, proc, pages: segmentSize(line, c.next("SIZE"), h.pageSize) };
  }
}

function mmap(line: LexedLine, c: Cursor, proc: string, h: Headers): Op {
  const seg = segName(line, c.next(SEG));
  const src = c.next("SOURCE (/dev/zero, anon or a declared file path)");
  const source = src.text;
  const file = h.files.get(source);
  if (source !== "/dev/zero" && source !== "anon" && !file) {
    if (source.startsWith("/")) {
      const p = escapeText(source, 60);
      fail(line, src.col, `unknown file ${p}: declare it with "file ${p} SIZE" before the first operation`);
    }
    fail(line, src.col, `expected SOURCE (/dev/zero, anon or a declared file path), got ${quote(source)}`);
  }
  const sizeTok = c.next("SIZE");
  const pages = segmentSize(line, sizeTok, h.pageSize);
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
      const n = pagesAt(line, t, raw, h.pageSize, { ...SEGMENT_SIZE, what: "offset", min: 0 });
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
