/** Looking things up in the documents and the step's events, for the questions. */
import type { ProcessDoc, SegmentDoc, VmDoc } from "../../contract/doc";
import { RULES, type Rule } from "../../contract/kernel/rules";
import type { StepRecord } from "../run";
import type { VmEvent } from "../types";
import type { Question, QuestionKind } from "../../contract/question";
import type { Range, Stmt } from "./statement";

export const aliveProc = (doc: VmDoc, name: string): ProcessDoc | undefined =>
  doc.processes.find((p) => p.name === name && p.state === "alive");

export const alive = (doc: VmDoc): string[] =>
  doc.processes.filter((p) => p.state === "alive").map((p) => p.name);

export interface SlotRef {
  proc: string;
  seg: string;
  page: number;
  anon: string | null;
}

/** The piece of mapping `seg` of process `proc` that holds mapping page `page`. */
export function pieceAt(doc: VmDoc, proc: string, seg: string, page: number): SegmentDoc | undefined {
  return aliveProc(doc, proc)?.segments.find(
    (s) => s.name === seg && page >= s.first && page < s.first + s.pages,
  );
}

export function slotAt(doc: VmDoc, proc: string, seg: string, page: number): SlotRef | undefined {
  const piece = pieceAt(doc, proc, seg, page);
  if (!piece) return undefined;
  const slot = piece.slots[page - piece.first];
  return slot ? { proc, seg, page, anon: slot.anon } : undefined;
}

const anonIndexes = new WeakMap<VmDoc, Map<string, { refcnt: number }>>();

/** The live anons of a document by id, built once per document (a big state has 100,000s). */
export function anonIndex(doc: VmDoc): Map<string, { refcnt: number }> {
  let m = anonIndexes.get(doc);
  if (!m) anonIndexes.set(doc, (m = new Map(doc.anons.map((a) => [a.id, a]))));
  return m;
}

/** Some live slot in `doc` (outside process `skip`) that holds anon `id`. */
export function holderOf(doc: VmDoc, id: string, skip: string | null): SlotRef | undefined {
  for (const p of doc.processes) {
    if (p.state !== "alive" || p.name === skip) continue;
    for (const s of p.segments) {
      const i = s.slots.findIndex((x) => x.anon === id);
      if (i >= 0) return { proc: p.name, seg: s.name, page: s.first + i, anon: id };
    }
  }
  return undefined;
}

export const kb = (doc: VmDoc, pages: number): number => (pages * doc.pageSize) / 1024;

export const pagesText = (r: Range): string =>
  r.from === r.to ? `page ${r.from}` : `pages ${r.from} to ${r.to}`;

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Events and rules.

export const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function find(step: StepRecord, fn: string, say?: RegExp): VmEvent | undefined {
  return step.events.find((e) => e.fn === fn && (!say || say.test(e.say)));
}

export function findLast(step: StepRecord, fn: string, say?: RegExp): VmEvent | undefined {
  for (let i = step.events.length - 1; i >= 0; i--) {
    const e = step.events[i]!;
    if (e.fn === fn && (!say || say.test(e.say))) return e;
  }
  return undefined;
}

/** "fn: say", the event as a sentence that names its kernel function. */
export const told = (e: VmEvent): string => `${e.fn}: ${e.say}`;

export function explainWith(lead: string, ev: VmEvent | undefined, rule: Rule | undefined): string {
  const parts = [lead];
  if (ev) parts.push(told(ev));
  if (rule) parts.push(`The rule (${rule.fn}): ${rule.text}`);
  return parts.join(" ");
}

export function question(
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
export const faultTraps = (step: StepRecord): VmEvent[] =>
  step.events.filter((e) => e.fn === "trap" && !e.say.startsWith("No fault"));

export const noFaultTraps = (step: StepRecord): VmEvent[] =>
  step.events.filter((e) => e.fn === "trap" && e.say.startsWith("No fault"));

/** Copies made by anon_private, with the process each was made for. */
export function copies(step: StepRecord, actor: string): { proc: string; ev: VmEvent }[] {
  const out: { proc: string; ev: VmEvent }[] = [];
  let lastProc = actor;
  for (const e of step.events) {
    if (e.fn === "anon_private") out.push({ proc: e.refs?.proc ?? lastProc, ev: e });
    else if (e.refs?.proc) lastProc = e.refs.proc;
  }
  return out;
}

/** The event that decides how a fault went: the signal, the copy, or segvn_faultpage's choice. */
export function decisiveFaultEvent(step: StepRecord): VmEvent | undefined {
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

export const isFile = (seg: SegmentDoc): boolean => seg.source.startsWith("/") && seg.source !== "/dev/zero";

/**
 * The rule the fault path of a read or write step followed, read from what its events say
 * (segvn_faultpage runs on every path, so its name alone does not tell them apart).
 */
export function faultRule(step: StepRecord, seg: SegmentDoc | undefined): Rule | undefined {
  const has = (fn: string, say?: RegExp): boolean => find(step, fn, say) !== undefined;
  let id: string | undefined;
  if (step.result === "SIGBUS") id = "noreserve-per-fault";
  else if (has("anon_private"))
    id = has("page_release", /file page/) ? "file-private-write-copies" : "cow-copy";
  else if (has("segvn_faultpage", /\(F8\)/)) id = "shared-anon-never-cow";
  else if (has("swap_getapage")) id = "pagein-frees-slot";
  else if (has("anon_getpage", /cachelist/)) id = "cachelist-reclaim";
  else if (has("segvn_faultpage", /an_refcnt 1: this process is its only holder.*no copy/))
    id = "cow-last-holder";
  else if (has("segvn_faultpage", /a read maps it read-only/)) id = "cow-read-maps-readonly";
  else if (has("grow")) id = "stack-grow-prefaults";
  else if (has("anon_zero"))
    id = seg?.noreserve && has("anon_resvmem") ? "noreserve-per-fault" : "zfod-any-access";
  else if (has("segvn_faultpage", /\(F6\)/)) id = "file-private-read";
  return id ? RULE_BY_ID.get(id) : undefined;
}

const has = (step: StepRecord, fn: string, say?: RegExp): boolean => find(step, fn, say) !== undefined;

/**
 * The rule a whole operation follows (mmap, fork, exit, ...), told apart by what the step did.
 * These rules are about the operation itself, so they apply even where the engine shows the work
 * under another function's name (fork's reservation is an anon_resvmem event, for instance).
 */
export function opRule(c: Ctx): Rule | undefined {
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
      id = has(step, "swap_putapage")
        ? "pageout-anon"
        : has(step, "checkpage", /clean/)
          ? "pageout-clean"
          : has(step, "page_get_cachelist")
            ? "page-create-order"
            : undefined;
      break;
  }
  return id ? RULE_BY_ID.get(id) : undefined;
}

export interface Ctx {
  before: VmDoc;
  step: StepRecord;
  after: VmDoc;
  st: Stmt;
  /** the piece of the mapping the statement names (its first page touched), in `before` */
  seg: SegmentDoc | undefined;
}

export function verbOf(st: Stmt): string {
  return st.op === "write" ? "writes" : "reads";
}
