import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Op, Scenario, Statement } from "../contract/ast";
import type { VmState } from "./types";
import { LIMITS } from "../contract/limits";
import { checkInvariants, checkNothingLeft } from "./invariants";
import { initialState, runStep } from "./run";

/**
 * Random operation sequences on a small machine (so memory pressure, the page daemon and
 * running out of swap all happen), with every invariant checked after every step, and all
 * processes made to exit at the end: nothing may be left behind.
 */

const FILE = "/data/f";

/**
 * Ops are generated abstractly and resolved against the state when they run: "a live process",
 * "one of its mappings", so most of them do something real; a few name things that do not
 * exist, to keep the error paths covered.
 */
interface Abstract {
  op: Op["op"];
  p: number;
  q: number;
  s: number;
  bogus: boolean;
  range: { from: number; to: number };
  whole: boolean;
  pages: number;
  source: string;
  prot: { r: boolean; w: boolean; x: boolean };
  shared: boolean;
  noreserve: boolean;
  empty: boolean;
}

const abstractOp: fc.Arbitrary<Abstract> = fc.record({
  op: fc.constantFrom<Op["op"]>(
    "spawn",
    "mmap",
    "mmap",
    "mmap",
    "read",
    "read",
    "write",
    "write",
    "write",
    "write",
    "fork",
    "fork",
    "exit",
    "munmap",
    "mprotect",
    "pageout",
    "pageout",
    "sbrk",
    "stack",
  ),
  p: fc.nat(7),
  q: fc.nat(7),
  s: fc.nat(7),
  bogus: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
  // Mostly inside a mapping, sometimes across its ends.
  range: fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) },
        { weight: 1, arbitrary: fc.integer({ min: -2, max: 9 }) },
      ),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([a, n]) => ({ from: a, to: a + n })),
  whole: fc.boolean(),
  pages: fc.integer({ min: 1, max: 8 }),
  source: fc.constantFrom("/dev/zero", "anon", FILE),
  prot: fc.constantFrom(
    { r: true, w: true, x: false },
    { r: true, w: true, x: false },
    { r: true, w: false, x: false },
    { r: false, w: false, x: false },
    { r: true, w: true, x: true },
  ),
  shared: fc.boolean(),
  noreserve: fc.boolean(),
  empty: fc.boolean(),
});

let names = 0;

/** Turn an abstract op into a statement about the state as it is now. */
function resolve(st: VmState, a: Abstract): Op {
  const live = st.procs.filter((p) => p.alive);
  const p = a.bogus || live.length === 0 ? { name: "Nobody", segs: [] } : live[a.p % live.length]!;
  const segNames = [...new Set(p.segs.map((s) => s.name))];
  const seg = a.bogus || segNames.length === 0 ? "nothing" : segNames[a.s % segNames.length]!;
  const first = p.segs.find((s) => s.name === seg)?.first ?? 0;
  const range = { from: first + a.range.from, to: first + a.range.to };
  switch (a.op) {
    case "spawn":
      return { op: "spawn", proc: `S${names++}`, empty: a.empty };
    case "mmap":
      return {
        op: "mmap",
        proc: p.name,
        seg: `m${names++}`,
        source: a.source,
        pages: a.pages,
        prot: a.prot,
        shared: a.shared,
        offset: 0,
        noreserve: a.noreserve,
      };
    case "read":
    case "write":
      return { op: a.op, proc: p.name, seg, range };
    case "pageout":
      // half the pageouts leave the pages on the cachelist, half reuse their frames at once
      return { op: "pageout", proc: p.name, seg, range, reuse: a.whole };
    case "fork":
      return { op: "fork", proc: p.name, child: a.bogus ? p.name : `C${names++}` };
    case "exit":
      return { op: "exit", proc: p.name };
    case "munmap":
      return { op: "munmap", proc: p.name, seg, range: a.whole ? null : range };
    case "mprotect":
      return { op: "mprotect", proc: p.name, seg, prot: a.prot, range: a.whole ? null : range };
    case "sbrk":
    case "stack":
      return { op: a.op, proc: p.name, pages: a.pages };
  }
}

function scenarioOf(arch: "x86" | "sparc", ram: number, swap: number): Scenario {
  const steps: Statement[] = [
    { op: "spawn", proc: "P1", empty: false, where: { line: 1, text: "spawn P1" } },
  ];
  return { machine: { arch, ramPages: ram, swapPages: swap }, files: [{ path: FILE, pages: 8 }], steps };
}

/** Results seen per operation, to show the generator reaches the interesting paths. */
export const seen = new Map<string, number>();

function runChecked(sc: Scenario, abstract: Abstract[]): void {
  const st = initialState(sc);
  let n = 0;
  const ops: string[] = [];
  const fail = (what: string, bad: string[]) => {
    throw new Error(`${what}\n${bad.join("\n")}\nops:\n${ops.join("\n")}`);
  };
  const statements = function* (): Generator<Statement> {
    yield* sc.steps;
    for (const a of abstract) yield { ...resolve(st, a), where: { line: 0, text: a.op } };
  };
  for (const s of statements()) {
    const r = runStep(st, s, ++n)!;
    ops.push(`${JSON.stringify(s)} -> ${r.result}`);
    const has = (fn: string, say?: string): boolean =>
      r.events.some((e) => e.fn === fn && (!say || e.say.includes(say)));
    const key = `${s.op}:${r.result}:${has("anon_private") ? "cow" : ""}${has("checkpage") ? "pageout" : ""}${has("swap_getapage") ? "pagein" : ""}${has("anon_getpage", "cachelist") ? "reclaim" : ""}${has("page_get_cachelist") ? "cachereuse" : ""}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const bad = checkInvariants(st);
    if (bad.length) fail(`invariants broken after step ${n}`, bad);
  }
  for (const p of [...st.procs]) {
    if (!p.alive) continue;
    runStep(st, { op: "exit", proc: p.name, where: { line: 0, text: "exit" } }, ++n);
    const bad = checkInvariants(st);
    if (bad.length) fail(`invariants broken after ${p.name} exit`, bad);
  }
  const left = checkNothingLeft(st);
  if (left.length) fail("something was left behind after every process exited", left);
}

describe("random operation sequences keep every invariant", () => {
  it("on a roomy machine (x86)", () => {
    fc.assert(
      fc.property(fc.array(abstractOp, { minLength: 5, maxLength: 60 }), (ops) =>
        runChecked(scenarioOf("x86", 4096, 4096), ops),
      ),
      { numRuns: 400, seed: 42 },
    );
  });
  it("under memory pressure and with little swap (the page daemon and EAGAIN/ENOMEM paths)", () => {
    fc.assert(
      fc.property(fc.array(abstractOp, { minLength: 5, maxLength: 80 }), (ops) =>
        runChecked(scenarioOf("x86", 24, 40), ops),
      ),
      { numRuns: 400, seed: 7 },
    );
  });
  it("with no swap device at all (swap=0: swapfs on memory alone, pageout finds no slot)", () => {
    fc.assert(
      fc.property(fc.array(abstractOp, { minLength: 5, maxLength: 60 }), (ops) =>
        runChecked(scenarioOf("x86", 2048, 0), ops),
      ),
      { numRuns: 150, seed: 11 },
    );
  });
  it("with a one-page swap device, which swapadd refuses (no device, like swap=0)", () => {
    fc.assert(
      fc.property(fc.array(abstractOp, { minLength: 5, maxLength: 40 }), (ops) =>
        runChecked(scenarioOf("x86", 64, 1), ops),
      ),
      { numRuns: 60, seed: 5 },
    );
  });
  it("on sparc pages", () => {
    fc.assert(
      fc.property(fc.array(abstractOp, { minLength: 5, maxLength: 60 }), (ops) =>
        runChecked(scenarioOf("sparc", 48, 64), ops),
      ),
      { numRuns: 200, seed: 3 },
    );
  });
  it("with unseeded runs too (the seed is printed on failure)", () => {
    fc.assert(
      fc.property(fc.array(abstractOp, { minLength: 5, maxLength: 60 }), (ops) =>
        runChecked(scenarioOf("x86", 32, 48), ops),
      ),
      { numRuns: 200 },
    );
  });
  it("reaches copy-on-write, pageout, page-in and every failure kind", () => {
    const keys = [...seen.keys()].join(" ");
    if (process.env.SHOW_STATS)
      console.log(
        [...seen.entries()]
          .sort()
          .map(([k, v]) => `${k}=${v}`)
          .join("\n"),
      );
    for (const want of [
      "write:ok:cow",
      "pageout",
      "pagein",
      "mmap:EAGAIN",
      "fork:ENOMEM",
      "write:SIGSEGV",
      "munmap:ok",
      "mprotect:ok",
      "stack:ok",
      "sbrk:ok",
      "reclaim",
      "cachereuse",
    ])
      expect(keys, [...seen.entries()].map(([k, v]) => `${k}=${v}`).join(" ")).toContain(want);
  });
  it("checks something: a broken refcount is caught", () => {
    const sc0 = scenarioOf("x86", 64, 64);
    const sc = {
      ...sc0,
      steps: [
        ...sc0.steps,
        ...[
          {
            op: "mmap",
            proc: "P1",
            seg: "a",
            source: "/dev/zero",
            pages: 2,
            prot: { r: true, w: true, x: false },
            shared: false,
            offset: 0,
            noreserve: false,
          },
          { op: "write", proc: "P1", seg: "a", range: { from: 0, to: 1 } },
        ].map((o) => ({ ...o, where: { line: 2, text: "" } }) as Statement),
      ],
    };
    const st = initialState(sc);
    sc.steps.forEach((s, i) => runStep(st, s, i + 1));
    expect(checkInvariants(st)).toEqual([]);
    st.anon.an_refcnt[2]!++;
    expect(checkInvariants(st).join()).toMatch(/an_refcnt 2 but 1 slots/);
    st.anon.an_refcnt[2]!--;
    // a page put on the cachelist while still mapped (and with no swap slot) is caught too
    st.page.cached[st.anon.an_page[1]!] = 1;
    st.page.nCached++;
    expect(checkInvariants(st).join()).toMatch(/on the cachelist but mapped.*no swap slot/);
  });
});

describe("random operation sequences at the address-space limits", () => {
  it("near LIMITS.segments: mmaps and splitting munmaps are refused, invariants hold, nothing leaks", () => {
    const base = scenarioOf("x86", 256, 1024);
    // P1 (text, data, heap, stack) plus enough 8-page mappings to sit one below the limit
    const fill: Statement[] = Array.from({ length: LIMITS.segments - 4 - 1 }, (_, i) => ({
      op: "mmap",
      proc: "P1",
      seg: `f${i}`,
      source: "anon",
      pages: 8,
      prot: { r: true, w: true, x: false },
      shared: false,
      offset: 0,
      noreserve: true,
      where: { line: 0, text: "mmap" },
    }));
    const sc: Scenario = { ...base, steps: [...base.steps, ...fill] };
    const before = new Map(seen);
    fc.assert(
      fc.property(fc.array(abstractOp, { minLength: 10, maxLength: 60 }), (ops) => runChecked(sc, ops)),
      { numRuns: 60, seed: 11 },
    );
    const grew = (k: string): boolean => (seen.get(k) ?? 0) > (before.get(k) ?? 0);
    const hit = [...seen.keys()].filter(grew);
    expect(hit.some((k) => k.startsWith("mmap:ENOMEM"))).toBe(true);
    expect(hit.some((k) => k.startsWith("munmap:ENOMEM"))).toBe(true);
  });
});
