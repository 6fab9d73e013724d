import type { Arch, FileDecl } from "../contract/ast";
import { LIMITS, PAGE_SIZE } from "../contract/limits";
import { Cursor, fail, filePath, lexSizeAt, pagesAt, SEGMENT_SIZE } from "./cursor";
import { type LexedLine, type RawSize, type Token, escapeText, quote } from "./lex";

/**
 * The header lines of a scenario, `machine` and `file` (docs/scenario-format.md §1). They are
 * their own file because they are read before any operation and decide what every operation
 * after them means: the page size (and so what a SIZE is in pages) and which files exist.
 */

const USAGE = {
  machine: "machine [arch=x86|sparc] [ram=SIZE] [swap=SIZE]",
  file: "file PATH SIZE",
} as const;

/** The spec sets no minimum; a swap device of 1 page is its label alone (no usable slot). */
const MIN_RAM_PAGES = 1;
const MIN_SWAP_PAGES = 0;

/** A `file` line whose SIZE waits for the machine's page size. */
interface PendingFile {
  readonly line: LexedLine;
  readonly path: string;
  readonly sizeTok: Token;
  readonly size: RawSize;
}

/** What the header lines have declared so far. */
export class Headers {
  arch: Arch = "x86";
  ramPages: number | undefined;
  swapPages: number | undefined;
  private machineLine = 0;
  private readonly pending = new Map<string, PendingFile>();
  /** the declared files, once closed: sizes in pages */
  readonly files = new Map<string, FileDecl>();

  get pageSize(): number {
    return PAGE_SIZE[this.arch];
  }

  /** `machine [arch=] [ram=] [swap=]`: at most one, each key at most once. */
  machine(line: LexedLine, head: Token): void {
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

  /** `file PATH SIZE`: its SIZE is held until close(), when the page size is known. */
  file(line: LexedLine, head: Token): void {
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
  close(): void {
    for (const f of this.pending.values()) {
      const pages = pagesAt(f.line, f.sizeTok, f.size, this.pageSize, SEGMENT_SIZE);
      this.files.set(f.path, { path: f.path, pages });
    }
    this.pending.clear();
  }
}
