import { sizeToPages } from "../../scenarios/lex";

// The statement, read back from the step's text (the parser has checked it already).

export interface Range {
  from: number;
  to: number;
}

export interface Stmt {
  op: string;
  proc: string;
  seg?: string;
  range?: Range;
  child?: string;
  /** mmap, sbrk, stack: size in pages */
  pages?: number;
  source?: string;
  prot?: string;
  share?: string;
  noreserve?: boolean;
}

export function parseRange(s: string | undefined): Range | undefined {
  if (s === undefined) return undefined;
  const m = /^(-?\d+)(?:-(-?\d+))?$/.exec(s);
  if (!m) return undefined;
  const from = Number(m[1]);
  return { from, to: m[2] === undefined ? from : Number(m[2]) };
}

export function sizeOf(s: string | undefined, arch: string): number | undefined {
  if (s === undefined) return undefined;
  const r = sizeToPages(s, arch === "sparc" ? "sparc" : "x86");
  return r.ok ? r.pages : undefined;
}

export function withRange(st: Stmt, r: Range | undefined): Stmt {
  return r ? { ...st, range: r } : st;
}

export function withPages(st: Stmt, n: number | undefined): Stmt {
  return n === undefined ? st : { ...st, pages: n };
}

export function parseStmt(text: string, arch: string): Stmt {
  const t = text.trim().split(/\s+/);
  const at = (i: number): string => t[i] ?? "";
  if (at(0) === "spawn") return { op: "spawn", proc: at(1) };
  if (at(0) === "pageout") return withRange({ op: "pageout", proc: at(1), seg: at(2) }, parseRange(t[3]));
  const proc = at(0);
  const op = at(1);
  switch (op) {
    case "mmap":
      return withPages(
        {
          op,
          proc,
          seg: at(2),
          source: at(3),
          prot: at(5),
          share: at(6),
          noreserve: t.slice(7).includes("noreserve"),
        },
        sizeOf(t[4], arch),
      );
    case "munmap":
      return withRange({ op, proc, seg: at(2) }, parseRange(t[3]));
    case "mprotect":
      return withRange({ op, proc, seg: at(2), prot: at(3) }, parseRange(t[4]));
    case "read":
    case "write":
      return withRange({ op, proc, seg: at(2) }, parseRange(t[3]));
    case "fork":
      return { op, proc, child: at(2) };
    case "sbrk":
    case "stack":
      return withPages({ op, proc }, sizeOf(t[2], arch));
    default:
      return { op, proc };
  }
}
