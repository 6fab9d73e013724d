/**
 * Which mapping a walkthrough frame's Anon layer shows. The app shows the one the user picked;
 * a walkthrough has no user, so it follows the statement: the mapping a statement names (mmap,
 * write, pageout …; sbrk the heap, stack the stack), else the one shown before while some live
 * process still maps it (fork, exit, spawn keep the picture), else the first mapping with an
 * anon_map, as the app's own fallback (state/selectors.ts shownSeg).
 */
import type { Statement } from "../../contract/ast";
import type { ProcSnap, SegSnap, Snapshot } from "../../contract/wire/protocol";

export interface Mapping {
  readonly name: string;
  /** the piece's first page (a munmap in the middle leaves two pieces under one name) */
  readonly first: number;
}

const alive = (snap: Snapshot): ProcSnap[] => snap.procs.filter((p) => p.alive);

const refOf = (g: SegSnap): Mapping => ({ name: g.name, first: g.first });

function mapsIt(snap: Snapshot, m: Mapping): boolean {
  return alive(snap).some((p) => p.segs.some((g) => g.name === m.name && g.first === m.first));
}

/** The piece of `seg` in `proc` that holds `page` (the first piece without one). */
function pieceOf(snap: Snapshot, proc: string, seg: string, page: number | null): SegSnap | undefined {
  const p =
    alive(snap).find((q) => q.name === proc) ?? alive(snap).find((q) => q.segs.some((g) => g.name === seg));
  const pieces = p?.segs.filter((g) => g.name === seg) ?? [];
  return (page !== null && pieces.find((g) => page >= g.first && page < g.first + g.pages)) || pieces[0];
}

/** The segment a statement names, and the page it starts at. */
function named(s: Statement): { seg: string; page: number | null } | null {
  switch (s.op) {
    case "mmap":
      return { seg: s.seg, page: 0 };
    case "munmap":
    case "mprotect":
      return { seg: s.seg, page: s.range ? s.range.from : null };
    case "read":
    case "write":
    case "pageout":
      return { seg: s.seg, page: s.range.from };
    case "sbrk":
      return { seg: "heap", page: null };
    case "stack":
      return { seg: "stack", page: null };
    default:
      return null;
  }
}

export function chosenMapping(snap: Snapshot, s: Statement | null, before: Mapping | null): Mapping | null {
  const n = s ? named(s) : null;
  if (s && n) {
    // a munmap of a whole mapping leaves nothing to show under its name: fall through
    const g = pieceOf(snap, s.proc, n.seg, n.page);
    if (g) return refOf(g);
  }
  if (before && mapsIt(snap, before)) return before;
  const p = (s && alive(snap).find((q) => q.name === s.proc)) || alive(snap)[0];
  const g =
    p?.segs.find((x) => x.amp) ??
    p?.segs.find((x) => x.source === "/dev/zero" || x.source === "anon") ??
    p?.segs[0];
  return g ? refOf(g) : null;
}

/** Each live process with the mapping, and its piece, in creation order (state/selectors.ts rowsFor). */
export function rowsOf(snap: Snapshot, m: Mapping | null): { proc: ProcSnap; seg: SegSnap }[] {
  if (!m) return [];
  const out: { proc: ProcSnap; seg: SegSnap }[] = [];
  for (const p of alive(snap)) {
    const g = p.segs.find((x) => x.name === m.name && x.first === m.first);
    if (g) out.push({ proc: p, seg: g });
  }
  return out;
}
