import { protString, type Statement } from "../../contract/ast";

// The statement as the questions read it: a flat view of the parser's typed statement (which
// every step carries), with the protection and sharing spelled as a student reads them.

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

/** The questions' view of a step's statement: no second parser, only the typed one, flattened. */
export function stmtOf(s: Statement): Stmt {
  const { proc } = s;
  switch (s.op) {
    case "spawn":
    case "exit":
      return { op: s.op, proc };
    case "mmap":
      return {
        op: s.op,
        proc,
        seg: s.seg,
        source: s.source,
        prot: protString(s.prot),
        share: s.shared ? "shared" : "private",
        noreserve: s.noreserve,
        pages: s.pages,
      };
    case "munmap":
      return s.range ? { op: s.op, proc, seg: s.seg, range: s.range } : { op: s.op, proc, seg: s.seg };
    case "mprotect": {
      const st: Stmt = { op: s.op, proc, seg: s.seg, prot: protString(s.prot) };
      return s.range ? { ...st, range: s.range } : st;
    }
    case "read":
    case "write":
    case "pageout":
      return { op: s.op, proc, seg: s.seg, range: s.range };
    case "fork":
      return { op: s.op, proc, child: s.child };
    case "sbrk":
    case "stack":
      return { op: s.op, proc, pages: s.pages };
  }
}
