/** Questions about a fault: will it fault, copy a page, what an_refcnt becomes. */
import type { SegmentDoc } from "../../contract/doc";
import { type Rule } from "../../contract/kernel/rules";
import type { VmEvent } from "../types";
import {
  aliveProc,
  alive,
  type SlotRef,
  pieceAt,
  slotAt,
  anonIndex,
  holderOf,
  pagesText,
  RULE_BY_ID,
  find,
  told,
  explainWith,
  question,
  faultTraps,
  noFaultTraps,
  copies,
  decisiveFaultEvent,
  isFile,
  faultRule,
  opRule,
  type Ctx,
  verbOf,
} from "./lookup";
import { type Question, NO_COPY, YES, NO } from "../../contract/question";

export function faultQuestion(c: Ctx): Question | undefined {
  const { step, st } = c;
  if (st.op !== "read" && st.op !== "write") return undefined;
  const faults = faultTraps(step);
  const quiet = noFaultTraps(step);
  if (faults.length === 0 && quiet.length === 0) return undefined;
  const r = st.range!;
  const one = r.from === r.to;
  const prompt = one
    ? `${st.proc} ${verbOf(st)} page ${r.from} of ${st.seg}. Will the access fault, that is, will the MMU trap into the kernel (trap → pagefault → as_fault → segvn_fault)?`
    : `${st.proc} ${verbOf(st)} pages ${r.from} to ${r.to} of ${st.seg}, one after the other. Will any of these accesses fault, that is, trap into the kernel (trap → pagefault → as_fault → segvn_fault)?`;
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
export function copyConceivable(c: Ctx): boolean {
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

export function newPageQuestion(c: Ctx): Question | undefined {
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
  } else if ((ev = find(step, "segvn_faultpage", /\(F8\)/))) {
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

export function refcntQuestion(c: Ctx): Question | undefined {
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
