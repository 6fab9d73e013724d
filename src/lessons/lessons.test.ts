import { describe, expect, it } from "vitest";
import { checkInvariants } from "../engine/invariants";
import { questionsFor } from "../engine/predict";
import { buildDoc } from "../engine/report/doc";
import { type VmDoc } from "../contract/doc";
import { sourceLink } from "../contract/kernel/rules";
import { initialState, runStep, type StepRecord } from "../engine/run";
import { parseScenario } from "../scenarios/parse";
import { LESSONS, lessonById, type Lesson } from "./lessons";
import { LESSON_CATALOG, isLesson } from "./catalog";

/** Parse and run a lesson's scenario, checking every invariant after every step. */
function run(lesson: Lesson): { steps: StepRecord[]; docs: VmDoc[] } {
  const r = parseScenario(lesson.scenario);
  if (!r.ok)
    throw new Error(`${lesson.id}: line ${r.error.line}, column ${r.error.column}: ${r.error.message}`);
  const st = initialState(r.scenario);
  expect(checkInvariants(st)).toEqual([]);
  const steps: StepRecord[] = [];
  const docs: VmDoc[] = [buildDoc(st, [])];
  r.scenario.steps.forEach((s, i) => {
    const rec = runStep(st, s, i + 1)!;
    expect(checkInvariants(st), `${lesson.id} step ${i + 1} (${rec.text})`).toEqual([]);
    steps.push(rec);
    docs.push(buildDoc(st, []));
  });
  return { steps, docs };
}

const LINK = /\[([^\]]*)\]\(([^)\s]*)\)/g;
const links = (l: Lesson): { text: string; url: string }[] =>
  l.prose.flatMap((p) => [...p.matchAll(LINK)].map((m) => ({ text: m[1]!, url: m[2]! })));
const linked = (l: Lesson, fn: string): boolean =>
  links(l).some((k) => k.text === fn && k.url === sourceLink(fn));

/** The functions each lesson's idea cannot be told without; the prose must link every one. */
const KEY_FUNCTIONS: Record<string, string[]> = {
  "anonymous-memory": ["anon_zero", "anon_private", "segvn_fault", "grow"],
  "file-mapping": ["segvn_create", "ufs_getpage", "page_lookup", "segvn_faultpage"],
  "dev-zero": ["mmsegmap", "zmap", "anon_alloc", "anon_zero", "segvn_create"],
  "anon-map": ["anonmap_alloc", "anon_create", "anon_set_ptr", "anon_get_ptr", "anon_dup"],
  "fork-cow": ["cfork", "segvn_dup", "anon_dup", "hat_clrattr", "anon_private", "anon_decref"],
  swap: ["anon_resvmem", "anon_unresvmem", "swapctl", "swap_putapage", "swap_getapage"],
};

describe("lessons", () => {
  it("are the six lessons, in order", () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      "anonymous-memory",
      "file-mapping",
      "dev-zero",
      "anon-map",
      "fork-cow",
      "swap",
    ]);
    expect(LESSONS.map((l) => l.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(LESSONS[0]!.title).toMatch(/anonymous memory/i);
    expect(LESSONS[1]!.title).toMatch(/vnode, offset/);
    expect(LESSONS[2]!.title).toMatch(/\/dev\/zero.*MAP_ANON/);
    expect(LESSONS[3]!.title).toMatch(/anon_map.*anon_hdr/);
    expect(LESSONS[4]!.title).toMatch(/fork/);
    expect(LESSONS[5]!.title).toMatch(/reservation.*pageout/i);
  });

  it("the menu's catalogue (loaded before the lessons) names the same lessons, titles and order", () => {
    expect(LESSON_CATALOG).toEqual(LESSONS.map((l) => ({ id: l.id, n: l.n, title: l.title })));
    for (const l of LESSONS) expect(isLesson(l.id)).toBe(true);
    expect(isLesson("nope")).toBe(false);
  });

  it("lessonById finds each lesson and nothing else", () => {
    for (const l of LESSONS) expect(lessonById(l.id)).toBe(l);
    expect(lessonById("nope")).toBeUndefined();
  });

  it.each(LESSONS)("$n $id: the scenario has the preset headers", (l) => {
    const lines = l.scenario.split("\n");
    expect(lines[0]).toBe(`# title: ${l.title}`);
    expect(lines[1]).toMatch(/^# idea: \S.{40,}$/);
  });

  it.each(LESSONS)("$n $id: the scenario parses and runs with every invariant holding", (l) => {
    const { steps } = run(l);
    expect(steps.length).toBeGreaterThan(2);
    for (const s of steps) expect(s.events.length, s.text).toBeGreaterThan(0);
  });

  it.each(LESSONS)(
    "$n $id: 2-4 watch points, each on a step of the scenario that shows what it names",
    (l) => {
      const { steps } = run(l);
      expect(l.watch.length).toBeGreaterThanOrEqual(2);
      expect(l.watch.length).toBeLessThanOrEqual(4);
      const order = l.watch.map((w) => w.step);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      for (const w of l.watch) {
        expect(Number.isInteger(w.step)).toBe(true);
        expect(w.step).toBeGreaterThanOrEqual(1);
        expect(w.step).toBeLessThanOrEqual(steps.length);
        expect(w.note.trim()).not.toBe("");
        // The note names at least one kernel function that this very step runs.
        const fns = new Set(steps[w.step - 1]!.events.map((e) => e.fn));
        const named = [...fns].filter((fn) => new RegExp(`\\b${fn}\\b`).test(w.note));
        expect(named, `${l.id} step ${w.step}: ${w.note}`).not.toEqual([]);
      }
    },
  );

  it.each(LESSONS)("$n $id: 2-5 short paragraphs, every link to src.illumos.org", (l) => {
    expect(l.prose.length).toBeGreaterThanOrEqual(2);
    expect(l.prose.length).toBeLessThanOrEqual(5);
    for (const p of l.prose) {
      expect(p.trim()).not.toBe("");
      expect(p.length).toBeLessThan(1200);
      // No raw URL outside a link, and no bracket that is not a link.
      expect(p.replace(LINK, "")).not.toMatch(/https?:|\[|\]\(/);
    }
    const all = links(l);
    expect(all.length).toBeGreaterThan(0);
    for (const { text, url } of all) {
      expect(new URL(url).protocol).toBe("https:");
      expect(new URL(url).hostname).toBe("src.illumos.org");
      expect(url).toBe(sourceLink(text));
    }
  });

  it.each(LESSONS)("$n $id: the prose links the key functions of its idea", (l) => {
    const keys = KEY_FUNCTIONS[l.id]!;
    for (const fn of keys) expect(linked(l, fn), `${l.id} should link ${fn}`).toBe(true);
  });

  it.each(LESSONS)("$n $id: every step has predict-then-reveal questions with valid answers", (l) => {
    const { steps, docs } = run(l);
    const asked = steps.map((s, i) => questionsFor(docs[i]!, s, docs[i + 1]!));
    expect(asked.filter((qs) => qs.length > 0).length).toBe(steps.length);
    for (const q of asked.flat()) {
      expect(q.prompt).not.toBe("");
      expect(q.explain).not.toBe("");
      if (q.choices) expect(q.choices).toContain(q.answer);
      else expect(Number.isFinite(q.answer)).toBe(true);
    }
  });

  it("the scenarios show what the lessons say", () => {
    // 1: heap, stack and copies are all anonymous: each made an anon.
    const one = run(lessonById("anonymous-memory")!);
    expect(one.steps[3]!.events.map((e) => e.fn)).toContain("anon_private");
    expect(one.docs[6]!.swap.allocatedPages).toBe(7);
    // 2: two mappings of one file share a frame; nothing anonymous is made.
    const two = run(lessonById("file-mapping")!);
    const frameOf = (d: VmDoc, p: string, seg: string, i: number) =>
      d.processes.find((x) => x.name === p)!.segments.find((s) => s.name === seg)!.slots[i]!.frame;
    const last = two.docs[two.docs.length - 1]!;
    expect(frameOf(last, "P2", "tail", 0)).toBe(frameOf(last, "P1", "notes", 2));
    expect(last.anons).toEqual([]);
    expect(last.swap.usedPages).toBe(0);
    // 3: anonymous pages are named on swapfs, and keep the name across pageout and page-in.
    const three = run(lessonById("dev-zero")!);
    const named = three.docs[4]!.frames.find((x) => x.id === frameOf(three.docs[4]!, "P1", "zero", 0));
    const back = three.docs[7]!.frames.find((x) => x.id === frameOf(three.docs[7]!, "P1", "zero", 0));
    expect(named).toMatchObject({ vnode: "swapfs" });
    expect(back).toMatchObject({ vnode: "swapfs", offset: named!.offset });
    expect(back!.id).not.toBe(named!.id);
    // 4: a flat array of 4, then a two-level one whose chunks appear as slots are stored.
    const four = run(lessonById("anon-map")!);
    expect(four.docs[3]!.anonMaps[0]).toMatchObject({ slots: 4, levels: 1 });
    expect(four.docs[6]!.anonMaps[1]).toMatchObject({ slots: 1024, levels: 2, chunks: 1 });
    expect(four.docs[7]!.anonMaps[1]).toMatchObject({ chunks: 2 });
    // 5: copy for the child, none for the last holder.
    const five = run(lessonById("fork-cow")!);
    expect(five.steps[5]!.events.map((e) => e.fn)).toContain("anon_private");
    expect(five.steps[6]!.events.map((e) => e.fn)).not.toContain("anon_private");
    // 6: EAGAIN at mmap; pageout leaves swap -s alone and uses swap slots; a reclaim from the
    // cachelist keeps the slot, a page-in from the device frees it.
    const six = run(lessonById("swap")!);
    expect(six.steps[3]!.result).toBe("EAGAIN");
    expect(six.docs[5]!.swap).toMatchObject({
      usedPages: six.docs[4]!.swap.usedPages,
      allocatedPages: six.docs[4]!.swap.allocatedPages,
      deviceSlotsUsed: 2,
    });
    expect(six.steps[5]!.events.map((e) => e.fn)).not.toContain("swap_getapage");
    expect(six.docs[6]!.swap.deviceSlotsUsed).toBe(2);
    expect(six.steps[7]!.events.map((e) => e.fn)).toContain("swap_getapage");
    expect(six.docs[8]!.swap.deviceSlotsUsed).toBe(1);
    expect(six.docs[9]!.swap.usedPages).toBe(0);
  });
});
