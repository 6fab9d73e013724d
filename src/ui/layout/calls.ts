/**
 * Who called whom among the events of one step, from each event's call depth (0: the outermost
 * call; the engine writes it, an event without one counts as 0), and the pages a folded
 * summary stands for. Pure, no DOM.
 */

export interface CallEvent {
  readonly fn: string;
  readonly say: string;
  readonly depth?: number;
}

const depthOf = (e: CallEvent | undefined): number => e?.depth ?? 0;

/**
 * The events that called event i, outermost first: its caller is the last event before it at
 * a lower depth (callers come before their callees), then that one's caller, to depth 0.
 */
export function callers(evs: readonly CallEvent[], i: number): number[] {
  const out: number[] = [];
  let d = depthOf(evs[i]);
  for (let j = i - 1; j >= 0 && d > 0; j--) {
    const dj = depthOf(evs[j]);
    if (dj < d) {
      out.push(j);
      d = dj;
    }
  }
  return out.reverse();
}

/**
 * How event i follows the one before it: "call" (it was called by it), "next" (the same
 * caller's next call) or "return" (back out to a caller's level first).
 */
export function relation(evs: readonly CallEvent[], i: number): "call" | "next" | "return" | null {
  if (i <= 0) return null;
  const a = depthOf(evs[i - 1]);
  const b = depthOf(evs[i]);
  return b > a ? "call" : b === a ? "next" : "return";
}

interface FoldPath {
  /** pages that took it (the only path: all of them) */
  readonly pages: number;
  /** its functions in the order they ran (callers before their callees) */
  readonly fns: readonly string[];
  /** as the engine wrote it: a call tree, "trap(pagefault(as_fault(segvn_fault)))" */
  readonly tree: string;
}

export interface Fold {
  /** "pages 3 to 19" */
  readonly which: string;
  readonly count: number;
  readonly paths: readonly FoldPath[];
}

// The engine's summary (engine/events.ts flushFold). Each path is a call tree, a function's
// callees in brackets; paths of more than one are "N × tree", separated by "; ".
const FOLD =
  /^The same again for (pages? [\d,]+(?: to [\d,]+)?) \((\d+) pages?, (?:each )?taking a path shown above(?:; a function's callees in brackets)?\): (.*)\.$/;

/** The pages and paths a folded summary event stands for (null: not a fold). */
export function foldOf(say: string): Fold | null {
  const m = FOLD.exec(say);
  if (!m) return null;
  const count = Number(m[2]);
  const paths = m[3]!.split("; ").map((p) => {
    const n = /^(\d+) × (.*)$/.exec(p);
    const tree = n ? n[2]! : p;
    return { pages: n ? Number(n[1]) : count, fns: tree.split(/[(), ]+/).filter(Boolean), tree };
  });
  return { which: m[1]!, count, paths };
}

/**
 * Where a path was shown in full before the fold (at index `at`): the first event of the first
 * page whose events are exactly those functions, or -1. A page's events start with the path's
 * first function (trap, checkpage).
 */
export function shownPath(evs: readonly CallEvent[], at: number, fns: readonly string[]): number {
  const head = fns[0];
  if (!head) return -1;
  for (let i = 0; i < at; i++) {
    if (evs[i]!.fn !== head) continue;
    let j = i + 1;
    while (j < at && evs[j]!.fn !== head) j++;
    if (j - i === fns.length && fns.every((f, k) => evs[i + k]!.fn === f)) return i;
  }
  return -1;
}
