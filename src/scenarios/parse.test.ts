import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protString, type Op, type ParseError, type Scenario, type Statement } from "../contract/ast";
import { LIMITS } from "../contract/limits";
import { escapeText } from "./lex";
import { formatParseError, parseScenario, sizeToPages } from "./parse";

const ORACLES = new URL("../../test/oracles/", import.meta.url);
const oracleTexts: readonly (readonly [string, string])[] = readdirSync(ORACLES)
  .filter((f) => f.endsWith(".vms"))
  .sort()
  .map((f) => [f, readFileSync(new URL(f, ORACLES), "utf8")] as const);

function ok(text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(`unexpected parse error: ${formatParseError(r.error)}`);
  return r.scenario;
}

function err(text: string): ParseError {
  const r = parseScenario(text);
  if (r.ok) throw new Error(`expected a parse error for ${JSON.stringify(text.slice(0, 200))}`);
  return r.error;
}

/** The steps without `where`, for compact comparisons. */
const ops = (s: Scenario): Op[] =>
  s.steps.map((st) => {
    const { where: _where, ...op } = st;
    return op;
  });

const one = (text: string): Op => {
  const s = ops(ok(text));
  expect(s).toHaveLength(1);
  return s[0] as Op;
};

const RW = { r: true, w: true, x: false };
const R = { r: true, w: false, x: false };
const NONE = { r: false, w: false, x: false };

// Control characters, invisible and bidi formatting characters, lone surrogates.
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Invariants every result must satisfy, whatever the input. */
function checkResult(text: string): void {
  const r = parseScenario(text);
  const lines = text.split("\n");
  if (r.ok) {
    expect(r.scenario.steps.length).toBeLessThanOrEqual(LIMITS.steps);
    for (const st of r.scenario.steps) {
      expect(st.where.line).toBeGreaterThanOrEqual(1);
      expect(st.where.line).toBeLessThanOrEqual(lines.length);
    }
    return;
  }
  const e = r.error;
  expect(Number.isInteger(e.line) && Number.isInteger(e.column)).toBe(true);
  expect(e.line).toBeGreaterThanOrEqual(1);
  expect(e.column).toBeGreaterThanOrEqual(1);
  expect(e.line).toBeLessThanOrEqual(lines.length + 1);
  if (text.length <= LIMITS.scenarioChars) {
    expect(e.column).toBeLessThanOrEqual((lines[e.line - 1] ?? "").length + 1);
  }
  expect(e.message).not.toMatch(RAW_UNSAFE);
  expect(e.message).not.toMatch(LONE_SURROGATE);
  expect(e.message).not.toMatch(/internal parser error/);
  expect(e.message.length).toBeGreaterThan(0);
}

describe("oracle scenarios", () => {
  it("finds the oracle files", () => {
    expect(oracleTexts.length).toBeGreaterThan(10);
  });
  for (const [name, text] of oracleTexts) {
    it(`parses ${name}`, () => {
      const s = ok(text);
      expect(s.steps.length).toBeGreaterThan(0);
      for (const st of s.steps) {
        expect(text.split("\n")[st.where.line - 1]).toContain(st.where.text);
        expect(st.where.text).not.toMatch(/#|^\s|\s$/);
      }
    });
    it(`parses ${name} with CRLF line endings the same way`, () => {
      expect(ok(text.replace(/\n/g, "\r\n"))).toEqual(ok(text));
    });
  }

  it("gives the exact AST of O1", () => {
    const text = oracleTexts.find(([f]) => f.startsWith("o01"))?.[1] ?? "";
    expect(ok(text)).toEqual({
      machine: { arch: "x86", ramPages: 1000, swapPages: 1000 },
      files: [],
      steps: [
        { op: "spawn", proc: "P1", empty: true, where: { line: 4, text: "spawn P1 empty" } },
        {
          op: "mmap",
          proc: "P1",
          seg: "buf",
          source: "/dev/zero",
          pages: 4,
          prot: RW,
          shared: false,
          offset: 0,
          noreserve: false,
          where: { line: 5, text: "P1 mmap buf /dev/zero 4 rw private" },
        },
      ],
    } satisfies Scenario);
  });

  it("gives the exact AST of O14 (a file)", () => {
    const text = oracleTexts.find(([f]) => f.startsWith("o14"))?.[1] ?? "";
    const s = ok(text);
    expect(s.files).toEqual([{ path: "/data/f", pages: 4 }]);
    expect(ops(s)[1]).toEqual({
      op: "mmap",
      proc: "P1",
      seg: "lib",
      source: "/data/f",
      pages: 4,
      prot: R,
      shared: false,
      offset: 0,
      noreserve: false,
    });
    expect(ops(s)[2]).toEqual({ op: "read", proc: "P1", seg: "lib", range: { from: 0, to: 3 } });
  });
});

describe("good input", () => {
  it("accepts empty text, blank lines and comments only", () => {
    const empty: Scenario = {
      machine: { arch: "x86", ramPages: undefined, swapPages: undefined },
      files: [],
      steps: [],
    };
    expect(ok("")).toEqual(empty);
    expect(ok("\n\n  \t \n# just a comment\n   # indented\n#= check\n")).toEqual(empty);
    expect(ok("\r\n\r\n")).toEqual(empty);
  });

  it("reads the machine line in any order, arch first for units", () => {
    expect(ok("machine arch=sparc ram=64m swap=1g").machine).toEqual({
      arch: "sparc",
      ramPages: 8192,
      swapPages: 131072,
    });
    expect(ok("machine ram=1m swap=16k arch=sparc").machine).toEqual({
      arch: "sparc",
      ramPages: 128,
      swapPages: 2,
    });
    expect(ok("machine swap=2 ram=16").machine).toEqual({ arch: "x86", ramPages: 16, swapPages: 2 });
    // the spec sets no minimum: a tiny memory (page daemon at work) and a swap device that is
    // only its label page (no disk swap at all) are both scenarios worth running
    expect(ok("machine ram=1 swap=1").machine).toEqual({ arch: "x86", ramPages: 1, swapPages: 1 });
    // and no swap device at all: swapfs lives on memory alone
    expect(ok("machine swap=0").machine).toMatchObject({ swapPages: 0 });
    expect(ok("machine").machine).toEqual({ arch: "x86", ramPages: undefined, swapPages: undefined });
    expect(ok("machine arch=x86").machine.ramPages).toBeUndefined();
    expect(ok("machine ram=1G").machine.ramPages).toBe(262144);
    expect(ok("machine ram=16g").machine.ramPages).toBe(LIMITS.machinePages);
    expect(ok("machine ram=2M swap=8K").machine).toEqual({ arch: "x86", ramPages: 512, swapPages: 2 });
  });

  it("declares files, converting sizes with the machine's page size even if machine comes later", () => {
    const s = ok("file /data/a 4\nfile /data/b.dat 64k\nmachine arch=sparc\nspawn P1");
    expect(s.machine.arch).toBe("sparc");
    expect(s.files).toEqual([
      { path: "/data/a", pages: 4 },
      { path: "/data/b.dat", pages: 8 },
    ]);
    expect(ok("file /x 16777216").files).toEqual([{ path: "/x", pages: LIMITS.segmentPages }]);
    expect(ok("file /dev/null 1").files).toEqual([{ path: "/dev/null", pages: 1 }]);
  });

  it("parses spawn", () => {
    expect(one("spawn P1")).toEqual({ op: "spawn", proc: "P1", empty: false });
    expect(one("spawn a_b9 empty")).toEqual({ op: "spawn", proc: "a_b9", empty: true });
    expect(one("spawn mmap")).toEqual({ op: "spawn", proc: "mmap", empty: false });
    expect(one(`spawn A${"b".repeat(31)}`)).toMatchObject({ proc: `A${"b".repeat(31)}` });
  });

  it("parses mmap in all its forms", () => {
    const base = { op: "mmap", proc: "P1", seg: "buf", offset: 0, noreserve: false, shared: false };
    expect(one("P1 mmap buf anon 8 rw private")).toEqual({ ...base, source: "anon", pages: 8, prot: RW });
    expect(one("P1 mmap buf /dev/zero 4k none shared")).toEqual({
      ...base,
      source: "/dev/zero",
      pages: 1,
      prot: NONE,
      shared: true,
    });
    expect(one("P1 mmap buf /dev/zero 1 rw private noreserve")).toMatchObject({ noreserve: true });
    const f = "file /data/f 16\n";
    expect(one(`${f}P1 mmap buf /data/f 4 rx shared offset=12 noreserve`)).toEqual({
      ...base,
      source: "/data/f",
      pages: 4,
      prot: { r: true, w: false, x: true },
      shared: true,
      offset: 12,
      noreserve: true,
    });
    expect(one(`${f}P1 mmap buf /data/f 4 r private noreserve offset=0`)).toMatchObject({
      offset: 0,
      noreserve: true,
    });
    expect(one(`${f}P1 mmap buf /data/f 16 r private offset=0`)).toMatchObject({ pages: 16 });
    expect(one(`${f}P1 mmap buf /data/f 8k r private offset=8k`)).toMatchObject({ pages: 2, offset: 2 });
    expect(one("P1 mmap big /dev/zero 16777216 rw private")).toMatchObject({ pages: LIMITS.segmentPages });
  });

  it("takes offset=N on /dev/zero and anon too (scenario-format.md §1), as offset 0: mmap ignores it there", () => {
    // the /dev/zero driver hands segvn_create offset 0 whatever mmap's offset was
    expect(one("P1 mmap m /dev/zero 4 rw private offset=1")).toMatchObject({
      source: "/dev/zero",
      offset: 0,
    });
    expect(one("P1 mmap m anon 4 rw shared noreserve offset=0")).toMatchObject({ source: "anon", offset: 0 });
    expect(one("P1 mmap m anon 4 rw private offset=8k")).toMatchObject({ offset: 0 });
    // past the end of the file is a valid mapping (mmap(2) allows it; a touch there gets SIGBUS)
    expect(one("file /f 8\nP1 mmap m /f 4 rw shared offset=6")).toMatchObject({ pages: 4, offset: 6 });
    expect(one("file /f 1\nP1 mmap m /f 2 rw private offset=9")).toMatchObject({ pages: 2, offset: 9 });
    expect(err("P1 mmap m anon 4 rw private offset=-1").message).toMatch(/cannot be negative/);
    expect(err("P1 mmap m anon 4 rw private offset=1 offset=1").message).toBe("offset= is given twice");
  });

  it("accepts every PROT written r, w, x in that order, and none", () => {
    const cases: [string, { r: boolean; w: boolean; x: boolean }][] = [
      ["r", R],
      ["w", { r: false, w: true, x: false }],
      ["x", { r: false, w: false, x: true }],
      ["rw", RW],
      ["rx", { r: true, w: false, x: true }],
      ["wx", { r: false, w: true, x: true }],
      ["rwx", { r: true, w: true, x: true }],
      ["none", NONE],
    ];
    for (const [p, prot] of cases) {
      expect(one(`P1 mmap b anon 1 ${p} private`)).toMatchObject({ prot });
      expect(one(`P1 mprotect b ${p}`)).toEqual({ op: "mprotect", proc: "P1", seg: "b", prot, range: null });
      expect(protString(prot)).toBe(p);
    }
  });

  it("parses munmap, mprotect, read, write, pageout with pages and ranges, negative too", () => {
    expect(one("P1 munmap buf")).toEqual({ op: "munmap", proc: "P1", seg: "buf", range: null });
    expect(one("P1 munmap buf 2-5")).toEqual({
      op: "munmap",
      proc: "P1",
      seg: "buf",
      range: { from: 2, to: 5 },
    });
    expect(one("P1 munmap buf 3")).toEqual({
      op: "munmap",
      proc: "P1",
      seg: "buf",
      range: { from: 3, to: 3 },
    });
    expect(one("P1 mprotect buf r 0-1")).toEqual({
      op: "mprotect",
      proc: "P1",
      seg: "buf",
      prot: R,
      range: { from: 0, to: 1 },
    });
    expect(one("P1 read buf 0")).toEqual({ op: "read", proc: "P1", seg: "buf", range: { from: 0, to: 0 } });
    expect(one("P1 write buf 0-3")).toEqual({
      op: "write",
      proc: "P1",
      seg: "buf",
      range: { from: 0, to: 3 },
    });
    expect(one("P1 write stack -3")).toEqual({
      op: "write",
      proc: "P1",
      seg: "stack",
      range: { from: -3, to: -3 },
    });
    expect(one("P1 read stack -5--1")).toMatchObject({ range: { from: -5, to: -1 } });
    expect(one("P1 read stack -2-2")).toMatchObject({ range: { from: -2, to: 2 } });
    expect(one("P1 read stack -0")).toMatchObject({ range: { from: 0, to: 0 } });
    expect(Object.is((one("P1 read stack -0-0") as { range: { from: number } }).range.from, 0)).toBe(true);
    expect(one("P1 read buf 007")).toMatchObject({ range: { from: 7, to: 7 } });
    expect(one("P1 read buf 0-4194303")).toMatchObject({ range: { from: 0, to: LIMITS.touchPages - 1 } });
    expect(one("pageout P1 buf 0-2")).toEqual({
      op: "pageout",
      proc: "P1",
      seg: "buf",
      range: { from: 0, to: 2 },
      reuse: false,
    });
    expect(one("pageout P1 buf 5 reuse")).toEqual({
      op: "pageout",
      proc: "P1",
      seg: "buf",
      range: { from: 5, to: 5 },
      reuse: true,
    });
  });

  it("parses fork, exit, sbrk and stack", () => {
    expect(one("P1 fork P2")).toEqual({ op: "fork", proc: "P1", child: "P2" });
    expect(one("P1 exit")).toEqual({ op: "exit", proc: "P1" });
    expect(one("P1 sbrk 3")).toEqual({ op: "sbrk", proc: "P1", pages: 3 });
    expect(one("P1 sbrk 8k")).toEqual({ op: "sbrk", proc: "P1", pages: 2 });
    expect(one("P1 stack 1")).toEqual({ op: "stack", proc: "P1", pages: 1 });
    expect(one("P1 stack 64g")).toEqual({ op: "stack", proc: "P1", pages: LIMITS.segmentPages });
    expect(one("machine arch=sparc\nP1 stack 16k")).toEqual({ op: "stack", proc: "P1", pages: 2 });
  });

  it("allows keywords and verbs as segment names, and verbs as process names", () => {
    expect(one("P1 read file 0")).toMatchObject({ seg: "file" });
    expect(one("P1 read spawn 0")).toMatchObject({ seg: "spawn" });
    expect(one("exit exit")).toEqual({ op: "exit", proc: "exit" });
    expect(one("read read read 1")).toEqual({
      op: "read",
      proc: "read",
      seg: "read",
      range: { from: 1, to: 1 },
    });
  });

  it("records where each statement is, without its comment", () => {
    const s = ok("machine arch=x86\n\n  spawn\tP1   # the first\r\n\tP1  exit#bye\n");
    expect(s.steps.map((st) => st.where)).toEqual([
      { line: 3, text: "spawn\tP1" },
      { line: 4, text: "P1  exit" },
    ]);
  });

  it("ignores a byte-order mark at the start", () => {
    expect(ops(ok("\ufeffspawn P1"))).toEqual([{ op: "spawn", proc: "P1", empty: false }]);
    expect(ok("\ufeffmachine arch=sparc").machine.arch).toBe("sparc");
  });

  it("accepts unicode in comments", () => {
    expect(ops(ok("# ünïcödé 🐱 \u0000\u202e\nspawn P1 # ✓"))).toHaveLength(1);
  });

  it("accepts exactly LIMITS.steps operations and exactly LIMITS.scenarioChars characters", () => {
    const steps = "P1 exit\n".repeat(LIMITS.steps);
    expect(ok(steps).steps).toHaveLength(LIMITS.steps);
    const pad = "#".repeat(LIMITS.scenarioChars - "spawn P1\n".length);
    expect(ok(`spawn P1\n${pad}`).steps).toHaveLength(1);
  });

  it("numbers steps' lines correctly with CR LF and lone CR", () => {
    const s = ok("spawn P1\r\n\r\nP1 exit\r\n");
    expect(s.steps.map((st) => st.where.line)).toEqual([1, 3]);
  });
});

describe("bad input", () => {
  const cases: [string, number, number, string][] = [
    // [text, line, column, message fragment]
    // machine
    ["machine arch=arm", 1, 9, 'expected arch=x86 or arch=sparc, got "arch=arm"'],
    ["machine arch=X86", 1, 9, "expected arch=x86 or arch=sparc"],
    ["spawn P1\nmachine arch=x86", 2, 1, '"machine" line must come before the first operation'],
    ["spawn P1\n  file /a 1", 2, 3, '"file" line must come before the first operation'],
    ["machine\nmachine", 2, 1, 'only one "machine" line is allowed (the first is line 1)'],
    ["machine ram=0", 1, 9, 'ram must be at least 1 page, got "0"'],
    ["machine ram=16777217", 1, 9, "LIMITS.machinePages"],
    ["machine swap=17g", 1, 9, "more than the limit of 4194304 pages (LIMITS.machinePages)"],
    ["machine foo=1", 1, 9, 'expected arch=x86|sparc, ram=SIZE or swap=SIZE, got "foo=1"'],
    ["machine ram", 1, 9, "expected arch=x86|sparc, ram=SIZE or swap=SIZE"],
    ["machine ram=16 ram=32", 1, 16, "ram= is given twice"],
    ["machine arch=x86 arch=sparc", 1, 18, "arch= is given twice"],
    ["machine ram=", 1, 9, "expected ram=SIZE"],
    ["machine ram=12k arch=sparc", 1, 9, "12k is not a whole number of 8192-byte pages"],
    ["machine arch=sparc swap=1g ram=1mb", 1, 28, 'unknown unit "mb"'],
    ["machine arch=sparc swap=1g ram=1m2", 1, 28, "a SIZE is a number of pages"],
    // file
    ["file data 4", 1, 6, "expected an absolute PATH (starting with /)"],
    ["file anon 4", 1, 6, '"anon" is MAP_ANON memory, not a file'],
    ["file /dev/zero 4", 1, 6, "/dev/zero is built in and cannot be declared"],
    ["file /a 4\nfile /a 8", 2, 6, "file /a is already declared on line 1"],
    ["file /a/ 4", 1, 6, "directory"],
    ["file / 4", 1, 6, "directory"],
    ["file /a//b 4", 1, 6, "empty component"],
    ["file /a/../dev/zero 4", 1, 6, ". or .."],
    ["file /a/./b 4", 1, 6, ". or .."],
    ["file /a\u0001b 4", 1, 6, "control"],
    ["file", 1, 5, "expected PATH (file PATH SIZE)"],
    ["file /a", 1, 8, "expected SIZE"],
    ["file /a # no size", 1, 8, "expected SIZE"],
    ["file /a 0", 1, 9, "SIZE must be at least 1 page"],
    ["file /a 16777217", 1, 9, "LIMITS.segmentPages"],
    ["file /a 4 extra", 1, 11, 'unexpected "extra" after the end of the statement'],
    ["file /a 4k\nmachine arch=sparc", 1, 9, "4k is not a whole number of 8192-byte pages"],
    ["machine arch=sparc\nfile /a 4k", 2, 9, "4k is not a whole number of 8192-byte pages"],
    // SIZE syntax
    ["P1 sbrk +5", 1, 9, "without a sign"],
    ["P1 sbrk -5", 1, 9, "cannot be negative"],
    ["P1 sbrk 0x10", 1, 9, "decimal (no hex)"],
    ["P1 sbrk 1.5", 1, 9, "no decimal point"],
    ["P1 sbrk 1.5m", 1, 9, "no decimal point"],
    ["P1 sbrk 1234567890123456", 1, 9, "at most 15 digits"],
    ["P1 sbrk 8kb", 1, 9, 'unknown unit "kb"'],
    ["P1 sbrk lots", 1, 9, 'expected SIZE, got "lots"'],
    ["P1 sbrk k", 1, 9, "expected SIZE"],
    ["P1 sbrk 0", 1, 9, "SIZE must be at least 1 page"],
    ["P1 sbrk 2k", 1, 9, "2k is not a whole number of 4096-byte pages"],
    ["P1 stack 16777217", 1, 10, "LIMITS.segmentPages"],
    ["P1 stack 65g", 1, 10, "LIMITS.segmentPages"],
    ["P1 sbrk", 1, 8, "expected SIZE (P sbrk SIZE)"],
    ["P1 sbrk 1 2", 1, 11, 'unexpected "2"'],
    // mmap
    [
      "spawn P1\nP1 mmap m /data/g 4 r private",
      2,
      11,
      'unknown file /data/g: declare it with "file /data/g SIZE" before the first operation',
    ],
    ["P1 mmap m dev/zero 4 r private", 1, 11, "expected SOURCE (/dev/zero, anon or a declared file path)"],
    ["P1 mmap m /dev/zero 4 rwz private", 1, 23, 'expected PROT (r, rw, rx, rwx or none), got "rwz"'],
    ["P1 mmap m /dev/zero 4 wr private", 1, 23, "expected PROT"],
    ["P1 mmap m /dev/zero 4 rr private", 1, 23, "expected PROT"],
    ["P1 mmap m /dev/zero 4 RW private", 1, 23, "expected PROT"],
    ["P1 mmap m /dev/zero 4 rw privat", 1, 26, 'expected SHARE (private or shared), got "privat"'],
    ["P1 mmap m anon 4 rw shared offset=x", 1, 28, 'expected offset=N (pages into the file), got "offset=x"'],
    ["file /f 8\nP1 mmap m /f 4 rw shared offset=1 offset=2", 2, 35, "offset= is given twice"],
    ["P1 mmap m anon 4 rw shared noreserve noreserve", 1, 38, "noreserve is given twice"],
    ["P1 mmap m anon 4 rw shared reserve", 1, 28, 'expected offset=N or noreserve, got "reserve"'],
    ["file /f 8\nP1 mmap m /f 4 rw shared offset=", 2, 26, "expected offset=N"],
    ["file /f 8\nP1 mmap m /f 4 rw shared offset=-1", 2, 26, "cannot be negative"],
    ["file /f 8\nP1 mmap m /f 4 rw shared offset=1k", 2, 26, "1k is not a whole number"],
    ["P1 mmap m anon 16777217 rw shared", 1, 16, "LIMITS.segmentPages"],
    ["P1 mmap m anon 0 rw shared", 1, 16, "at least 1 page"],
    [
      "P1 mmap",
      1,
      8,
      "expected a segment name SEG (P mmap SEG SOURCE SIZE PROT SHARE [offset=N] [noreserve])",
    ],
    ["P1 mmap m", 1, 10, "expected SOURCE"],
    ["P1 mmap m anon", 1, 15, "expected SIZE"],
    ["P1 mmap m anon 4", 1, 17, "expected PROT"],
    ["P1 mmap m anon 4 rw", 1, 20, "expected SHARE"],
    ["P1 mmap m anon 4 rw   # comment", 1, 20, "expected SHARE"],
    ["P1 mmap 9m anon 4 rw shared", 1, 9, 'expected a segment name, got "9m"'],
    // ranges
    ["P1 read buf 5-3", 1, 13, "range 5-3 runs backwards"],
    ["P1 read buf -1--3", 1, 13, "runs backwards"],
    ["P1 read buf x", 1, 13, 'expected a page A or range A-B, got "x"'],
    ["P1 read buf 3-", 1, 13, "expected a page A or range A-B"],
    ["P1 read buf +3", 1, 13, "without a sign"],
    ["P1 read buf 1-+3", 1, 13, "without a sign"],
    ["P1 read buf 1.5", 1, 13, "no decimal point"],
    ["P1 read buf 0x1", 1, 13, "no hex"],
    ["P1 read buf 1234567890123456", 1, 13, "at most 15 digits"],
    ["P1 read buf 0-4194304", 1, 13, "spans 4194305 pages; the limit is 4194304 (LIMITS.touchPages)"],
    ["pageout P1 buf -4194304-0", 1, 16, "LIMITS.touchPages"],
    ["P1 munmap buf 0-16777216", 1, 15, "LIMITS.segmentPages"],
    ["P1 read buf", 1, 12, "expected a page A or range A-B (P read SEG A[-B])"],
    ["P1 write buf 0 1", 1, 16, 'unexpected "1"'],
    ["P1 munmap buf 0-1 2", 1, 19, 'unexpected "2"'],
    ["P1 mprotect buf rw 0-1 x", 1, 24, 'unexpected "x"'],
    ["P1 mprotect buf", 1, 16, "expected PROT"],
    ["P1 mprotect buf 0-3", 1, 17, "expected PROT"],
    ["pageout P1 buf", 1, 15, "expected a page A or range A-B (pageout P SEG A[-B] [reuse])"],
    ["pageout P1 buf 0 again", 1, 18, 'expected "reuse" or the end of the line, got "again"'],
    ["pageout P1 buf 0 reuse reuse", 1, 24, "(pageout P SEG A[-B] [reuse])"],
    ["pageout P1", 1, 11, "expected a segment name SEG"],
    ["pageout", 1, 8, "expected a process name P"],
    ["pageout 1x buf 0", 1, 9, "expected a process name"],
    ["pageout spawn buf 0", 1, 9, '"spawn" is a keyword and cannot name a process'],
    // names and verbs
    ["spawn", 1, 6, "expected a process name P (spawn P [empty])"],
    ["spawn 1P", 1, 7, 'expected a process name, got "1P"'],
    ["spawn P-1", 1, 7, "a name is a letter followed by letters, digits or _"],
    ["spawn spawn", 1, 7, '"spawn" is a keyword and cannot name a process'],
    ["spawn file", 1, 7, '"file" is a keyword'],
    ["spawn machine", 1, 7, '"machine" is a keyword'],
    ["spawn pageout", 1, 7, '"pageout" is a keyword'],
    ["P1 fork pageout", 1, 9, '"pageout" is a keyword'],
    ["P1 fork", 1, 8, "expected a child process name Q (P fork Q)"],
    ["P1 fork P2 P3", 1, 12, 'unexpected "P3"'],
    [`spawn A${"b".repeat(32)}`, 1, 7, "names are at most 32 characters"],
    [`P1 read A${"b".repeat(32)} 0`, 1, 9, "names are at most 32 characters"],
    ["spawn P1 full", 1, 10, 'expected "empty" or the end of the line, got "full"'],
    ["spawn P1 empty empty", 1, 16, 'unexpected "empty"'],
    [
      "P1 mmapp buf",
      1,
      4,
      'unknown verb "mmapp": expected mmap, munmap, mprotect, read, write, fork, exit, sbrk or stack',
    ],
    ["P1 Exit", 1, 4, 'unknown verb "Exit"'],
    ["P1", 1, 3, "expected a verb after P1: mmap, munmap"],
    ["  P1   # nothing", 1, 5, "expected a verb after P1"],
    ["P1 exit now", 1, 9, 'unexpected "now" after the end of the statement (P exit)'],
    [
      "123 read buf 0",
      1,
      1,
      'expected an operation (spawn, pageout, or a process name and a verb), got "123"',
    ],
    ["Spawn P1", 1, 7, 'unknown verb "P1"'],
    ["  \t P1 frob", 1, 8, 'unknown verb "frob"'],
    ["spawn P1\n\n\nP1 frob", 4, 4, "unknown verb"],
    ["P1 exit\r\nP1 frob\r\n", 2, 4, 'unknown verb "frob"'],
    ["P1 exit\rP1 exit", 1, 4, 'unknown verb "exit\\rP1"'],
    ["P1 \u0007bell", 1, 4, 'unknown verb "\\u0007bell"'],
    ["P1 e\u202exit", 1, 4, 'unknown verb "e\\u202exit"'],
    ["spawn P\u00a01", 1, 7, "expected a process name"],
    ["\ufeff\ufeffspawn P1", 1, 2, "expected an operation"],
  ];
  for (const [text, line, column, fragment] of cases) {
    it(`rejects ${JSON.stringify(text).slice(0, 70)}`, () => {
      const e = err(text);
      expect({ line: e.line, column: e.column }).toEqual({ line, column });
      expect(e.message).toContain(fragment);
      checkResult(text);
    });
  }

  it("rejects text longer than LIMITS.scenarioChars at line 1, column 1", () => {
    const text = `spawn P1\n${"#".repeat(LIMITS.scenarioChars)}`;
    const e = err(text);
    expect(e).toMatchObject({ line: 1, column: 1 });
    expect(e.message).toContain("LIMITS.scenarioChars");
    expect(e.message).toContain(String(LIMITS.scenarioChars));
  });

  it("rejects the first step past LIMITS.steps", () => {
    const text = `machine\n${"P1 exit\n".repeat(LIMITS.steps)}  P1 exit\nP1 frob`;
    const e = err(text);
    expect(e).toMatchObject({ line: LIMITS.steps + 2, column: 3 });
    expect(e.message).toContain("LIMITS.steps");
  });

  it("rejects the first file past LIMITS.files", () => {
    const files = Array.from({ length: LIMITS.files + 1 }, (_, i) => `file /f${i} 1`).join("\n");
    const e = err(files);
    expect(e).toMatchObject({ line: LIMITS.files + 1, column: 1 });
    expect(e.message).toContain("LIMITS.files");
    expect(ok(files.split("\n").slice(0, LIMITS.files).join("\n")).files).toHaveLength(LIMITS.files);
  });

  it("reports the first error when there are several", () => {
    expect(err("P1 frob\nP1 zap")).toMatchObject({ line: 1, column: 4 });
  });

  it("escapes and truncates the offending token in messages", () => {
    const long = `z${"\u0000".repeat(100)}`;
    const e = err(`P1 ${long}`);
    expect(e.message).toContain('"z\\u0000\\u0000');
    expect(e.message).toContain("…");
    expect(e.message).not.toMatch(RAW_UNSAFE);
    expect(e.message.length).toBeLessThan(400);
    const surrogate = err("P1 \ud800x");
    expect(surrogate.message).toContain('"\\ud800x"');
    const half = err(`P1 ${"a".repeat(39)}🐱`); // the cut would split the pair
    expect(half.message).not.toMatch(LONE_SURROGATE);
    const q = err('P1 "quoted\\"');
    expect(q.message).toContain('"\\"quoted\\\\\\""');
  });

  it("formats errors as line N, column M: message", () => {
    expect(formatParseError({ line: 3, column: 7, message: "expected X" })).toBe(
      "line 3, column 7: expected X",
    );
    expect(formatParseError(err("P1 frob"))).toMatch(/^line 1, column 4: unknown verb "frob"/);
  });
});

describe("escapeText", () => {
  it("escapes what must not be shown raw and cuts long text", () => {
    expect(escapeText("plain /data/f")).toBe("plain /data/f");
    expect(escapeText('a"b\\c\n\r\t\u0000\u007f\u0085\u202e\ufeff')).toBe(
      'a\\"b\\\\c\\n\\r\\t\\u0000\\u007f\\u0085\\u202e\\ufeff',
    );
    expect(escapeText("\udc00\ud800x\ud83d\ude00")).toBe("\\udc00\\ud800x\ud83d\ude00");
    expect(escapeText("x".repeat(41))).toBe(`${"x".repeat(40)}…`);
    expect(escapeText("x".repeat(40))).toBe("x".repeat(40));
    expect(escapeText(`${"x".repeat(39)}\ud83d\ude00`)).toBe(`${"x".repeat(39)}…`);
    expect(escapeText("abc", 2)).toBe("ab…");
  });

  it("never lets an unsafe character through", () => {
    fc.assert(
      fc.property(codeUnitString, (s) => {
        const e = escapeText(s, 1000);
        expect(e).not.toMatch(RAW_UNSAFE);
        expect(e).not.toMatch(LONE_SURROGATE);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("sizeToPages", () => {
  it("converts sizes as the language does", () => {
    expect(sizeToPages("16")).toEqual({ ok: true, pages: 16 });
    expect(sizeToPages("8k")).toEqual({ ok: true, pages: 2 });
    expect(sizeToPages("8K", "sparc")).toEqual({ ok: true, pages: 1 });
    expect(sizeToPages("1g", "sparc")).toEqual({ ok: true, pages: 131072 });
    expect(sizeToPages("4k", "sparc")).toMatchObject({
      ok: false,
      message: "4k is not a whole number of 8192-byte pages",
    });
    expect(sizeToPages("0")).toMatchObject({ ok: false });
    expect(sizeToPages("+1")).toMatchObject({ ok: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Arbitrary UTF-16 code units, lone surrogates included. */
const codeUnitString = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
  .map((a) => String.fromCharCode(...a));

/** Strings from the language's own alphabet: they reach deep into the parser. */
const WORDS = [
  "spawn", "pageout", "machine", "file", "empty", "P1", "P2", "buf", "stack", "heap", "mmap", "munmap",
  "mprotect", "read", "write", "fork", "exit", "sbrk", "/dev/zero", "anon", "/data/f", "/data/g", "4",
  "0", "-3", "0-3", "-5--1", "5-3", "8k", "1m", "64m", "1g", "2k", "r", "rw", "rx", "rwx", "none", "wr",
  "private", "shared", "offset=0", "offset=2", "offset=9", "noreserve", "arch=x86", "arch=sparc",
  "ram=1000", "ram=8", "swap=1000", "swap=4m", "#", "#=", "\r", "+1", "0x1", "1.5", "ü", "\u0000",
  "4194304", "16777217", "-",
]; // prettier-ignore
const languageSoup = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 3, arbitrary: fc.constantFrom(" ", " ", "\t", "\n", "\n", "\r\n") },
      { weight: 1, arbitrary: fc.string({ maxLength: 3, unit: "binary-ascii" }) },
    ),
    { maxLength: 60 },
  )
  .map((a) => a.join(""));

type Mutation =
  | { kind: "insert"; at: number; s: string }
  | { kind: "replace"; at: number; s: string }
  | { kind: "delete"; at: number; n: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    s: fc.string({ maxLength: 4, unit: "binary" }),
  }),
  fc.record({
    kind: fc.constant("replace" as const),
    at: fc.nat(),
    s: fc.string({ maxLength: 2, unit: "binary" }),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 6 }) }),
);
function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.kind === "insert") t = t.slice(0, at) + m.s + t.slice(at);
    else if (m.kind === "replace") t = t.slice(0, at) + m.s + t.slice(at + m.s.length);
    else t = t.slice(0, at) + t.slice(at + m.n);
  }
  return t;
}

describe("properties", () => {
  it("never throws and keeps its invariants on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary-ascii" }), (s) => checkResult(s)),
      {
        numRuns: 5000,
      },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (s) => checkResult(s)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "grapheme" }), (s) => checkResult(s)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(codeUnitString, (s) => checkResult(s)),
      { numRuns: 2000 },
    );
  });

  it("never throws and keeps its invariants on soups of the language's own words", () => {
    fc.assert(
      fc.property(languageSoup, (s) => checkResult(s)),
      { numRuns: 5000 },
    );
  });

  it("never throws and keeps its invariants on mutated oracle scenarios", () => {
    const texts = oracleTexts.map(([, t]) => t);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 5 }), (t, ms) =>
        checkResult(mutate(t, ms)),
      ),
      { numRuns: 4000 },
    );
  });

  it("reads back exactly what a printer writes (random well-formed scenarios)", () => {
    const name = fc
      .stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,31}$/)
      .filter((n) => !["spawn", "pageout", "machine", "file"].includes(n));
    const prot = fc.record({ r: fc.boolean(), w: fc.boolean(), x: fc.boolean() });
    const page = fc.integer({ min: -1000, max: 1000 });
    const range = fc.tuple(page, fc.nat(1000)).map(([from, n]) => ({ from, to: from + n }));
    const rangeText = (r: { from: number; to: number }): string =>
      r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
    const pages = fc.integer({ min: 1, max: 4096 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant("spawn" as const), proc: name, empty: fc.boolean() }),
      fc
        .record({
          op: fc.constant("mmap" as const),
          proc: name,
          seg: name,
          source: fc.constantFrom("/dev/zero", "anon", "/data/f"),
          pages: fc.integer({ min: 1, max: 64 }),
          prot,
          shared: fc.boolean(),
          offset: fc.integer({ min: 0, max: 64 }),
          noreserve: fc.boolean(),
        })
        .map((m) => ({ ...m, offset: m.source === "/data/f" ? m.offset : 0 })),
      fc.record({ op: fc.constant("munmap" as const), proc: name, seg: name, range: fc.option(range) }),
      fc.record({
        op: fc.constant("mprotect" as const),
        proc: name,
        seg: name,
        prot,
        range: fc.option(range),
      }),
      fc.record({ op: fc.constantFrom("read" as const, "write" as const), proc: name, seg: name, range }),
      fc.record({ op: fc.constant("fork" as const), proc: name, child: name }),
      fc.record({ op: fc.constant("exit" as const), proc: name }),
      fc.record({ op: fc.constantFrom("sbrk" as const, "stack" as const), proc: name, pages }),
      fc.record({ op: fc.constant("pageout" as const), proc: name, seg: name, range, reuse: fc.boolean() }),
    );
    const print = (o: Op): string => {
      switch (o.op) {
        case "spawn":
          return `spawn ${o.proc}${o.empty ? " empty" : ""}`;
        case "mmap": {
          const opts = [o.offset ? `offset=${o.offset}` : "", o.noreserve ? "noreserve" : ""].filter(Boolean);
          const share = o.shared ? "shared" : "private";
          return [o.proc, "mmap", o.seg, o.source, o.pages, protString(o.prot), share, ...opts].join(" ");
        }
        case "munmap":
          return `${o.proc} munmap ${o.seg}${o.range ? ` ${rangeText(o.range)}` : ""}`;
        case "mprotect":
          return `${o.proc} mprotect ${o.seg} ${protString(o.prot)}${o.range ? ` ${rangeText(o.range)}` : ""}`;
        case "read":
        case "write":
          return `${o.proc} ${o.op} ${o.seg} ${rangeText(o.range)}`;
        case "fork":
          return `${o.proc} fork ${o.child}`;
        case "exit":
          return `${o.proc} exit`;
        case "sbrk":
        case "stack":
          return `${o.proc} ${o.op} ${o.pages}`;
        case "pageout":
          return `pageout ${o.proc} ${o.seg} ${rangeText(o.range)}${o.reuse ? " reuse" : ""}`;
      }
    };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), fc.constantFrom("\n", "\r\n"), (list, eol) => {
        const text = ["machine arch=sparc ram=16m", "file /data/f 128", ...list.map(print)].join(eol);
        const s = ok(text);
        expect(ops(s)).toEqual(list);
        expect(s.steps.map((st: Statement) => st.where)).toEqual(
          list.map((o, i) => ({ line: i + 3, text: print(o) })),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("is linear: the largest hostile inputs parse quickly", () => {
    const n = LIMITS.scenarioChars;
    const inputs = [
      "a".repeat(n),
      "P1 read buf ".padEnd(n, "9"),
      "#".repeat(n),
      "\n".repeat(n),
      "\r\n".repeat(n / 2),
      " ".repeat(n),
      "P1 mmap b anon 1 rw private".padEnd(n, " x"),
      "a ".repeat(n / 2),
      "P1 read b -".padEnd(n, "-"),
      "P1 read b 1".padEnd(n, "-1"),
      "P1 sbrk 1".padEnd(n, ".5"),
      "file /".padEnd(n, "a/"),
      "file /".padEnd(n, "./"),
      "machine ".padEnd(n, "ram=1 "),
      "P1 exit\n".repeat(n / 8),
      "\u0000".repeat(n),
      "\ud800".repeat(n),
    ];
    for (const text of inputs) {
      const t0 = performance.now();
      checkResult(text);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });
});

describe("the scenario-wide touch budget", () => {
  it("refuses a scenario that touches more than LIMITS.touchTotal pages in all, at the line that passes it", () => {
    const line = "P1 write big 0-4194303";
    const text = ["spawn P1", ...Array.from({ length: 5 }, () => line)].join("\n");
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.line).toBe(6);
      expect(r.error.message).toContain("LIMITS.touchTotal");
    }
  });
});
