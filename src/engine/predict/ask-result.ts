/** Questions about a step's result and its swap accounting. */
import { type Rule } from "../../contract/kernel/rules";
import type { VmEvent } from "../types";
import { copyConceivable } from "./ask-fault";
import {
  aliveProc,
  pieceAt,
  kb,
  pagesText,
  plural,
  RULE_BY_ID,
  find,
  findLast,
  explainWith,
  question,
  noFaultTraps,
  faultRule,
  opRule,
  type Ctx,
  verbOf,
} from "./lookup";
import { type Question, RESULT_CHOICES } from "../../contract/question";

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

export function resultQuestion(c: Ctx): Question | undefined {
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
    case "SIGSEGV": {
      lead = `${st.proc} gets SIGSEGV.`;
      const perPage = find(step, "segvn_faultpage", /FC_PROT/);
      const limit = find(step, "grow_internal", /stack limit/);
      const hole = find(step, "trap", /forever/) ?? find(step, "pagefault", /hole/);
      ev =
        perPage ??
        find(step, "segvn_fault", /FC_PROT/) ??
        limit ??
        hole ??
        find(step, "as_fault", /FC_NOMAP/) ??
        last;
      rule = RULE_BY_ID.get(
        perPage ? "refused-access-leftovers" : limit ? "stack-limit" : hole ? "brk-stack-holes" : "",
      );
      break;
    }
    default:
      lead = `The step fails with ${step.result}.`;
      ev = last;
      rule = undefined;
  }
  return question(step, "result", prompt, step.result, explainWith(lead, ev, rule), rule, choices);
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

export function swapQuestion(c: Ctx, which: "reserved" | "allocated"): Question | undefined {
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
