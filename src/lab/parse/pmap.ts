/**
 * Reading real `pmap -x` output back, by the format rules of real-tool-output.md §2.1 (from
 * illumos pmap.c): a first line `<pid>:<TAB><psargs>`, the header (8-wide cells for a 32-bit
 * target, 11-wide for a 64-bit one; `Pgsz` with -s), one row per mapping, a dashed separator
 * and a `total Kb` line. Values are checked as the tool prints them (a lone `-` for zero,
 * addresses in upper-case hex of the target's width); a value wider than its cell pushes the
 * rest of the line right, so rows are read by words, not by columns.
 */

export interface Problem {
  /** 1-based line of the input */
  readonly line: number;
  /** 1-based column, when one place is at fault */
  readonly column?: number;
  readonly message: string;
}

export interface PmapRow {
  /** 16 upper-case hex digits (a 32-bit address is zero-padded) */
  readonly addr: string;
  readonly kbytes: number;
  readonly rss: number;
  readonly anon: number;
  readonly locked: number;
  /** the five mode letters, e.g. rw--- or rw-s- */
  readonly mode: string;
  /** the Mapped File column without its blanks: [ anon ], [ heap ], libc.so.1 */
  readonly mapped: string;
  readonly line: number;
}

export interface PmapBlock {
  readonly pid: number;
  readonly psargs: string;
  readonly bits: 32 | 64;
  readonly rows: readonly PmapRow[];
  readonly total: {
    readonly kbytes: number;
    readonly rss: number;
    readonly anon: number;
    readonly locked: number;
  } | null;
  /** things that are odd but readable (totals that do not add up, a cut-off listing) */
  readonly notes: readonly Problem[];
  /** 1-based line of the first line, and index just past the block's last line */
  readonly line: number;
  readonly end: number;
}

export type PmapResult =
  { readonly ok: true; readonly block: PmapBlock } | { readonly ok: false; readonly problem: Problem };

export const RE_PMAP_FIRST = /^(\d{1,10}):[\t ]+(.{0,200})$/;
const RE_CORE = /^core '.{0,200}' of \d{1,10}:/;
const HEAD_64 = /^ {9}Address {5}Kbytes {8}RSS {7}Anon {5}Locked (Pgsz )?Mode {3}Mapped File$/;
const HEAD_32 = /^ Address {2}Kbytes {5}RSS {4}Anon {2}Locked (Pgsz )?Mode {3}Mapped File$/;
const HEAD_LINUX = /^Address +Kbytes +RSS +Dirty +Mode +Mapping$/;
const SEP_64 = /^-{16}( -{10}){4}$/;
const SEP_32 = /^-{8}( -{7}){4}$/;
const MODE = /^[r-][w-][x-][s-][R-]\*?$/;
const PGSZ = /^(-|\d{1,4}[KMG])$/;

/** One cell: `-` for zero, else a decimal number (pmap never prints 0). */
function cell(word: string, line: number, column: number): number | Problem {
  if (word === "-") return 0;
  if (!/^\d{1,16}$/.test(word))
    return { line, column, message: `expected a size in KB or "-", got "${word.slice(0, 20)}"` };
  if (/^0+$/.test(word))
    return { line, column, message: 'pmap prints "-" for zero, not 0 (is this Linux pmap?)' };
  const v = Number(word);
  if (!Number.isSafeInteger(v))
    return { line, column, message: `${word.slice(0, 20)} is too large to be a size in KB` };
  return v;
}

const isProblem = (x: unknown): x is Problem => typeof x === "object" && x !== null && "message" in x;

/** The words of a line with their 1-based columns (blanks and tabs separate them). */
function words(s: string): { w: string; col: number }[] {
  const out: { w: string; col: number }[] = [];
  const re = /[^ \t]+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push({ w: m[0], col: m.index + 1 });
  return out;
}

function row(text: string, line: number, bits: 32 | 64, pgsz: boolean): PmapRow | Problem {
  const ws = words(text);
  const width = bits === 64 ? 16 : 8;
  const a = ws[0];
  if (!a || !new RegExp(`^[0-9A-F]{${width}}$`).test(a.w)) {
    return {
      line,
      column: a?.col ?? 1,
      message: `expected a ${bits}-bit address (${width} upper-case hex digits) at the start of the row`,
    };
  }
  const vals: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const c = ws[i];
    if (!c)
      return {
        line,
        column: text.length + 1,
        message: "the row ends early: expected Kbytes, RSS, Anon and Locked",
      };
    const v = cell(c.w, line, c.col);
    if (isProblem(v)) return v;
    vals.push(v);
  }
  let k = 5;
  if (pgsz) {
    const p = ws[k];
    if (!p || !PGSZ.test(p.w))
      return { line, column: p?.col ?? text.length + 1, message: "expected a page size (4K, 2M, or -)" };
    k++;
  }
  const m = ws[k];
  if (!m || !MODE.test(m.w)) {
    return {
      line,
      column: m?.col ?? text.length + 1,
      message: "expected the five mode letters (like rw--- or r-xs-)",
    };
  }
  const mapped = text.slice(m.col - 1 + m.w.length).trim();
  if (!mapped)
    return { line, column: text.length + 1, message: "expected the Mapped File column after the mode" };
  const [kbytes, rss, anon, locked] = vals as [number, number, number, number];
  return { addr: a.w.padStart(16, "0"), kbytes, rss, anon, locked, mode: m.w.slice(0, 5), mapped, line };
}

/**
 * Read the pmap -x block whose first line is lines[i]. Lines after its total line (or after its
 * last row, when the listing was cut) are not looked at.
 */
export function parsePmapBlock(lines: readonly string[], i: number): PmapResult {
  const first = lines[i] ?? "";
  const n = i + 1;
  if (RE_CORE.test(first))
    return {
      ok: false,
      problem: { line: n, message: "pmap -x does not work on core files: run it on a live process" },
    };
  const fm = RE_PMAP_FIRST.exec(first);
  if (!fm)
    return {
      ok: false,
      problem: { line: n, column: 1, message: 'expected pmap\'s first line, "<pid>:<TAB><command>"' },
    };
  const head = lines[i + 1] ?? "";
  if (HEAD_LINUX.test(head.trim())) {
    return {
      ok: false,
      problem: {
        line: n + 1,
        message: "this is Linux (procps) pmap, a different tool: the lab compares illumos pmap -x",
      },
    };
  }
  const h64 = HEAD_64.exec(head);
  const h32 = h64 ? null : HEAD_32.exec(head);
  if (!h64 && !h32) {
    return {
      ok: false,
      problem: {
        line: n + 1,
        column: 1,
        message: "expected pmap -x's header (Address, Kbytes, RSS, Anon, Locked, Mode, Mapped File)",
      },
    };
  }
  const bits = h64 ? 64 : 32;
  const pgsz = Boolean((h64 ?? h32)![1]);
  const rows: PmapRow[] = [];
  const notes: Problem[] = [];
  let j = i + 2;
  for (; j < lines.length; j++) {
    const t = lines[j]!;
    if ((bits === 64 ? SEP_64 : SEP_32).test(t) || /^ *total Kb/.test(t) || !/^[0-9A-Fa-f]/.test(t)) break;
    const r = row(t, j + 1, bits, pgsz);
    if (isProblem(r)) return { ok: false, problem: r };
    rows.push(r);
  }
  let total: PmapBlock["total"] = null;
  if (j < lines.length && (bits === 64 ? SEP_64 : SEP_32).test(lines[j]!)) {
    j++;
    const t = lines[j] ?? "";
    const tw = words(t);
    if (tw[0]?.w !== "total" || tw[1]?.w !== "Kb" || tw.length !== 6) {
      return {
        ok: false,
        problem: { line: j + 1, column: 1, message: 'expected the "total Kb" line after the dashes' },
      };
    }
    const v: number[] = [];
    for (let c = 2; c < 6; c++) {
      const x = cell(tw[c]!.w, j + 1, tw[c]!.col);
      if (isProblem(x)) return { ok: false, problem: x };
      v.push(x);
    }
    total = { kbytes: v[0]!, rss: v[1]!, anon: v[2]!, locked: v[3]! };
    const sum = (f: (r: PmapRow) => number): number => rows.reduce((s, r) => s + f(r), 0);
    if (
      sum((r) => r.kbytes) !== total.kbytes ||
      sum((r) => r.rss) !== total.rss ||
      sum((r) => r.anon) !== total.anon
    ) {
      notes.push({
        line: j + 1,
        message: "the totals are not the sums of the rows, which pmap always prints: was the output edited?",
      });
    }
    j++;
  } else notes.push({ line: j + 1, message: "the listing has no total line: it may have been cut" });
  return {
    ok: true,
    block: { pid: Number(fm[1]), psargs: fm[2]!, bits, rows, total, notes, line: n, end: j },
  };
}
