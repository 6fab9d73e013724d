import { sizeToPages } from "../scenarios/lex";
import type { ProcessDoc, SegmentDoc, VmDoc } from "./report/doc";
import { RULES, type Rule } from "./rules";
import type { StepRecord } from "./run";
import type { VmEvent } from "./types";

/**
 * Predict-then-reveal: questions a student answers before a step runs, graded from what the
 * engine itself did (the step's events) and the JSON documents before and after the step.
 * Nothing here is written per scenario: every question comes from the step's statement, the
 * events and the two documents, so any scenario a user types gets questions too.
 *
 * Pure: no DOM, no Node, no clock, no randomness; the same input always gives the same list.
 */

export type QuestionKind = "fault" | "newPage" | "refcnt" | "swapReserved" | "swapAllocated" | "result";

export interface Question {
  /** unique within one step's questions: `<step>-<kind>` */
  id: string;
  kind: QuestionKind;
  /** the question, in plain English */
  prompt: string;
  /** for multiple choice; absent for a numeric answer */
  choices?: string[];
  answer: string | number;
  /** one or two sentences saying why, naming the kernel function */
  explain: string;
  /** id of the RULES entry the answer follows, when one matches */
  rule?: string;
}

/** The most questions asked about one step. */
export const MAX_QUESTIONS = 3;

/** The answer of a newPage question when the write copies nothing. */
export const NO_COPY = "none: no copy";

const YES = "yes";
const NO = "no";
const RESULT_CHOICES = ["ok", "EAGAIN", "ENOMEM", "SIGSEGV", "SIGBUS"];

// ---------------------------------------------------------------------------------------------
// The statement, read back from the step's text (the parser has checked it already).

interface Range {
  from: number;
  to: number;
}

interface Stmt {
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

function parseRange(s: string | undefined): Range | undefined {
  if (s === undefined) return undefined;
  const m = /^(-?\d+)(?:-(-?\d+))?$/.exec(s);
  if (!m) return undefined;
  const from = Number(m[1]);
  return { from, to: m[2] === undefined ? from : Number(m[2]) };
}

function sizeOf(s: string | undefined, arch: string): number | undefined {
  if (s === undefined) return undefined;
  const r = sizeToPages(s, arch === "sparc" ? "sparc" : "x86");
  return r.ok ? r.pages : undefined;
}

function withRange(st: Stmt, r: Range | undefined): Stmt {
  return r ? { ...st, range: r } : st;
}

function withPages(st: Stmt, n: number | undefined): Stmt {
  return n === undefined ? st : { ...st, pages: n };
}

function parseStmt(text: string, arch: string): Stmt {
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

// ---------------------------------------------------------------------------------------------
// Reading the documents.

const aliveProc = (doc: VmDoc, name: string): ProcessDoc | undefined =>
  doc.processes.find((p) => p.name === name && p.state === "alive");

const alive = (doc: VmDoc): string[] => doc.processes.filter((p) => p.state === "alive").map((p) => p.name);

interface SlotRef {
  proc: string;
  seg: string;
  page: number;
  anon: string | null;
}

/** The piece of mapping `seg` of process `proc` that holds mapping page `page`. */
function pieceAt(doc: VmDoc, proc: string, seg: string, page: number): SegmentDoc | undefined {
  return aliveProc(doc, proc)?.segments.find(
    (s) => s.name === seg && page >= s.first && page < s.first + s.pages,
  );
}

function slotAt(doc: VmDoc, proc: string, seg: string, page: number): SlotRef | undefined {
  const piece = pieceAt(doc, proc, seg, page);
  if (!piece) return undefined;
  const slot = piece.slots[page - piece.first];
  return slot ? { proc, seg, page, anon: slot.anon } : undefined;
}

const anonIndexes = new WeakMap<VmDoc, Map<string, { refcnt: number }>>();

/** The live anons of a document by id, built once per document (a big state has 100,000s). */
function anonIndex(doc: VmDoc): Map<string, { refcnt: number }> {
  let m = anonIndexes.get(doc);
  if (!m) anonIndexes.set(doc, (m = new Map(doc.anons.map((a) => [a.id, a]))));
  return m;
}

/** Some live slot in `doc` (outside process `skip`) that holds anon `id`. */
function holderOf(doc: VmDoc, id: string, skip: string | null): SlotRef | undefined {
  for (const p of doc.processes) {
    if (p.state !== "alive" || p.name === skip) continue;
    for (const s of p.segments) {
      const i = s.slots.findIndex((x) => x.anon === id);
      if (i >= 0) return { proc: p.name, seg: s.name, page: s.first + i, anon: id };
    }
  }
  return undefined;
}

const kb = (doc: VmDoc, pages: number): number => (pages * doc.pageSize) / 1024;

const pagesText = (r: Range): string => (r.from === r.to ? `page ${r.from}` : `pages ${r.from} to ${r.to}`);

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Events and rules.

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

function find(step: StepRecord, fn: string, say?: RegExp): VmEvent | undefined {
  return step.events.find((e) => e.fn === fn && (!say || say.test(e.say)));
}

function findLast(step: StepRecord, fn: string, say?: RegExp): VmEvent | undefined {
  for (let i = step.events.length - 1; i >= 0; i--) {
    const e = step.events[i]!;
    if (e.fn === fn && (!say || say.test(e.say))) return e;
  }
  return undefined;
}

/** "fn: say", the event as a sentence that names its kernel function. */
const told = (e: VmEvent): string => `${e.fn}: ${e.say}`;

function explainWith(lead: string, ev: VmEvent | undefined, rule: Rule | undefined): string {
  const parts = [lead];
  if (ev) parts.push(told(ev));
  if (rule) parts.push(`The rule (${rule.fn}): ${rule.text}`);
  return parts.join(" ");
}

function question(
  step: StepRecord,
  kind: QuestionKind,
  prompt: string,
  answer: string | number,
  explain: string,
  rule: Rule | undefined,
  choices?: string[],
): Question {
  const q: Question = { id: `${step.n}-${kind}`, kind, prompt, answer, explain };
  if (choices) q.choices = choices;
  if (rule) q.rule = rule.id;
  return q;
}

/** The faulting trap events (a trap whose say starts "No fault" means the MMU did the access). */
const faultTraps = (step: StepRecord): VmEvent[] =>
  step.events.filter((e) => e.fn === "trap" && !e.say.startsWith("No fault"));

const noFaultTraps = (step: StepRecord): VmEvent[] =>
  step.events.filter((e) => e.fn === "trap" && e.say.startsWith("No fault"));

/** Copies made by anon_private, with the process each was made for. */
function copies(step: StepRecord, actor: string): { proc: string; ev: VmEvent }[] {
  const out: { proc: string; ev: VmEvent }[] = [];
  let lastProc = actor;
  for (const e of step.events) {
    if (e.fn === "anon_private") out.push({ proc: e.refs?.proc ?? lastProc, ev: e });
    else if (e.refs?.proc) lastProc = e.refs.proc;
  }
  return out;
}

/** The event that decides how a fault went: the signal, the copy, or segvn_faultpage's choice. */
function decisiveFaultEvent(step: StepRecord): VmEvent | undefined {
  if (step.result !== "ok") return step.events[step.events.length - 1];
  return (
    find(step, "segvn_faultpage", /copy-on-write/) ??
    find(step, "anon_private") ??
    find(step, "segvn_faultpage") ??
    find(step, "grow") ??
    find(step, "anon_zero") ??
    faultTraps(step)[0]
  );
}

const isFile = (seg: SegmentDoc): boolean => seg.source.startsWith("/") && seg.source !== "/dev/zero";

/**
 * The rule the fault path of a read or write step followed, read from what its events say
 * (segvn_faultpage runs on every path, so its name alone does not tell them apart).
 */
function faultRule(step: StepRecord, seg: SegmentDoc | undefined): Rule | undefined {
  const has = (fn: string, say?: RegExp): boolean => find(step, fn, say) !== undefined;
  let id: string | undefined;
  if (step.result === "SIGBUS") id = "noreserve-per-fault";
  else if (has("anon_private"))
    id = has("page_release", /file page/) ? "file-private-write-copies" : "cow-copy";
  else if (has("segvn_faultpage", /never copied/)) id = "shared-anon-never-cow";
  else if (has("swap_getapage")) id = "pagein-frees-slot";
  else if (has("segvn_faultpage", /an_refcnt 1: this process is its only holder.*no copy/))
    id = "cow-last-holder";
  else if (has("segvn_faultpage", /a read maps it read-only/)) id = "cow-read-maps-readonly";
  else if (has("grow")) id = "stack-grow-prefaults";
  else if (has("anon_zero"))
    id = seg?.noreserve && has("anon_resvmem") ? "noreserve-per-fault" : "zfod-any-access";
  else if (has("segvn_faultpage", /MAP_PRIVATE file page, read/)) id = "file-private-read";
  return id ? RULE_BY_ID.get(id) : undefined;
}

/**
 * The rule a whole operation follows (mmap, fork, exit, ...), told apart by what the step did.
 * These rules are about the operation itself, so they apply even where the engine shows the work
 * under another function's name (fork's reservation is an anon_resvmem event, for instance).
 */
function opRule(c: Ctx): Rule | undefined {
  const { before, step, after, st, seg } = c;
  const fileSource = seg !== undefined && isFile(seg);
  let id: string | undefined;
  switch (st.op) {
    case "mmap":
      id =
        step.result === "EAGAIN" || (step.result === "ok" && st.noreserve)
          ? "mmap-eagain"
          : step.result !== "ok"
            ? undefined
            : st.source !== "/dev/zero" && st.source !== "anon"
              ? "reserve-private-writable-file"
              : st.share === "shared"
                ? "shared-amp-at-mmap"
                : "reserve-anon-at-mmap";
      break;
    case "fork":
      id = step.result === "ok" ? "fork-reserves" : step.result === "ENOMEM" ? "fork-enomem" : undefined;
      break;
    case "exit":
      id = "exit-frees";
      break;
    case "munmap": {
      const pieces = (d: VmDoc): number =>
        aliveProc(d, st.proc)?.segments.filter((s) => s.name === st.seg).length ?? 0;
      const [was, now] = [pieces(before), pieces(after)];
      // The whole mapping gone is what exit does to every segment; otherwise an end or a split.
      id =
        step.result !== "ok"
          ? undefined
          : now < was || !st.range
            ? "exit-frees"
            : now > was
              ? seg?.share === "shared"
                ? "munmap-middle-shared"
                : "munmap-middle-private"
              : "munmap-end";
      break;
    }
    case "mprotect":
      id = fileSource
        ? "mprotect-file-gives-back"
        : st.range
          ? "mprotect-partial"
          : "mprotect-anon-keeps-reservation";
      break;
    case "sbrk":
      id = step.result === "ok" ? "brk-merges" : undefined;
      break;
    case "stack":
      id = step.result === "ok" ? "stack-grow-prefaults" : undefined;
      break;
    case "pageout":
      id = "pageout-anon";
      break;
  }
  return id ? RULE_BY_ID.get(id) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The questions.

interface Ctx {
  before: VmDoc;
  step: StepRecord;
  after: VmDoc;
  st: Stmt;
  /** the piece of the mapping the statement names (its first page touched), in `before` */
  seg: SegmentDoc | undefined;
}

function verbOf(st: Stmt): string {
  return st.op === "write" ? "writes" : "reads";
}

/** Could this step fail? Any step that did, and steps where failure is a live possibility. */
function couldFail(c: Ctx): boolean {
  const { before, step, st } = c;
  if (step.result !== "ok") return true;
  const avail = before.swap.availablePages;
  switch (st.op) {
    case "mmap":
      return st.pages !== undefined && avail < 2 * st.pages;
    case "sbrk":
    case "stack":
      return st.pages !== undefined && avail < 2 * st.pages;
    case "fork": {
      const p = aliveProc(before, st.proc);
      const priv = p ? p.segments.filter((s) => s.share === "private").reduce((n, s) => n + s.pages, 0) : 0;
      return avail < 2 * priv;
    }
    case "read":
    case "write": {
      const r = st.range;
      if (!r || !st.seg) return false;
      const need = st.op === "write" ? "w" : "r";
      for (const page of [r.from, r.to]) {
        const piece = pieceAt(before, st.proc, st.seg, page);
        if (!piece) return true;
        if (!piece.prot.includes(need)) return true;
        if (piece.noreserve && avail <= 2 * (r.to - r.from + 1)) return true;
      }
      // A partial mprotect leaves the segment's prot rw but some pages read-only: pmap shows them.
      const rows = before.pmap[st.proc] ?? [];
      return rows.some((row) => row.segment === st.seg && row.mode[need === "w" ? 1 : 0] === "-");
    }
    default:
      return false;
  }
}

function resultQuestion(c: Ctx): Question | undefined {
  const { before, step, st } = c;
  if (!couldFail(c)) return undefined;
  const choices = [...RESULT_CHOICES];
  if (!choices.includes(step.result)) choices.push("EACCES", "EINVAL");
  const availKb = kb(before, before.swap.availablePages);
  let prompt: string;
  switch (st.op) {
    case "mmap":
      prompt = `${st.proc} calls mmap for ${st.seg}: ${st.pages ?? "?"} pages of ${st.source}, ${st.prot}, ${st.share}${st.noreserve ? ", MAP_NORESERVE" : ""}. swap -s shows ${availKb}k available. What does the call return?`;
      break;
    case "fork":
      prompt = `${st.proc} forks ${st.child}. swap -s shows ${availKb}k available. What does fork return?`;
      break;
    case "read":
    case "write":
      prompt = `${st.proc} ${verbOf(st)} ${st.range ? pagesText(st.range) : "a page"} of ${st.seg}. Does the access complete (ok), or does it end with an error or a signal?`;
      break;
    case "sbrk":
    case "stack":
      prompt = `${st.proc} ${st.op === "sbrk" ? "grows its heap" : "grows its stack"} by ${st.pages ?? "?"} pages. swap -s shows ${availKb}k available. What happens?`;
      break;
    default:
      prompt = `What is the result of "${step.text}"?`;
  }
  const last = step.events[step.events.length - 1];
  let ev: VmEvent | undefined;
  let rule: Rule | undefined;
  let lead: string;
  switch (step.result) {
    case "ok":
      lead = "It succeeds.";
      ev =
        find(step, "anon_resvmem") ??
        (st.op === "read" || st.op === "write" ? findLast(step, "hat_memload") : undefined) ??
        noFaultTraps(step)[0] ??
        last;
      rule =
        st.op === "read" || st.op === "write"
          ? c.seg?.noreserve
            ? faultRule(step, c.seg)
            : undefined
          : opRule(c);
      break;
    case "EAGAIN":
      lead = `It fails with EAGAIN.`;
      ev = find(step, "anon_resvmem", /^Cannot/) ?? last;
      rule = st.op === "mmap" ? opRule(c) : undefined;
      break;
    case "ENOMEM":
      lead = `It fails with ENOMEM.`;
      ev = find(step, "anon_resvmem", /^Cannot/) ?? last;
      rule = st.op === "fork" ? opRule(c) : undefined;
      break;
    case "SIGBUS":
      lead = `${st.proc} gets SIGBUS.`;
      ev = find(step, "anon_resvmem", /^Cannot/) ?? last;
      rule = RULE_BY_ID.get("noreserve-per-fault");
      break;
    case "SIGSEGV":
      lead = `${st.proc} gets SIGSEGV.`;
      ev = find(step, "segvn_fault", /FC_PROT/) ?? find(step, "as_fault", /FC_NOMAP/) ?? last;
      rule = undefined;
      break;
    default:
      lead = `The step fails with ${step.result}.`;
      ev = last;
      rule = undefined;
  }
  return question(step, "result", prompt, step.result, explainWith(lead, ev, rule), rule, choices);
}

function faultQuestion(c: Ctx): Question | undefined {
  const { step, st } = c;
  if (st.op !== "read" && st.op !== "write") return undefined;
  const faults = faultTraps(step);
  const quiet = noFaultTraps(step);
  if (faults.length === 0 && quiet.length === 0) return undefined;
  const r = st.range!;
  const one = r.from === r.to;
  const prompt = one
    ? `${st.proc} ${verbOf(st)} page ${r.from} of ${st.seg}. Will the access fault, that is, will the MMU trap into the kernel (trap → as_fault → segvn_fault)?`
    : `${st.proc} ${verbOf(st)} pages ${r.from} to ${r.to} of ${st.seg}, one after the other. Will any of these accesses fault, that is, trap into the kernel (trap → as_fault → segvn_fault)?`;
  if (faults.length === 0) {
    const explain = explainWith(
      `No: ${st.proc} already has a translation that allows the ${st.op === "write" ? "write" : "read"}, so the MMU completes it on its own and the kernel never runs.`,
      quiet[0],
      undefined,
    );
    return question(step, "fault", prompt, NO, explain, undefined, [YES, NO]);
  }
  const ev = decisiveFaultEvent(step);
  const lead = `Yes. ${faults[0]!.say}`;
  const rule = faultRule(step, c.seg);
  return question(
    step,
    "fault",
    prompt,
    YES,
    explainWith(lead, ev === faults[0] ? undefined : ev, rule),
    rule,
    [YES, NO],
  );
}

/** Does a copy make sense to ask about? A write to a page that has something to copy. */
function copyConceivable(c: Ctx): boolean {
  const { before, st } = c;
  if (st.op !== "write" || !st.seg || !st.range || !aliveProc(before, st.proc)) return false;
  const { from, to } = st.range;
  let piece: SegmentDoc | undefined;
  for (let page = from; page <= to; page++) {
    if (!piece || page >= piece.first + piece.pages) piece = pieceAt(before, st.proc, st.seg, page);
    if (!piece) continue;
    if (isFile(piece)) return true;
    if (piece.slots[page - piece.first]?.anon) return true;
  }
  return false;
}

function newPageQuestion(c: Ctx): Question | undefined {
  const { before, step, st } = c;
  if (!copyConceivable(c)) return undefined;
  const names = alive(before);
  const choices = [...names, NO_COPY];
  const prompt = `${st.proc} writes ${pagesText(st.range!)} of ${st.seg} (alive now: ${names.join(", ")}). Which process, if any, gets a new private copy of a page (copy-on-write)?`;
  const made = copies(step, st.proc);
  if (made.length > 0) {
    const who = made[0]!.proc;
    const cowEv = find(step, "segvn_faultpage", /copy-on-write/);
    const lead = `${who} gets the copy.${cowEv ? ` ${told(cowEv)}` : ""}`;
    const rule = faultRule(step, c.seg);
    return question(step, "newPage", prompt, who, explainWith(lead, made[0]!.ev, rule), rule, choices);
  }
  let ev: VmEvent | undefined;
  let lead: string;
  let rule: Rule | undefined;
  const zero = find(step, "anon_zero");
  if (step.result !== "ok" && faultTraps(step).length > 0) {
    ev = step.events[step.events.length - 1];
    lead = `None: the write never completes, so nothing is copied.`;
    rule = step.result === "SIGBUS" ? RULE_BY_ID.get("noreserve-per-fault") : undefined;
  } else if (faultTraps(step).length === 0) {
    ev = noFaultTraps(step)[0];
    lead = `None: the page is already mapped writable, so the write does not even fault.`;
  } else if ((ev = find(step, "segvn_faultpage", /never copied/))) {
    lead = `None: the segment is MAP_SHARED, so every process maps the one page.`;
    rule = RULE_BY_ID.get("shared-anon-never-cow");
  } else if ((ev = find(step, "segvn_faultpage", /an_refcnt 1/))) {
    lead = `None: the writer is the anon's only holder now, so it writes the page in place.`;
    rule = RULE_BY_ID.get("cow-last-holder");
  } else if ((ev = find(step, "segvn_faultpage", /MAP_SHARED file/))) {
    lead = `None: a MAP_SHARED file mapping writes the file's own page in the page cache.`;
  } else if (zero) {
    ev = zero;
    lead = `None: no page is copied (a page never touched is zero-filled by anon_zero, which is not a copy).`;
    rule = RULE_BY_ID.get("zfod-any-access");
  } else {
    ev = find(step, "segvn_faultpage") ?? faultTraps(step)[0];
    lead = `None: no page is copied.`;
  }
  return question(step, "newPage", prompt, NO_COPY, explainWith(lead, ev, rule), rule, choices);
}

/** The slot a refcnt question asks about, chosen from what the step did. */
function refcntTarget(
  c: Ctx,
): { slot: SlotRef; why: "cow-other" | "own" | "child" | "survivor" } | undefined {
  const { before, step, after, st } = c;
  const live = anonIndex(after);
  switch (st.op) {
    case "read":
    case "write":
    case "pageout": {
      if (!st.seg || !st.range) return undefined;
      const cow = find(step, "segvn_faultpage", /copy-on-write/);
      if (cow?.refs?.anon && cow.refs.page !== undefined) {
        const old = `anon:${cow.refs.anon}`;
        if (live.has(old)) {
          const other = holderOf(after, old, st.proc);
          if (other) return { slot: other, why: "cow-other" };
        }
      }
      const own = slotAt(after, st.proc, st.seg, st.range.from);
      return own?.anon ? { slot: own, why: "own" } : undefined;
    }
    case "fork": {
      if (!st.child) return undefined;
      const kid = aliveProc(after, st.child);
      for (const s of kid?.segments ?? []) {
        const i = s.slots.findIndex((x) => x.anon !== null);
        if (i >= 0)
          return {
            slot: { proc: st.child, seg: s.name, page: s.first + i, anon: s.slots[i]!.anon },
            why: "child",
          };
      }
      return undefined;
    }
    case "exit":
    case "munmap": {
      // An anon this process held that lives on elsewhere: its holder count went down.
      const p = aliveProc(before, st.proc);
      for (const s of p?.segments ?? []) {
        if (st.op === "munmap" && s.name !== st.seg) continue;
        for (let i = 0; i < s.slots.length; i++) {
          const id = s.slots[i]!.anon;
          const page = s.first + i;
          if (!id || !live.has(id)) continue;
          if (st.op === "munmap" && st.range && (page < st.range.from || page > st.range.to)) continue;
          if (st.op === "munmap" && slotAt(after, st.proc, s.name, page)?.anon === id) continue;
          const other = holderOf(after, id, st.op === "exit" ? st.proc : null);
          if (other) return { slot: other, why: "survivor" };
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function refcntQuestion(c: Ctx): Question | undefined {
  const { before, step, after, st } = c;
  const t = refcntTarget(c);
  if (!t?.slot.anon) return undefined;
  const id = t.slot.anon;
  const rc = anonIndex(after).get(id)?.refcnt;
  if (rc === undefined) return undefined;
  const { proc, seg, page } = t.slot;
  const now = slotAt(before, proc, seg, page);
  const nowRc = now?.anon ? anonIndex(before).get(now.anon)?.refcnt : undefined;
  let context = "";
  if (now?.anon && nowRc !== undefined)
    context = ` Right now that slot holds ${now.anon} with an_refcnt ${nowRc}.`;
  else if (t.why === "child") {
    const parent = slotAt(before, st.proc, seg, page);
    const prc = parent?.anon ? anonIndex(before).get(parent.anon)?.refcnt : undefined;
    if (parent?.anon && prc !== undefined)
      context = ` (${proc} does not exist yet; ${st.proc}'s slot for that page holds ${parent.anon} with an_refcnt ${prc}.)`;
  } else if (now && !now.anon) context = " Right now that slot is empty.";
  const prompt = `After "${step.text}", what is the an_refcnt of the anon in ${proc}'s slot for page ${page} of ${seg}?${context}`;
  const byId = (e: VmEvent): boolean => e.refs?.anon !== undefined && `anon:${e.refs.anon}` === id;
  let ev: VmEvent | undefined;
  let rule: Rule | undefined;
  switch (t.why) {
    case "child": {
      ev =
        step.events.find((e) => e.fn === "anon_dup" && e.refs?.proc === proc && e.refs.seg === seg) ??
        step.events.find((e) => e.fn === "segvn_dup" && e.refs?.proc === proc && e.refs.seg === seg);
      const shared = pieceAt(after, proc, seg, page)?.share === "shared";
      rule = RULE_BY_ID.get(shared ? "fork-shared-amp" : "fork-anon-dup");
      break;
    }
    case "cow-other":
      ev = step.events.find((e) => e.fn === "anon_decref" && byId(e));
      rule = RULE_BY_ID.get("cow-copy");
      break;
    case "survivor":
      ev = step.events.find((e) => e.fn === "anon_decref" && byId(e)) ?? find(step, "anon_free");
      rule = opRule(c);
      break;
    default:
      ev =
        [...step.events].reverse().find((e) => byId(e) && e.fn !== "anon_alloc") ??
        step.events.find(byId) ??
        noFaultTraps(step)[0];
      rule = st.op === "pageout" ? opRule(c) : faultRule(step, c.seg);
  }
  const lead = `${rc}: after the step ${proc}'s slot for page ${page} of ${seg} holds ${id}, and an_refcnt counts the anon_map slots, in any process, that point at it.`;
  const explain = ev
    ? explainWith(lead, ev, rule)
    : explainWith(`${lead} No event of this step changes ${id}'s holders.`, undefined, rule);
  return question(step, "refcnt", prompt, rc, explain, rule);
}

/** Which swap questions to ask for this statement. */
function swapWanted(c: Ctx, which: "reserved" | "allocated"): boolean {
  const { before, after, st } = c;
  const changed =
    which === "reserved"
      ? before.swap.reservedPages !== after.swap.reservedPages
      : before.swap.allocatedPages !== after.swap.allocatedPages;
  switch (st.op) {
    case "spawn":
    case "mmap":
    case "munmap":
    case "fork":
    case "exit":
    case "sbrk":
    case "stack":
    case "pageout":
      return true;
    case "mprotect":
      return which === "reserved";
    case "write":
      return changed || (which === "allocated" && copyConceivable(c));
    default:
      return changed;
  }
}

function swapQuestion(c: Ctx, which: "reserved" | "allocated"): Question | undefined {
  const { before, step, after, st } = c;
  if (!swapWanted(c, which)) return undefined;
  const b = which === "reserved" ? before.swap.reservedPages : before.swap.allocatedPages;
  const a = which === "reserved" ? after.swap.reservedPages : after.swap.allocatedPages;
  const answer = kb(after, a);
  const unitKb = before.pageSize / 1024;
  const prompt = `swap -s now reports ${kb(before, b)}k ${which === "reserved" ? "reserved" : "bytes allocated"}. After "${step.text}", how many KB will it report as ${which}?`;
  let ev: VmEvent | undefined;
  if (which === "reserved")
    ev =
      find(step, "anon_resvmem", /^Cannot/) ??
      find(step, "anon_resvmem") ??
      find(step, "anon_unresvmem") ??
      find(step, "anon_alloc") ??
      find(step, "anon_free") ??
      find(step, "swap_putapage");
  else
    ev =
      find(step, "anon_private") ??
      find(step, "anon_zero") ??
      find(step, "anon_free") ??
      findLast(step, "anon_decref", /last holder/) ??
      find(step, "anon_dup") ??
      find(step, "swap_putapage");
  const pagesOf = (n: number): string => plural(n, "page", "pages");
  const arrow = (x: number, y: number): string =>
    x === y ? `stays at ${pagesOf(x)}` : `goes from ${x} to ${pagesOf(y)}`;
  const what =
    which === "reserved"
      ? `reserved is what is reserved but not yet backed by an anon struct (used minus allocated): used ${arrow(before.swap.usedPages, after.swap.usedPages)} and allocated ${arrow(before.swap.allocatedPages, after.swap.allocatedPages)}`
      : "allocated counts the live anon structs (one per page of anonymous memory, however many processes share it)";
  const move =
    a === b
      ? `so it stays at ${pagesOf(a)} (${answer}k)`
      : `so it goes from ${pagesOf(b)} to ${pagesOf(a)} of ${unitKb}k (${answer}k)`;
  const rule =
    (st.op === "read" || st.op === "write" ? faultRule(step, c.seg) : opRule(c)) ??
    RULE_BY_ID.get("swap-s-figures");
  const none =
    ev === undefined ? " No event of this step reserves or gives back swap, or makes or frees an anon." : "";
  const explain = explainWith(`${answer}: ${what}, ${move}.${none}`, ev, rule);
  return question(
    step,
    which === "reserved" ? "swapReserved" : "swapAllocated",
    prompt,
    answer,
    explain,
    rule,
  );
}

/**
 * The questions to ask before `step` runs, most telling first (at most MAX_QUESTIONS), graded
 * from the step's own events and the documents `before` and `after` it.
 */
export function questionsFor(before: VmDoc, step: StepRecord, after: VmDoc): Question[] {
  const st = parseStmt(step.text, before.arch);
  const seg =
    st.seg && st.range
      ? pieceAt(before, st.proc, st.seg, st.range.from)
      : st.seg
        ? aliveProc(before, st.proc)?.segments.find((s) => s.name === st.seg)
        : undefined;
  const c: Ctx = { before, step, after, st, seg };
  const result = resultQuestion(c);
  const reserved = (): Question | undefined => swapQuestion(c, "reserved");
  const allocated = (): Question | undefined => swapQuestion(c, "allocated");
  let order: (Question | undefined | (() => Question | undefined))[];
  switch (st.op) {
    case "read":
    case "write": {
      const fault = faultQuestion(c);
      const quiet = fault?.answer === NO;
      order = [
        result,
        quiet ? fault : undefined,
        () => newPageQuestion(c),
        quiet ? undefined : fault,
        () => refcntQuestion(c),
        allocated,
        reserved,
      ];
      break;
    }
    case "fork":
    case "exit":
    case "munmap":
    case "pageout":
      order = [result, () => refcntQuestion(c), reserved, allocated];
      break;
    default:
      order = [result, reserved, allocated];
  }
  const out: Question[] = [];
  for (const item of order) {
    if (out.length >= MAX_QUESTIONS) break;
    const q = typeof item === "function" ? item() : item;
    if (q) out.push(q);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grading.

function parseNumber(given: string | number): number | null {
  if (typeof given === "number") return Number.isFinite(given) ? given : null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:k|kb|kib)?\s*$/i.exec(given);
  return m ? Number(m[1]) : null;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

/** Grade an answer: numbers must match exactly, text case-insensitively (trimmed). */
export function grade(q: Question, given: string | number): { correct: boolean; explain: string } {
  let correct: boolean;
  if (typeof q.answer === "number") correct = parseNumber(given) === q.answer;
  else {
    const g = norm(String(given));
    const a = norm(q.answer);
    // "none" is enough for "none: no copy".
    correct = g === a || (a.includes(":") && g === a.slice(0, a.indexOf(":")).trim());
  }
  const unit = q.kind === "swapReserved" || q.kind === "swapAllocated" ? "k" : "";
  return {
    correct,
    explain: correct ? `Right. ${q.explain}` : `Not quite: the answer is ${q.answer}${unit}. ${q.explain}`,
  };
}
