import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../scenarios/presets";
import { parseScenario } from "../scenarios/parse";
import { questionsFor } from "./predict";
import { grade } from "../contract/grade";
import { MAX_QUESTIONS, NO_COPY, type Question } from "../contract/question";
import { buildDoc } from "./report/doc";
import { type VmDoc } from "../contract/doc";
import { RULES } from "../contract/kernel/rules";
import { initialState, runStep, type StepRecord } from "./run";

interface Walked {
  before: VmDoc;
  step: StepRecord;
  after: VmDoc;
  qs: Question[];
}

/** Run a scenario step by step, asking the questions of each step from the documents around it. */
function walk(text: string): Walked[] {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(`parse error: line ${r.error.line}: ${r.error.message}`);
  const st = initialState(r.scenario);
  const out: Walked[] = [];
  let before = buildDoc(st, []);
  r.scenario.steps.forEach((s, i) => {
    const step = runStep(st, s, i + 1)!;
    const after = buildDoc(st, []);
    out.push({ before, step, after, qs: questionsFor(before, step, after) });
    before = after;
  });
  return out;
}

const ORACLES = new URL("../../test/oracles/", import.meta.url);
const oracle = (name: string): Walked[] => walk(readFileSync(new URL(name, ORACLES), "utf8"));
const preset = (id: string): Walked[] => walk(PRESETS.find((p) => p.id === id)!.text);
const ask = (w: Walked[], n: number, kind: Question["kind"]): Question | undefined =>
  w[n - 1]!.qs.find((q) => q.kind === kind);

/** Every walked scenario: all presets and all oracles (the big presets once, they are slow). */
const ALL: [string, Walked[]][] = [
  ...PRESETS.map((p): [string, Walked[]] => [`preset ${p.id}`, walk(p.text)]),
  ...readdirSync(ORACLES)
    .filter((f) => f.endsWith(".vms"))
    .sort()
    .map((f): [string, Walked[]] => [`oracle ${f}`, oracle(f)]),
];

/** The anon in the slot a refcnt question names, read from the document itself. */
function refcntFromDoc(q: Question, doc: VmDoc): number | undefined {
  const m = /the anon in (\w+)'s slot for page (-?\d+) of (\w+)\?/.exec(q.prompt);
  if (!m) throw new Error(`refcnt prompt names no slot: ${q.prompt}`);
  const page = Number(m[2]);
  const seg = doc.processes
    .find((p) => p.name === m[1] && p.state === "alive")
    ?.segments.find((s) => s.name === m[3] && page >= s.first && page < s.first + s.pages);
  const id = seg?.slots[page - seg.first]?.anon;
  return doc.anons.find((a) => a.id === id)?.refcnt;
}

describe("questionsFor: the questions of particular steps", () => {
  it("a child's write to a shared page after fork: the child gets the copy", () => {
    const w = oracle("o05-child-write-cow.vms");
    const q = ask(w, 5, "newPage")!;
    expect(q.answer).toBe("P2");
    expect(q.choices).toEqual(["P1", "P2", NO_COPY]);
    expect(q.explain).toContain("anon_private");
    expect(q.rule).toBe("cow-copy");
    expect(w[4]!.qs[0]!.kind).toBe("newPage");
  });

  it("the default preset: P2 copies page 1, then P1's write of page 1 copies nothing", () => {
    const w = preset("default");
    expect(ask(w, 5, "newPage")!.answer).toBe("P2");
    const p1 = ask(w, 6, "newPage")!;
    expect(p1.answer).toBe(NO_COPY);
    expect(p1.rule).toBe("cow-last-holder");
    // After P2's copy, P1's page 1 anon is back to one holder.
    expect(ask(w, 5, "refcnt")!.answer).toBe(1);
    expect(ask(w, 5, "refcnt")!.prompt).toContain("P1's slot for page 1 of buf");
  });

  it("a write after the other process exited copies nothing", () => {
    const w = oracle("o08-write-after-exit.vms");
    expect(ask(w, 6, "newPage")!.answer).toBe(NO_COPY);
    const p = preset("write-after-exit");
    const last = p[p.length - 1]!;
    expect(last.step.text).toBe("P1 write buf 0-3");
    expect(last.qs.find((q) => q.kind === "newPage")!.answer).toBe(NO_COPY);
    expect(last.qs.find((q) => q.kind === "newPage")!.choices).toEqual(["P1", NO_COPY]);
  });

  it("a MAP_SHARED write after fork never copies", () => {
    const w = preset("shared-zero");
    const q = ask(w, 5, "newPage")!;
    expect(q.answer).toBe(NO_COPY);
    expect(q.rule).toBe("shared-anon-never-cow");
  });

  it("fork: the child's slot has an_refcnt 2, swap reserved grows by the parent's reservation", () => {
    const w = oracle("o04-fork-shares-slots.vms");
    const rc = ask(w, 4, "refcnt")!;
    expect(rc.answer).toBe(2);
    expect(rc.rule).toBe("fork-anon-dup");
    expect(rc.prompt).toContain("P2's slot for page 0 of buf");
    const res = ask(w, 4, "swapReserved")!;
    expect(res.answer).toBe(16);
    expect(res.rule).toBe("fork-reserves");
  });

  it("exit: the survivor's anon loses a holder", () => {
    const w = preset("three-generations");
    const exitStep = w.findIndex((x) => x.step.text === "P3 exit") + 1;
    const q = ask(w, exitStep, "refcnt")!;
    expect(q.answer).toBe(refcntFromDoc(q, w[exitStep - 1]!.after));
    expect(q.rule).toBe("exit-frees");
  });

  it("swap -s reserved and allocated are answered in KB, as the tool prints them", () => {
    const w = oracle("o01-untouched-private-zero.vms");
    const q = ask(w, 2, "swapReserved")!;
    expect(q.answer).toBe(16);
    expect(q.answer).toBe((w[1]!.after.swap.reservedPages * w[1]!.after.pageSize) / 1024);
    expect(ask(w, 2, "swapAllocated")!.answer).toBe(0);
    // SPARC pages are 8 KB.
    const s = preset("sparc");
    const mm = ask(s, 2, "swapReserved")!;
    expect(mm.answer).toBe((s[1]!.after.swap.reservedPages * 8192) / 1024);
  });

  it("pageout changes neither swap -s nor an_refcnt", () => {
    const w = oracle("o18-pageout.vms");
    const qs = w[3]!.qs;
    expect(qs.find((q) => q.kind === "swapAllocated")!.answer).toBe(16);
    expect(qs.find((q) => q.kind === "refcnt")!.answer).toBe(1);
    expect(qs.find((q) => q.kind === "refcnt")!.rule).toBe("pageout-anon");
  });

  it("a write to a read-only mapping: the result question answers SIGSEGV", () => {
    const w = oracle("o28-mprotect-then-write.vms");
    const q = w[4]!.qs[0]!;
    expect(q.kind).toBe("result");
    expect(q.answer).toBe("SIGSEGV");
    expect(q.choices).toContain("SIGSEGV");
    expect(q.explain).toContain("FC_PROT");
    // The hole left by munmap: SIGSEGV too.
    const m = preset("munmap-split");
    const hole = m.findIndex((x) => x.step.text === "P1 write buf 3") + 1;
    expect(ask(m, hole, "result")!.answer).toBe("SIGSEGV");
  });

  it("out of swap: mmap EAGAIN, fork ENOMEM, a MAP_NORESERVE touch SIGBUS", () => {
    const w = preset("out-of-swap");
    expect(ask(w, 4, "result")!.answer).toBe("EAGAIN");
    expect(ask(w, 4, "result")!.rule).toBe("mmap-eagain");
    expect(ask(w, 7, "result")!.answer).toBe("ENOMEM");
    expect(ask(w, 7, "result")!.rule).toBe("fork-enomem");
    // The same fork once most of buf is gone: could still fail, and does not.
    expect(ask(w, 9, "result")?.answer ?? "ok").toBe("ok");
    const nr = preset("noreserve");
    expect(nr[nr.length - 1]!.qs[0]).toMatchObject({
      kind: "result",
      answer: "SIGBUS",
      rule: "noreserve-per-fault",
    });
  });

  it("the rules of issue 11 explain the answers where they decide them", () => {
    const extra = (name: string): Walked[] =>
      walk(readFileSync(new URL(`../../test/oracles-extra/${name}`, import.meta.url), "utf8"));
    // a stack-area hole on x86: SIGSEGV, and the real process would spin
    const holes = extra("o86-brk-stack-holes-x86.vms");
    const spin = ask(holes, 6, "result")!;
    expect([spin.answer, spin.rule]).toEqual(["SIGSEGV", "brk-stack-holes"]);
    expect(spin.explain).toContain("forever");
    // past DFLSSIZ
    const limit = ask(extra("o84-stack-limit-x86.vms"), 3, "result")!;
    expect([limit.answer, limit.rule]).toEqual(["SIGSEGV", "stack-limit"]);
    // a refused write under per-page protections
    const refused = ask(extra("o82-refused-access-leftovers.vms"), 4, "result")!;
    expect([refused.answer, refused.rule]).toEqual(["SIGSEGV", "refused-access-leftovers"]);
    // pageout's rule: a modified anon page is written; the reclaim from the cachelist explains a
    // read with no new anon
    const w = extra("o76-pageout-cachelist-reclaim.vms");
    expect(ask(w, 4, "swapReserved")!.rule).toBe("pageout-anon");
    expect(ask(w, 5, "newPage")).toBeUndefined();
  });

  it("a second write to a page already writable does not fault", () => {
    const w = walk("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0\nP1 write buf 0");
    expect(ask(w, 3, "fault")!.answer).toBe("yes");
    const q = w[3]!.qs[0]!;
    expect(q).toMatchObject({ kind: "fault", answer: "no", choices: ["yes", "no"] });
    expect(q.explain).toContain("No fault");
    // The grown stack pages are pre-faulted: writing them again does not fault either.
    const hs = preset("heap-stack");
    expect(ask(hs, 5, "fault")!.answer).toBe("no");
    // A read of a shared page the process already maps.
    expect(ask(preset("shared-zero"), 6, "fault")!.answer).toBe("no");
  });

  it("a first touch faults and makes a zero page, not a copy", () => {
    const w = oracle("o02-read-fault-zfod.vms");
    const q = ask(w, 3, "fault")!;
    expect(q.answer).toBe("yes");
    expect(q.rule).toBe("zfod-any-access");
    expect(ask(w, 3, "newPage")).toBeUndefined();
    // trap calls pagefault, which calls as_fault (i86pc trap.c, vm_machdep.c): the prompt says so.
    expect(q.prompt).toContain("trap → pagefault → as_fault → segvn_fault");
  });

  it("a write to a private file mapping copies the file page for the writer", () => {
    const w = oracle("o15-file-private-write.vms");
    const q = ask(w, 4, "newPage")!;
    expect(q.answer).toBe("P1");
    expect(q.rule).toBe("file-private-write-copies");
  });
});

describe("questionsFor: every step of every preset and oracle", () => {
  const ruleIds = new Set(RULES.map((r) => r.id));
  it.each(ALL)("%s: well-formed questions", (_name, w) => {
    for (const { step, qs, before, after } of w) {
      expect(qs.length).toBeLessThanOrEqual(MAX_QUESTIONS);
      expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
      for (const q of qs) {
        const where = `step ${step.n} (${step.text}) ${q.kind}`;
        expect(q.prompt.trim(), where).not.toBe("");
        expect(q.explain.trim(), where).not.toBe("");
        if (q.choices) {
          expect(q.choices, where).toContain(q.answer);
          expect(new Set(q.choices).size, where).toBe(q.choices.length);
        } else {
          expect(typeof q.answer, where).toBe("number");
          expect(Number.isFinite(q.answer), where).toBe(true);
        }
        if (q.rule !== undefined) expect(ruleIds.has(q.rule), where).toBe(true);
        // The explanation names a kernel function: one the step ran, or the rule's.
        const fns = [
          ...step.events.map((e) => e.fn),
          ...RULES.filter((r) => r.id === q.rule).map((r) => r.fn),
        ];
        expect(
          fns.some((fn) => q.explain.includes(fn)),
          where,
        ).toBe(true);
        // Graded against the documents themselves.
        if (q.kind === "swapReserved")
          expect(q.answer, where).toBe((after.swap.reservedPages * after.pageSize) / 1024);
        if (q.kind === "swapAllocated")
          expect(q.answer, where).toBe((after.swap.allocatedPages * after.pageSize) / 1024);
        if (q.kind === "refcnt") expect(q.answer, where).toBe(refcntFromDoc(q, after));
        if (q.kind === "result") expect(q.answer, where).toBe(step.result);
        if (q.kind === "fault")
          expect(q.answer, where).toBe(
            step.events.some((e) => e.fn === "trap" && !e.say.startsWith("No fault")) ? "yes" : "no",
          );
        if (q.kind === "newPage") {
          expect(q.choices, where).toEqual([
            ...before.processes.filter((p) => p.state === "alive").map((p) => p.name),
            NO_COPY,
          ]);
          expect(q.answer === NO_COPY, where).toBe(!step.events.some((e) => e.fn === "anon_private"));
        }
      }
      // A step that failed always asks what happens.
      if (step.result !== "ok")
        expect(qs.some((q) => q.kind === "result" && q.answer === step.result)).toBe(true);
    }
  });

  it("is deterministic: the same input gives the same questions", () => {
    for (const id of ["default", "out-of-swap", "munmap-split"]) {
      const a = preset(id).map((x) => x.qs);
      const b = preset(id).map((x) => x.qs);
      expect(a).toEqual(b);
    }
    const w = preset("default");
    for (const x of w) expect(questionsFor(x.before, x.step, x.after)).toEqual(x.qs);
  });

  it("asks something about most steps", () => {
    const steps = ALL.flatMap(([, w]) => w);
    const asked = steps.filter((x) => x.qs.length > 0).length;
    expect(asked / steps.length).toBeGreaterThan(0.9);
  });
});

describe("grade", () => {
  const w = oracle("o05-child-write-cow.vms");
  const newPage = ask(w, 5, "newPage")!;
  const reserved = ask(w, 2, "swapReserved")!;

  it("accepts the right choice, case-insensitive and trimmed", () => {
    expect(grade(newPage, "P2").correct).toBe(true);
    expect(grade(newPage, "  p2 ").correct).toBe(true);
    expect(grade(newPage, "P2").explain).toMatch(/^Right\./);
  });

  it("rejects a wrong choice and says the answer", () => {
    const g = grade(newPage, "P1");
    expect(g.correct).toBe(false);
    expect(g.explain).toContain("the answer is P2");
    expect(g.explain).toContain(newPage.explain);
    expect(grade(newPage, NO_COPY).correct).toBe(false);
  });

  it("'none' is enough for 'none: no copy'", () => {
    const q = ask(oracle("o08-write-after-exit.vms"), 6, "newPage")!;
    expect(grade(q, "none").correct).toBe(true);
    expect(grade(q, "NONE: no copy").correct).toBe(true);
    expect(grade(q, "P1").correct).toBe(false);
  });

  it("numbers: exact after parsing, a k suffix allowed", () => {
    expect(reserved.answer).toBe(16);
    expect(grade(reserved, 16).correct).toBe(true);
    expect(grade(reserved, "16").correct).toBe(true);
    expect(grade(reserved, " 16k ").correct).toBe(true);
    expect(grade(reserved, "16 KB").correct).toBe(true);
    expect(grade(reserved, 15).correct).toBe(false);
    expect(grade(reserved, "4").correct).toBe(false);
    expect(grade(reserved, "sixteen").correct).toBe(false);
    expect(grade(reserved, "15").explain).toContain("the answer is 16k");
  });
});
