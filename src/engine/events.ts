import type { VmEvent, VmState } from "./types";
import type { EventRefs } from "../contract/events";

/**
 * The events of one step, in call order. A function's event is emitted when it runs, before the
 * events of the functions it calls, which nest one level deeper (`depth`, 0 for the step's
 * outermost function: a trap, a system call, the page daemon). So the list reads as a call tree
 * walked in order: an event at depth d + 1 that follows one at depth d ran inside it (possibly
 * through functions that show no event of their own). Every event is counted; a replay that must
 * stop after event N throws `StopReplay` from inside the step, which leaves the state exactly as
 * the kernel had it at that moment (mid-fault, mid-fork).
 *
 * A range statement (`write buf 0-262143`) would make millions of events. Each page's events
 * are kept in full while they show a path not seen before in this step (and for the first pages);
 * pages that repeat a path already shown are folded into one summary event. Every function that
 * ran still appears in the step, and raw counting keeps replay positions exact.
 */
export class StopReplay extends Error {
  constructor() {
    super("replay stopped");
  }
}

const DETAILED_PAGES = 3;
const MAX_KEPT = 4000;

interface Fold {
  count: number;
  firstPage: number;
  lastPage: number;
  /** how many folded pages took each path (a comma-joined fn list) */
  paths: Map<string, number>;
  lastRaw: number;
  /** the first event of the first folded page: what the fold is named after, and its depth */
  head: { fn: string; src: string; depth: number };
}

/**
 * An event of the page in progress, its refs not merged yet: most pages of a big range are
 * folded, and merging the fault's refs into every one of their events was most of the cost of
 * a million-page touch.
 */
interface PageEvent {
  fn: string;
  src: string;
  say: Say;
  raw: number;
  depth: number;
  at: EventRefs | undefined;
  refs: EventRefs | undefined;
}

export interface Sink {
  raw: number;
  stopAt: number;
  kept: VmEvent[];
  /** events of the page in progress, when a range statement runs */
  page: PageEvent[] | null;
  pagesDone: number;
  seen: Set<string>;
  fold: Fold | null;
  /** nesting of page groups: stack growth inside a touch pre-faults pages of its own */
  groups: number;
}

function newSink(stopAt = -1): Sink {
  return { raw: 0, stopAt, kept: [], page: null, pagesDone: 0, seen: new Set(), fold: null, groups: 0 };
}

/** The kernel context every engine function takes: the state and where its events go. */
export interface K {
  st: VmState;
  out: Sink;
  /** pages locked by the operation in progress (p_selock held): the page daemon skips them */
  busy: Set<number>;
  /** the page being faulted, if any: every event of the fault names it */
  at?: EventRefs | undefined;
  /** call depth of the next event: 0 for the step's outermost function (see `nest`) */
  depth: number;
}

/** A kernel context for a step: its state, a fresh sink, depth 0. */
export function newK(st: VmState, stopAt = -1): K {
  return { st, out: newSink(stopAt), busy: new Set(), depth: 0 };
}

/**
 * Run `f` one call level deeper: the events it emits are those of functions called by the one
 * whose event was emitted last at the current depth.
 */
export function nest<T>(k: K, f: () => T): T {
  k.depth++;
  try {
    return f();
  } finally {
    k.depth--;
  }
}

/**
 * What an event says, or a function that says it: the fault path passes functions, so the
 * sentences of the pages a range statement folds away are never written.
 */
export type Say = string | (() => string);

export function emit(k: K, fn: string, src: string, say: Say, refs?: EventRefs): void {
  const s = k.out;
  if (s.page) s.page.push({ fn, src, say, raw: s.raw, depth: k.depth, at: k.at, refs });
  else {
    // an event after a run of folded pages (a retried access after grow's pre-faults) comes
    // after their summary
    flushFold(s);
    keep(s, vmEvent(fn, src, say, s.raw, k.depth, k.at, refs));
  }
  s.raw++;
  if (s.raw === s.stopAt) throw new StopReplay();
}

/** An event as kept: the fault's refs (every event of a fault names its page) plus its own. */
function vmEvent(
  fn: string,
  src: string,
  said: Say,
  raw: number,
  depth: number,
  at: EventRefs | undefined,
  refs: EventRefs | undefined,
): VmEvent {
  const all = at ? { ...at, ...refs } : refs;
  const say = typeof said === "string" ? said : said();
  return all ? { fn, src, say, raw, depth, refs: all } : { fn, src, say, raw, depth };
}

const keepPage = (s: Sink, evs: PageEvent[]): void => {
  for (const e of evs) keep(s, vmEvent(e.fn, e.src, e.say, e.raw, e.depth, e.at, e.refs));
};

function keep(s: Sink, ev: VmEvent): void {
  if (s.kept.length < MAX_KEPT) s.kept.push(ev);
  else s.kept[s.kept.length - 1] = { ...ev, say: `${ev.say} (further events of this step are not listed)` };
}

export function beginPage(k: K): void {
  if (k.out.groups++ === 0) k.out.page = [];
}

/** Close the events of one page of a range statement: keep them, or fold them if seen before. */
export function endPage(k: K, pageNo: number): void {
  const s = k.out;
  if (--s.groups > 0) return;
  const evs = s.page ?? [];
  s.page = null;
  // the page's path: each function with its depth, "2:as_fault,3:segvn_fault,..."
  let fns = "";
  for (const e of evs) fns = fns ? `${fns},${e.depth}:${e.fn}` : `${e.depth}:${e.fn}`;
  const fresh = !s.seen.has(fns);
  if (evs.length === 0) return;
  if (s.pagesDone++ < DETAILED_PAGES || fresh) {
    flushFold(s);
    s.seen.add(fns);
    keepPage(s, evs);
    return;
  }
  const lastRaw = evs[evs.length - 1]!.raw;
  if (!s.fold) {
    const head = { fn: evs[0]!.fn, src: evs[0]!.src, depth: evs[0]!.depth };
    s.fold = { count: 0, firstPage: pageNo, lastPage: pageNo, paths: new Map(), lastRaw, head };
  }
  const f = s.fold;
  f.count++;
  f.lastPage = pageNo;
  f.lastRaw = lastRaw;
  f.paths.set(fns, (f.paths.get(fns) ?? 0) + 1);
}

/** Call when the step ends (normally or by signal) so a pending fold is written. */
export function finishSink(s: Sink): void {
  s.groups = 0;
  if (s.page) {
    keepPage(s, s.page);
    s.page = null;
  }
  flushFold(s);
}

function flushFold(s: Sink): void {
  const f = s.fold;
  if (!f) return;
  s.fold = null;
  const pages = f.firstPage === f.lastPage ? `page ${f.firstPage}` : `pages ${f.firstPage} to ${f.lastPage}`;
  const paths = [...f.paths].map(([fns, n]) => `${f.paths.size > 1 ? `${n} × ` : ""}${callTree(fns)}`);
  // Named after the fault handler when the folded pages faulted, else after what they began with
  // (a trap that needed no fault, a pageout's first function); as deep as their first event.
  const faulted = [...f.paths.keys()].some((p) => /:as_fault(,|$)/.test(p));
  keep(s, {
    fn: faulted ? "as_fault" : f.head.fn,
    src: faulted ? "usr/src/uts/common/vm/vm_as.c" : f.head.src,
    say: `The same again for ${pages} (${f.count === 1 ? "1 page, taking" : `${f.count} pages, each taking`} a path shown above; a function's callees in brackets): ${paths.join("; ")}.`,
    raw: f.lastRaw,
    depth: f.head.depth,
  });
}

/**
 * A page's path "0:trap,1:pagefault,2:as_fault,1:grow" written as a call tree:
 * "trap(pagefault(as_fault), grow)". Callers come before their callees, as they ran.
 */
function callTree(path: string): string {
  let out = "";
  // depths of the open calls: each entry's function has a bracket open (but the first)
  const open: number[] = [];
  for (const part of path.split(",")) {
    const colon = part.indexOf(":");
    const d = Number(part.slice(0, colon));
    const fn = part.slice(colon + 1);
    if (open.length === 0) {
      out = fn;
      open.push(d);
    } else if (d > open[open.length - 1]!) {
      out += `(${fn}`;
      open.push(d);
    } else {
      // close the calls this one is not inside, then it follows the last one left as a sibling
      while (open.length > 1 && open[open.length - 2]! >= d) {
        out += ")";
        open.pop();
      }
      out += `, ${fn}`;
      open[open.length - 1] = d;
    }
  }
  return out + ")".repeat(open.length - 1);
}
