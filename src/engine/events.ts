import type { EventRefs, VmEvent, VmState } from "./types";

/**
 * The events of one step. Every event is emitted right after the change it describes, and
 * counted; a replay that must stop after event N throws `StopReplay` from inside the step, which
 * leaves the state exactly as the kernel had it at that moment (mid-fault, mid-fork).
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
  /** the first event of the first folded page: what the fold is named after, unless it faulted */
  head: { fn: string; src: string };
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
  depth: number;
}

export function newSink(stopAt = -1): Sink {
  return { raw: 0, stopAt, kept: [], page: null, pagesDone: 0, seen: new Set(), fold: null, depth: 0 };
}

/** The kernel context every engine function takes: the state and where its events go. */
export interface K {
  st: VmState;
  out: Sink;
  /** pages locked by the operation in progress (p_selock held): the page daemon skips them */
  busy: Set<number>;
  /** the page being faulted, if any: every event of the fault names it */
  at?: EventRefs | undefined;
}

/**
 * What an event says, or a function that says it: the fault path passes functions, so the
 * sentences of the pages a range statement folds away are never written.
 */
export type Say = string | (() => string);

export function emit(k: K, fn: string, src: string, say: Say, refs?: EventRefs): void {
  const s = k.out;
  if (s.page) s.page.push({ fn, src, say, raw: s.raw, at: k.at, refs });
  else keep(s, vmEvent(fn, src, say, s.raw, k.at, refs));
  s.raw++;
  if (s.raw === s.stopAt) throw new StopReplay();
}

/** An event as kept: the fault's refs (every event of a fault names its page) plus its own. */
function vmEvent(
  fn: string,
  src: string,
  said: Say,
  raw: number,
  at: EventRefs | undefined,
  refs: EventRefs | undefined,
): VmEvent {
  const all = at ? { ...at, ...refs } : refs;
  const say = typeof said === "string" ? said : said();
  return all ? { fn, src, say, raw, refs: all } : { fn, src, say, raw };
}

const keepPage = (s: Sink, evs: PageEvent[]): void => {
  for (const e of evs) keep(s, vmEvent(e.fn, e.src, e.say, e.raw, e.at, e.refs));
};

function keep(s: Sink, ev: VmEvent): void {
  if (s.kept.length < MAX_KEPT) s.kept.push(ev);
  else s.kept[s.kept.length - 1] = { ...ev, say: `${ev.say} (further events of this step are not listed)` };
}

export function beginPage(k: K): void {
  if (k.out.depth++ === 0) k.out.page = [];
}

/** Close the events of one page of a range statement: keep them, or fold them if seen before. */
export function endPage(k: K, pageNo: number): void {
  const s = k.out;
  if (--s.depth > 0) return;
  const evs = s.page ?? [];
  s.page = null;
  let fns = "";
  for (const e of evs) fns = fns ? `${fns},${e.fn}` : e.fn;
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
    const head = { fn: evs[0]!.fn, src: evs[0]!.src };
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
  s.depth = 0;
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
  const paths = [...f.paths].map(
    ([fns, n]) => `${f.paths.size > 1 ? `${n} × ` : ""}${fns.split(",").join(" → ")}`,
  );
  // Named after the fault handler when the folded pages faulted, else after what they began with
  // (a trap that needed no fault, a pageout's first function).
  const faulted = [...f.paths.keys()].some((p) => p.split(",").includes("as_fault"));
  keep(s, {
    fn: faulted ? "as_fault" : f.head.fn,
    src: faulted ? "usr/src/uts/common/vm/vm_as.c" : f.head.src,
    say: `The same again for ${pages} (${f.count} ${f.count === 1 ? "page" : "pages"}, each taking a path shown above): ${paths.join("; ")}.`,
    raw: f.lastRaw,
  });
}
