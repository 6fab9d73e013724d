import { describe, expect, it } from "vitest";
import { anon_get_ptr } from "../engine/anon_hdr";
import { checkInvariants, checkNothingLeft } from "../engine/invariants";
import { buildDoc } from "../engine/report/doc";
import { type SegmentDoc, type VmDoc } from "../contract/doc";
import { initialState, runStep, type StepRecord } from "../engine/run";
import { swapFigures } from "../engine/swap";
import type { StepResult, VmState } from "../engine/types";
import type { Scenario } from "../contract/ast";
import { parseScenario } from "./parse";
import { DEFAULT_PRESET_ID, PRESETS, presetById, type Preset } from "./presets";
import { flipShare } from "./flipShare";
import { DEFAULT_PRESET, PRESET_MENU } from "./presetMenu";

/**
 * Every preset: its header, that it parses and runs with the engine's invariants holding after
 * every step, that every step gives the result the preset means, that nothing is left once all
 * processes exit, and the one idea it teaches (EXPECT below).
 */

const LARGE = "large-fork";

interface Run {
  steps: StepRecord[];
  /** the state after the last step (before anything exits) */
  state: VmState;
  /** the JSON document after step n (1-based); not kept for the large preset */
  at: (n: number) => VmDoc;
  /** the document after the last step */
  doc: () => VmDoc;
}

function parse(p: Preset): Scenario {
  const r = parseScenario(p.text);
  if (!r.ok) throw new Error(`${p.id}: line ${r.error.line}, column ${r.error.column}: ${r.error.message}`);
  return r.scenario;
}

/** Run a preset; check the invariants after every step unless `perStep` is false. */
function run(p: Preset, perStep: boolean): Run {
  const sc = parse(p);
  const state = initialState(sc);
  const steps: StepRecord[] = [];
  const docs: VmDoc[] = [];
  sc.steps.forEach((s, i) => {
    const rec = runStep(state, s, i + 1);
    if (!rec) throw new Error("runStep stopped without a stopAfter");
    steps.push(rec);
    if (perStep) {
      expect(checkInvariants(state), `${p.id} after step ${i + 1} (${s.where.text})`).toEqual([]);
      docs.push(buildDoc(state, steps));
    }
  });
  return {
    steps,
    state,
    at: (n) => {
      const d = docs[n - 1];
      if (!d) throw new Error(`no document kept for step ${n} of ${p.id}`);
      return d;
    },
    doc: () => docs[docs.length - 1] ?? buildDoc(state, steps),
  };
}

const cache = new Map<string, Run>();
function ran(p: Preset): Run {
  let r = cache.get(p.id);
  if (!r) {
    r = run(p, p.id !== LARGE);
    cache.set(p.id, r);
  }
  return r;
}

// ---- helpers over the JSON document --------------------------------------------------------

function fns(r: Run, n: number): Set<string> {
  return new Set(r.steps[n - 1]!.events.map((e) => e.fn));
}

function segsOf(d: VmDoc, proc: string, name: string): SegmentDoc[] {
  const p = d.processes.find((x) => x.name === proc && x.state === "alive");
  return p ? p.segments.filter((s) => s.name === name) : [];
}

function seg(d: VmDoc, proc: string, name: string, first = 0): SegmentDoc {
  const s = segsOf(d, proc, name).find((x) => x.first === first);
  if (!s) throw new Error(`${proc} has no segment ${name} starting at page ${first}`);
  return s;
}

interface SlotView {
  anon: string | null;
  refcnt: number;
  frame: string | null;
  hat: string | null;
  anonFrame: string | null;
  swapSlot: number | null;
}

/** Page `page` (a mapping page number) of segment `name` in `proc`. */
function slot(d: VmDoc, proc: string, name: string, page: number): SlotView {
  const s = segsOf(d, proc, name).find((x) => x.first <= page && page < x.first + x.pages);
  if (!s) throw new Error(`${proc} ${name} page ${page} is not mapped`);
  const sl = s.slots[page - s.first]!;
  const a = sl.anon ? d.anons.find((x) => x.id === sl.anon) : undefined;
  return {
    anon: sl.anon,
    refcnt: a ? a.refcnt : 0,
    frame: sl.frame,
    hat: sl.hat,
    anonFrame: a ? a.frame : null,
    swapSlot: a ? a.swapSlot : null,
  };
}

function ampOf(d: VmDoc, s: SegmentDoc) {
  const m = d.anonMaps.find((x) => x.id === s.amp);
  if (!m) throw new Error(`segment ${s.name} has no anon_map`);
  return m;
}

function pmapRows(d: VmDoc, proc: string, name: string) {
  return (d.pmap[proc] ?? []).filter((r) => r.segment === name);
}

const pmapSum = (d: VmDoc, proc: string, name: string, k: "kbytes" | "rss" | "anon"): number =>
  pmapRows(d, proc, name).reduce((t, r) => t + r[k], 0);

// ---- what each preset teaches --------------------------------------------------------------

interface Expectation {
  /** steps whose result is not "ok" */
  results?: Record<number, StepResult>;
  teaches: (r: Run) => void;
}

const EXPECT: Record<string, Expectation> = {
  default: {
    teaches(r) {
      expect(r.steps.length).toBeGreaterThanOrEqual(6);
      expect(r.steps.length).toBeLessThanOrEqual(10);
      // a standard process: text, data, heap, buf and stack
      expect(segsOf(r.at(2), "P1", "heap")).toHaveLength(1);
      expect(segsOf(r.at(2), "P1", "stack")).toHaveLength(1);
      expect(fns(r, 3).has("anon_zero")).toBe(true);
      // fork shares the anons
      expect(fns(r, 4)).toContain("anon_dup");
      expect(fns(r, 4)).toContain("hat_clrattr");
      const f = r.at(4);
      for (let i = 0; i < 4; i++) {
        expect(slot(f, "P1", "buf", i).refcnt).toBe(2);
        expect(slot(f, "P1", "buf", i).hat).toBe("r");
        expect(slot(f, "P2", "buf", i).anon).toBe(slot(f, "P1", "buf", i).anon);
        expect(slot(f, "P2", "buf", i).hat).toBeNull();
      }
      // the child's write: copy-on-write
      expect(fns(r, 5)).toContain("anon_private");
      expect(fns(r, 5)).toContain("anon_decref");
      const c = r.at(5);
      expect(slot(c, "P2", "buf", 1).anon).not.toBe(slot(c, "P1", "buf", 1).anon);
      expect(slot(c, "P2", "buf", 1).refcnt).toBe(1);
      expect(slot(c, "P1", "buf", 1).refcnt).toBe(1);
      expect(slot(c, "P2", "buf", 1).hat).toBe("rw");
      expect(c.swap.allocatedPages - f.swap.allocatedPages).toBe(1);
      // the parent's write of its own page: no copy
      expect(fns(r, 6).has("anon_private")).toBe(false);
      expect(slot(r.at(6), "P1", "buf", 1).hat).toBe("rw");
      // a read of a shared page maps it read-only
      expect(fns(r, 7).has("anon_private")).toBe(false);
      expect(slot(r.doc(), "P2", "buf", 2).hat).toBe("r");
      expect(slot(r.doc(), "P2", "buf", 2).refcnt).toBe(2);
    },
  },

  "fork-cow": {
    teaches(r) {
      const f = r.at(4);
      expect(fns(r, 4)).toContain("anon_dup");
      expect(f.anonMaps).toHaveLength(2);
      expect(f.anons).toHaveLength(4);
      expect(seg(f, "P1", "buf").amp).not.toBe(seg(f, "P2", "buf").amp);
      for (let i = 0; i < 4; i++) {
        expect(slot(f, "P1", "buf", i).refcnt).toBe(2);
        expect(slot(f, "P2", "buf", i).anon).toBe(slot(f, "P1", "buf", i).anon);
        expect(slot(f, "P1", "buf", i).hat).toBe("r");
      }
      expect(f.swap.usedPages).toBe(8);
      expect(f.swap.allocatedPages).toBe(4);
      expect(pmapSum(f, "P1", "buf", "anon")).toBe(0);
      // P2 writes page 1: anon_private
      expect(fns(r, 5)).toContain("anon_private");
      expect(r.at(5).anons).toHaveLength(5);
      expect(slot(r.at(5), "P1", "buf", 1).refcnt).toBe(1);
      // P1 writes page 1: refcnt 1, no copy
      expect(fns(r, 6).has("anon_private")).toBe(false);
      expect(r.at(6).anons).toHaveLength(5);
      expect(slot(r.at(6), "P1", "buf", 1).hat).toBe("rw");
      // P1 writes page 2: still shared, so P1 copies
      expect(fns(r, 7)).toContain("anon_private");
      const d = r.doc();
      expect(d.anons).toHaveLength(6);
      expect(slot(d, "P2", "buf", 2).refcnt).toBe(1);
      expect(slot(d, "P1", "buf", 0).refcnt).toBe(2);
      expect(d.swap.allocatedPages).toBe(6);
      expect(d.swap.reservedPages).toBe(2);
    },
  },

  "write-after-exit": {
    teaches(r) {
      expect(fns(r, 5).has("anon_private")).toBe(false);
      expect(slot(r.at(5), "P2", "buf", 0).hat).toBe("r");
      expect(slot(r.at(5), "P2", "buf", 0).refcnt).toBe(2);
      expect(r.at(5).swap.usedPages).toBe(8);
      const e = r.at(6);
      expect(e.processes.find((p) => p.name === "P2")!.state).toBe("exited");
      for (let i = 0; i < 4; i++) {
        expect(slot(e, "P1", "buf", i).refcnt).toBe(1);
        expect(slot(e, "P1", "buf", i).hat).toBe("r");
      }
      expect(e.anons).toHaveLength(4);
      expect(e.swap.usedPages).toBe(4);
      expect(fns(r, 7).has("anon_private")).toBe(false);
      expect(fns(r, 7).has("anon_alloc")).toBe(false);
      const d = r.doc();
      expect(d.anons).toHaveLength(4);
      for (let i = 0; i < 4; i++) expect(slot(d, "P1", "buf", i).hat).toBe("rw");
      expect(pmapSum(d, "P1", "buf", "anon")).toBe(16);
    },
  },

  "shared-zero": {
    teaches(r) {
      expect(r.at(2).anonMaps).toHaveLength(1);
      expect(r.at(2).swap.usedPages).toBe(4);
      const f = r.at(4);
      expect(fns(r, 4).has("anon_resvmem")).toBe(false);
      expect(seg(f, "P1", "shm").amp).toBe(seg(f, "P2", "shm").amp);
      expect(ampOf(f, seg(f, "P1", "shm")).refcnt).toBe(2);
      expect(f.swap.usedPages).toBe(4);
      expect(slot(f, "P1", "shm", 0).hat).toBe("rw");
      expect(fns(r, 5).has("anon_private")).toBe(false);
      const w = r.at(5);
      expect(slot(w, "P2", "shm", 0).anon).toBe(slot(w, "P1", "shm", 0).anon);
      expect(slot(w, "P2", "shm", 0).frame).toBe(slot(w, "P1", "shm", 0).frame);
      expect(slot(w, "P2", "shm", 0).refcnt).toBe(1);
      const t = r.at(7);
      expect(slot(t, "P2", "shm", 2).anon).not.toBeNull();
      expect(slot(t, "P1", "shm", 2).anon).toBe(slot(t, "P2", "shm", 2).anon);
      expect(pmapSum(t, "P1", "shm", "rss")).toBe(8);
      expect(pmapRows(t, "P1", "shm")[0]!.mode).toBe("rw-s-");
      const d = r.doc();
      expect(fns(r, 8).has("anon_decref")).toBe(false);
      expect(ampOf(d, seg(d, "P2", "shm")).refcnt).toBe(1);
      expect(d.anons).toHaveLength(2);
      expect(d.swap.usedPages).toBe(4);
    },
  },

  "private-or-shared": {
    teaches(r) {
      const p = presetById("private-or-shared")!;
      expect(p.beside).toBe(true);
      // the second scenario: the same steps with MAP_SHARED
      const b = run({ ...p, id: "private-or-shared, MAP_SHARED", text: flipShare(p.text)! }, true);
      expect(b.steps.map((s) => s.result)).toEqual(r.steps.map((s) => s.result));
      // the paths part at the mmap: MAP_SHARED gets its anon_map there, MAP_PRIVATE at its first fault
      expect(fns(r, 2).has("anonmap_alloc")).toBe(false);
      expect(fns(b, 2)).toContain("anonmap_alloc");
      expect(fns(r, 3)).toContain("anonmap_alloc");
      // fork: a new anon_map over the same anons, or the same anon_map
      const fa = r.at(4);
      const fb = b.at(4);
      expect(seg(fa, "P2", "buf").amp).not.toBe(seg(fa, "P1", "buf").amp);
      expect(slot(fa, "P2", "buf", 0).anon).toBe(slot(fa, "P1", "buf", 0).anon);
      expect(slot(fa, "P2", "buf", 0).refcnt).toBe(2);
      expect(seg(fb, "P2", "buf").amp).toBe(seg(fb, "P1", "buf").amp);
      expect(ampOf(fb, seg(fb, "P1", "buf")).refcnt).toBe(2);
      expect(slot(fb, "P2", "buf", 0).refcnt).toBe(1);
      // P2's write: a copy, or the one page both map
      expect(fns(r, 5)).toContain("anon_private");
      expect(fns(b, 5).has("anon_private")).toBe(false);
      const wa = r.at(6);
      const wb = b.at(6);
      expect(slot(wa, "P2", "buf", 0).anon).not.toBe(slot(wa, "P1", "buf", 0).anon);
      expect(slot(wa, "P1", "buf", 0).anonFrame).not.toBe(slot(wa, "P2", "buf", 0).anonFrame);
      expect(slot(wb, "P2", "buf", 0).anon).toBe(slot(wb, "P1", "buf", 0).anon);
      expect(slot(wb, "P1", "buf", 0).anonFrame).toBe(slot(wb, "P2", "buf", 0).frame);
    },
  },

  "private-file": {
    teaches(r) {
      expect(r.at(2).swap.usedPages).toBe(4);
      const rd = r.at(3);
      expect(rd.anons).toHaveLength(0);
      expect(rd.anonMaps).toHaveLength(0);
      for (let i = 0; i < 4; i++) expect(slot(rd, "P1", "f", i).hat).toBe("r");
      expect(fns(r, 4)).toContain("anon_private");
      const w = r.at(4);
      expect(slot(w, "P1", "f", 1).refcnt).toBe(1);
      expect(slot(w, "P1", "f", 1).hat).toBe("rw");
      const filePage = w.frames.find((x) => x.vnode === "/data/f" && x.offset === w.pageSize)!;
      expect(filePage.cached).toBe(true);
      expect(w.swap.allocatedPages).toBe(1);
      expect(w.swap.reservedPages).toBe(3);
      const d = r.doc();
      expect(slot(d, "P2", "f", 1).anon).toBeNull();
      expect(slot(d, "P2", "f", 1).frame).toBe(filePage.id);
      expect(slot(d, "P1", "f", 1).frame).not.toBe(filePage.id);
    },
  },

  "three-generations": {
    teaches(r) {
      const f = r.at(5);
      expect(slot(f, "P1", "buf", 0).refcnt).toBe(3);
      expect(slot(f, "P3", "buf", 1).refcnt).toBe(3);
      expect(f.swap.usedPages).toBe(6);
      expect(fns(r, 6)).toContain("anon_private");
      expect(slot(r.at(6), "P1", "buf", 0).refcnt).toBe(2);
      expect(fns(r, 7)).toContain("anon_private");
      expect(slot(r.at(7), "P2", "buf", 0).refcnt).toBe(1);
      expect(fns(r, 8).has("anon_private")).toBe(false);
      expect(fns(r, 9)).toContain("anon_private");
      expect(slot(r.at(9), "P1", "buf", 1).refcnt).toBe(2);
      expect(slot(r.at(10), "P1", "buf", 1).refcnt).toBe(1);
      expect(fns(r, 11).has("anon_private")).toBe(false);
      const d = r.doc();
      expect(d.anons).toHaveLength(4);
      for (const a of d.anons) expect(a.refcnt).toBe(1);
      expect(d.swap.usedPages).toBe(4);
      expect(d.swap.allocatedPages).toBe(4);
    },
  },

  "pageout-cow": {
    teaches(r) {
      const before = r.at(4);
      const out = r.at(5);
      const s1 = slot(out, "P1", "buf", 1);
      expect(s1.refcnt).toBe(2);
      expect(s1.swapSlot).not.toBeNull();
      expect(s1.anonFrame).toBeNull();
      expect(s1.frame).toBeNull();
      expect(slot(out, "P2", "buf", 1).frame).toBeNull();
      expect(out.swap.deviceSlotsUsed).toBe(1);
      expect(out.swap.usedPages).toBe(before.swap.usedPages);
      expect(out.swap.allocatedPages).toBe(before.swap.allocatedPages);
      expect(pmapSum(out, "P1", "buf", "rss")).toBe(12);
      // page-in, then copy-on-write
      expect(fns(r, 6)).toContain("swap_getapage");
      expect(fns(r, 6)).toContain("anon_private");
      const w = r.at(6);
      expect(w.swap.deviceSlotsUsed).toBe(0);
      const old = slot(w, "P1", "buf", 1);
      expect(old.anon).toBe(s1.anon);
      expect(old.refcnt).toBe(1);
      expect(old.anonFrame).not.toBeNull();
      expect(old.frame).toBeNull();
      expect(slot(w, "P2", "buf", 1).refcnt).toBe(1);
      expect(slot(w, "P2", "buf", 1).hat).toBe("rw");
      // P1's read: no I/O, refcnt 1 so mapped writable
      expect(fns(r, 7).has("swap_getapage")).toBe(false);
      expect(slot(r.doc(), "P1", "buf", 1).hat).toBe("rw");
    },
  },

  "out-of-swap": {
    results: { 4: "EAGAIN", 7: "ENOMEM" },
    teaches(r) {
      const full = r.at(3);
      const e = r.at(4);
      expect(segsOf(e, "P1", "big")).toHaveLength(0);
      expect(e.swap).toEqual(full.swap);
      // MAP_NORESERVE: the same mapping succeeds and reserves nothing
      const nr = r.at(5);
      expect(seg(nr, "P1", "big").noreserve).toBe(true);
      // pmap -x lists only the backed pages of a NORESERVE anon segment: none yet (c.3)
      expect(pmapRows(nr, "P1", "big")).toHaveLength(0);
      expect(nr.swap.usedPages).toBe(full.swap.usedPages);
      expect(r.at(6).swap.usedPages).toBe(full.swap.usedPages + 10);
      expect(pmapRows(r.at(6), "P1", "big").map((x) => x.mode)).toEqual(["rw--R"]);
      // fork: ENOMEM, nothing left of the child
      const f = r.at(7);
      expect(f.processes.some((p) => p.name === "P2")).toBe(false);
      expect(f.swap).toEqual(r.at(6).swap);
      expect(f.anons).toHaveLength(r.at(6).anons.length);
      expect(f.anonMaps).toHaveLength(r.at(6).anonMaps.length);
      // after the munmap the same fork works
      const d = r.doc();
      expect(d.processes.find((p) => p.name === "P2")!.state).toBe("alive");
      expect(slot(d, "P2", "buf", 0).refcnt).toBe(2);
    },
  },

  "munmap-split": {
    results: { 6: "SIGSEGV" },
    teaches(r) {
      const t = r.at(4);
      expect(segsOf(t, "P1", "buf")).toHaveLength(1);
      expect(seg(t, "P1", "buf").pages).toBe(6);
      expect(ampOf(t, seg(t, "P1", "buf")).slots).toBe(8);
      expect(t.anons).toHaveLength(6);
      expect(t.swap.usedPages).toBe(6);
      const m = r.at(5);
      const lo = seg(m, "P1", "buf", 0);
      const hi = seg(m, "P1", "buf", 4);
      expect(lo.pages).toBe(2);
      expect(hi.pages).toBe(2);
      expect(lo.amp).not.toBe(hi.amp);
      expect(fns(r, 5)).toContain("anon_copy_ptr");
      expect(slot(m, "P1", "buf", 4).anon).toBe(slot(t, "P1", "buf", 4).anon);
      expect(slot(m, "P1", "buf", 5).refcnt).toBe(1);
      expect(m.anons).toHaveLength(4);
      expect(m.swap.usedPages).toBe(4);
      expect(pmapRows(m, "P1", "buf")).toHaveLength(2);
      expect(r.doc().anons).toHaveLength(4);
    },
  },

  mprotect: {
    results: { 5: "SIGSEGV", 9: "SIGSEGV" },
    teaches(r) {
      const ro = r.at(4);
      expect(seg(ro, "P1", "buf").prot).toBe("r");
      for (let i = 0; i < 4; i++) expect(slot(ro, "P1", "buf", i).hat).toBe("r");
      expect(ro.swap.usedPages).toBe(4);
      expect(pmapRows(ro, "P1", "buf")[0]!.mode).toBe("r----");
      expect(r.at(5).anons).toEqual(ro.anons);
      const rw = r.at(6);
      expect(slot(rw, "P1", "buf", 0).hat).toBeNull();
      expect(fns(r, 7).has("anon_private")).toBe(false);
      expect(slot(r.at(7), "P1", "buf", 0).hat).toBe("rw");
      expect(r.at(7).anons).toHaveLength(4);
      const d = r.doc();
      expect(segsOf(d, "P1", "buf")).toHaveLength(1);
      expect(pmapRows(d, "P1", "buf").map((x) => x.mode)).toEqual(["rw---", "r----"]);
    },
  },

  "heap-stack": {
    teaches(r) {
      const s = r.at(1);
      expect(seg(s, "P1", "heap").pages).toBe(4);
      expect(seg(s, "P1", "stack").pages).toBe(2);
      expect(slot(s, "P1", "stack", 1).anon).not.toBeNull();
      expect(fns(r, 2)).toContain("segvn_extend_prev");
      const b = r.at(2);
      expect(segsOf(b, "P1", "heap")).toHaveLength(1);
      expect(seg(b, "P1", "heap").pages).toBe(8);
      expect(pmapSum(b, "P1", "heap", "rss")).toBe(0);
      expect(b.swap.usedPages - s.swap.usedPages).toBe(4);
      expect(pmapSum(r.at(3), "P1", "heap", "anon")).toBe(24);
      expect(fns(r, 4)).toContain("segvn_extend_next");
      const g = r.at(4);
      // numbered from the new bottom: the grown pages are 0-2
      const st = seg(g, "P1", "stack", 0);
      expect([st.first, st.pages]).toEqual([0, 5]);
      for (let p = 0; p <= 2; p++) expect(slot(g, "P1", "stack", p).hat).toBe("rw");
      expect(slot(g, "P1", "stack", 3).anon).toBeNull();
      expect(g.swap.allocatedPages - r.at(3).swap.allocatedPages).toBe(3);
      expect(pmapSum(g, "P1", "stack", "rss")).toBe(16);
      expect(fns(r, 5).has("anon_alloc")).toBe(false);
      expect(fns(r, 6)).toContain("anon_zero");
      expect(pmapSum(r.doc(), "P1", "stack", "anon")).toBe(20);
    },
  },

  noreserve: {
    results: { 8: "SIGBUS" },
    teaches(r) {
      const m = r.at(2);
      expect(seg(m, "P1", "nr").noreserve).toBe(true);
      expect(m.swap.usedPages).toBe(0);
      expect(pmapRows(m, "P1", "nr")).toHaveLength(0); // nothing backed yet (c.3)
      const w = r.at(3);
      expect(pmapRows(w, "P1", "nr").map((x) => [x.mode, x.kbytes])).toEqual([["rw--R", 8]]);
      expect(w.swap.usedPages).toBe(2);
      expect(w.swap.allocatedPages).toBe(2);
      expect(w.swap.reservedPages).toBe(0);
      expect(r.at(4).swap.usedPages).toBe(4);
      expect(fns(r, 5)).toContain("anon_private");
      expect(fns(r, 5).has("anon_resvmem")).toBe(false);
      expect(r.at(5).swap.usedPages).toBe(4);
      expect(fns(r, 7)).toContain("anon_resvmem");
      expect(r.at(7).swap.usedPages).toBe(r.at(6).swap.usedPages + 1);
      expect(r.doc().swap).toEqual(r.at(7).swap);
      expect(slot(r.doc(), "P1", "nr", 3).anon).toBeNull();
    },
  },

  "shared-file": {
    teaches(r) {
      expect(fns(r, 4).has("anon_resvmem")).toBe(false);
      expect(fns(r, 4).has("anon_dup")).toBe(false);
      const d = r.doc();
      expect(d.anons).toHaveLength(0);
      expect(d.anonMaps).toHaveLength(0);
      expect(d.swap.usedPages).toBe(0);
      for (const i of [0, 1]) {
        expect(slot(d, "P1", "f", i).frame).not.toBeNull();
        expect(slot(d, "P2", "f", i).frame).toBe(slot(d, "P1", "f", i).frame);
        expect(slot(d, "P1", "f", i).hat).toBe("rw");
      }
      expect(pmapRows(d, "P1", "f")[0]!.mode).toBe("rw-s-");
    },
  },

  sparc: {
    teaches(r) {
      const d = r.doc();
      expect(d.arch).toBe("sparc");
      expect(d.pageSize).toBe(8192);
      expect(seg(d, "P1", "buf").pages).toBe(8);
      expect(pmapSum(d, "P1", "buf", "kbytes")).toBe(64);
      const mid = ampOf(d, seg(d, "P1", "mid"));
      expect(mid.levels).toBe(1);
      expect(mid.slots).toBe(600);
      const big = ampOf(d, seg(d, "P1", "big"));
      expect(big.levels).toBe(2);
      expect(big.slots).toBe(2048);
      expect(big.chunks).toBe(1);
      expect(fns(r, 9)).toContain("anon_private");
      expect(slot(d, "P1", "buf", 0).refcnt).toBe(1);
      expect(slot(d, "P1", "buf", 1).refcnt).toBe(2);
    },
  },

  "two-level-anon-hdr": {
    teaches(r) {
      const a = ampOf(r.at(3), seg(r.at(3), "P1", "big"));
      expect(a.levels).toBe(2);
      expect(a.slots).toBe(1024);
      expect(a.chunks).toBe(1);
      expect(ampOf(r.at(4), seg(r.at(4), "P1", "big")).chunks).toBe(2);
      const f = r.at(5);
      const child = ampOf(f, seg(f, "P2", "big"));
      expect(child.levels).toBe(2);
      expect(child.chunks).toBe(2);
      expect(slot(f, "P2", "big", 550).refcnt).toBe(2);
      expect(fns(r, 6)).toContain("anon_zero");
      expect(fns(r, 6).has("anon_private")).toBe(false);
      expect(slot(r.at(6), "P1", "big", 300).anon).toBeNull();
      expect(fns(r, 7)).toContain("anon_private");
      expect(r.doc().anons).toHaveLength(4);
    },
  },

  "large-pageout": {
    teaches(r) {
      const N = 65536;
      const OUT = 60000;
      const IN = 4096 + 1000;
      // writing every page takes no device slot
      expect(r.at(3).swap.deviceSlotsUsed).toBe(0);
      expect(r.at(3).swap.allocatedPages).toBe(N);
      // the page daemon fills slots 1 .. OUT in order; swap -s does not move
      const out = r.at(4);
      expect(out.swap.deviceSlotsUsed).toBe(OUT);
      expect(out.swap.allocatedPages).toBe(N);
      expect(slot(out, "P1", "big", 0).swapSlot).toBe(1);
      expect(slot(out, "P1", "big", OUT - 1).swapSlot).toBe(OUT);
      expect(slot(out, "P1", "big", OUT).swapSlot).toBeNull();
      // a write brings the page back and frees its slot: holes on the device
      expect(fns(r, 5)).toContain("swap_getapage");
      const end = r.doc();
      expect(end.swap.deviceSlotsUsed).toBe(OUT - IN);
      expect(slot(end, "P1", "big", 8192).swapSlot).toBeNull();
      expect(slot(end, "P1", "big", 8191).swapSlot).toBe(8192);
      expect(end.anons.filter((a) => a.swapSlot !== null)).toHaveLength(OUT - IN);
    },
  },

  [LARGE]: {
    teaches(r) {
      const st = r.state;
      const N = 262144;
      const W = 2621;
      expect(st.a.arch).toBe("x86");
      // the heap's anons, the copies, and the top stack page exec wrote (shared by P2)
      expect(st.anon.live).toBe(N + W + 1);
      const f = swapFigures(st);
      expect(f.allocated).toBe(N + W + 1);
      expect(r.steps[3]!.events.map((e) => e.fn)).toContain("anon_dup");
      expect(r.steps[4]!.events.map((e) => e.fn)).toContain("anon_private");
      const chunk = st.a.anonChunkSize;
      const segOf = (name: string) =>
        st.procs.find((p) => p.name === name && p.alive)!.segs.find((g) => g.name === "heap")!;
      // a 1 GB heap: the standard 4 pages and 262,140 from sbrk
      expect(segOf("P1").pages).toBe(N);
      const p1 = segOf("P1");
      const p2 = segOf("P2");
      const amp1 = st.amps.get(p1.amp)!;
      const amp2 = st.amps.get(p2.amp)!;
      expect(amp2.ahp.levels).toBe(2);
      expect(amp1.ahp.levels).toBe(2);
      expect(amp2.ahp.size).toBe(N);
      const rc = (s: typeof p1, amp: typeof amp1, page: number) =>
        st.anon.an_refcnt[anon_get_ptr(amp.ahp, s.anon_index + page, chunk)];
      expect(rc(p1, amp1, 0)).toBe(1);
      expect(rc(p2, amp2, W - 1)).toBe(1);
      expect(rc(p1, amp1, W)).toBe(2);
      expect(rc(p2, amp2, N - 1)).toBe(2);
    },
  },
};

// ---- the tests -----------------------------------------------------------------------------

describe("the preset list", () => {
  it("the app's menu (header lines only, the texts loaded on first use) matches the presets", () => {
    expect(PRESET_MENU).toEqual(PRESETS.map(({ text: _t, idea: _i, ...entry }) => entry));
    expect(PRESET_MENU.filter((p) => p.beside).length).toBeGreaterThan(0);
    expect(PRESET_MENU.filter((p) => p.start > 0).length).toBeGreaterThan(0);
    expect(DEFAULT_PRESET).toEqual(presetById(DEFAULT_PRESET_ID));
  });

  it("has at least 12 presets, sorted, with unique ids", () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(12);
    const orders = PRESETS.map((p) => p.order);
    expect([...orders].sort()).toEqual(orders);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it("opens with 00-default", () => {
    const d = presetById(DEFAULT_PRESET_ID);
    expect(d).toBeDefined();
    expect(d!.order).toBe("00");
    expect(PRESETS[0]!.id).toBe(DEFAULT_PRESET_ID);
    expect(presetById("no-such-preset")).toBeUndefined();
  });

  it("covers every required topic", () => {
    for (const id of [
      "default",
      "fork-cow",
      "write-after-exit",
      "shared-zero",
      "private-file",
      "three-generations",
      "pageout-cow",
      "out-of-swap",
      "munmap-split",
      "mprotect",
      "heap-stack",
      LARGE,
    ])
      expect(presetById(id), id).toBeDefined();
    expect(presetById(LARGE)!.order).toBe("90");
  });
});

describe.each(PRESETS.map((p) => [p.id, p] as const))("preset %s", (id, p) => {
  it("has a title and an idea", () => {
    expect(p.text).toMatch(/^# title: \S/m);
    expect(p.text).toMatch(/^# idea: \S/m);
    expect(p.title.length).toBeGreaterThan(0);
    expect(p.title).not.toBe(id);
    expect(p.idea.length).toBeGreaterThanOrEqual(100);
  });

  it("parses", () => {
    const r = parseScenario(p.text);
    expect(r.ok ? "ok" : r.error).toBe("ok");
  });

  it("opens at the start, or at a step its header names that holds the state its idea needs", () => {
    const r = parseScenario(p.text);
    const steps = r.ok ? r.scenario.steps.length : 0;
    const header = /^# start: (.*)$/m.exec(p.text)?.[1];
    if (header === undefined) expect(p.start).toBe(0);
    else {
      expect(header).toMatch(/^\d+$/);
      expect(p.start).toBe(Number(header));
      // a step inside the scenario, with steps left to show
      expect(p.start).toBeGreaterThan(0);
      expect(p.start).toBeLessThan(steps);
    }
  });

  it("runs with the invariants holding and every step giving its intended result", () => {
    const r = ran(p);
    if (id === LARGE) expect(checkInvariants(r.state)).toEqual([]);
    const want = EXPECT[id]?.results ?? {};
    expect(r.steps.map((s) => `${s.n} ${s.text}: ${s.result}`)).toEqual(
      r.steps.map((s) => `${s.n} ${s.text}: ${want[s.n] ?? "ok"}`),
    );
  });

  it("teaches its idea", () => {
    const e = EXPECT[id];
    expect(e, `no expectation written for preset ${id}`).toBeDefined();
    e!.teaches(ran(p));
  });

  it("leaves nothing behind once every process exits", () => {
    const r = run(p, false);
    const st = r.state;
    let n = r.steps.length;
    for (const proc of st.procs.filter((x) => x.alive).map((x) => x.name)) {
      const rec = runStep(st, { op: "exit", proc, where: { line: 0, text: "exit" } }, ++n);
      expect(rec?.result).toBe("ok");
      if (id !== LARGE) expect(checkInvariants(st)).toEqual([]);
    }
    expect(checkInvariants(st)).toEqual([]);
    expect(checkNothingLeft(st)).toEqual([]);
    cache.delete(id);
  });
});
