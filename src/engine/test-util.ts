/**
 * Helpers for the engine's unit tests (not part of the engine): run scenario text statement by
 * statement on one state, check every invariant after each step, and read back the objects a
 * test asserts on (slots, anons, anon_maps, swap figures, pmap rows, event names).
 */
import { parseScenario } from "../scenarios/parse";
import type { Scenario, Statement } from "../contract/ast";
import { anon_get_ptr } from "./anon_hdr";
import { hat_get } from "./hat";
import { checkInvariants } from "./invariants";
import { buildDoc, pmapOf } from "./report/doc";
import { type VmDoc } from "../contract/doc";
import type { PmapLine } from "../contract/doc";
import { initialState, runStep, type StepRecord } from "./run";
import { segPageProt, protName } from "./segs";
import { swapFigures } from "./swap";
import { type SwapFigures } from "../contract/doc";
import type { AnonMap, Proc, Seg, VmState } from "./types";

export function parse(text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok)
    throw new Error(`parse error: line ${r.error.line}, column ${r.error.column}: ${r.error.message}`);
  return r.scenario;
}

export interface SlotView {
  /** anon id in the slot, 0 for none */
  anon: number;
  /** an_refcnt of that anon (0 when none) */
  refcnt: number;
  /** page id of the anon's page (0: not resident) */
  anonPage: number;
  /** swap device slot of the anon (0: none) */
  swapSlot: number;
  /** the translation in this process: page id and prot name, or null */
  hat: { page: number; prot: string } | null;
  /** the page's protection in the segment ("rw", "r", ...) */
  prot: string;
}

/**
 * One simulated machine, driven a statement at a time. `header` holds the machine and file
 * lines. Every step is followed by checkInvariants; a broken invariant throws at once.
 */
export class Sim {
  readonly st: VmState;
  readonly steps: StepRecord[] = [];
  constructor(readonly header = "machine arch=x86 ram=1000 swap=1000") {
    this.st = initialState(parse(header));
    this.check("the initial state");
  }

  /** Run one or more statements (one per line); returns the record of the last one. */
  do(lines: string): StepRecord {
    let last: StepRecord | null = null;
    for (const line of lines.split("\n")) {
      if (!line.trim() || line.trim().startsWith("#")) continue;
      const sc = parse(`${this.header}\n${line}`);
      const stmt = sc.steps[sc.steps.length - 1];
      if (!stmt) throw new Error(`not a statement: ${line}`);
      const rec = runStep(this.st, stmt, this.steps.length + 1);
      if (!rec) throw new Error("runStep stopped early");
      this.steps.push(rec);
      this.check(`step ${rec.n} (${line.trim()})`);
      last = rec;
    }
    if (!last) throw new Error("no statement given");
    return last;
  }

  /**
   * Run a statement built by hand (for what the parser would refuse, e.g. an undeclared file);
   * invariants are checked as for `do`.
   */
  run(stmt: Statement): StepRecord {
    const rec = runStep(this.st, stmt, this.steps.length + 1);
    if (!rec) throw new Error("runStep stopped early");
    this.steps.push(rec);
    this.check(`step ${rec.n} (${stmt.where.text})`);
    return rec;
  }

  /** Run a statement and return its result string. */
  res(line: string): string {
    return this.do(line).result;
  }

  check(when: string): void {
    const bad = checkInvariants(this.st);
    if (bad.length) throw new Error(`invariants broken after ${when}:\n  ${bad.join("\n  ")}`);
  }

  proc(name: string): Proc {
    const p = this.st.procs.find((x) => x.name === name && x.alive);
    if (!p) throw new Error(`no live process ${name}`);
    return p;
  }

  procIndex(name: string): number {
    return this.st.procs.findIndex((x) => x.name === name && x.alive);
  }

  /** Every piece of mapping `seg` of process `p`, in address order. */
  pieces(p: string, seg: string): Seg[] {
    return this.proc(p).segs.filter((s) => s.name === seg);
  }

  /** The one segment piece of `seg` (throws when there are several or none). */
  seg(p: string, seg: string): Seg {
    const ps = this.pieces(p, seg);
    if (ps.length !== 1) throw new Error(`${p} ${seg} has ${ps.length} pieces`);
    return ps[0]!;
  }

  amp(p: string, seg: string): AnonMap | null {
    const s = this.seg(p, seg);
    return s.amp ? (this.st.amps.get(s.amp) ?? null) : null;
  }

  /** The state behind mapping page `n` of `seg` in `p`. */
  slot(p: string, seg: string, n: number): SlotView {
    const pr = this.proc(p);
    const s = this.pieces(p, seg).find((x) => x.first <= n && n < x.first + x.pages);
    if (!s) throw new Error(`${p} ${seg} page ${n} is not mapped`);
    const i = n - s.first;
    const amp = s.amp ? this.st.amps.get(s.amp) : undefined;
    const anon = amp ? anon_get_ptr(amp.ahp, s.anon_index + i, this.st.a.anonChunkSize) : 0;
    const an = this.st.anon;
    const vpn = s.base + i;
    const t = hat_get(pr, vpn);
    return {
      anon,
      refcnt: anon ? an.an_refcnt[anon]! : 0,
      anonPage: anon ? an.an_page[anon]! : 0,
      swapSlot: anon ? an.an_pslot[anon]! : 0,
      hat: t ? { page: t.page, prot: protName(t.prot) } : null,
      prot: protName(segPageProt(s, i)),
    };
  }

  /** `swap -s` figures in pages. */
  swap(): SwapFigures {
    return swapFigures(this.st);
  }

  /** Physical swap device slots in use. */
  deviceUsed(): number {
    return this.st.swapPages - 1 - this.st.swap.nfree;
  }

  /** Reservation held by every segment and shared amp: what k_anoninfo must add up to. */
  reserved(): number {
    return this.st.swap.ani_phys_resv + this.st.swap.ani_mem_resv;
  }

  pmap(p: string): PmapLine[] {
    return pmapOf(this.st, this.proc(p));
  }

  /** pmap rows of one segment name (there may be several after a split or a partial mprotect). */
  rows(p: string, seg: string): PmapLine[] {
    return this.pmap(p).filter((r) => r.segment === seg);
  }

  doc(): VmDoc {
    return buildDoc(this.st, this.steps);
  }

  liveAnons(): number {
    return this.st.anon.live;
  }

  /** Page ids (P_ANON or P_FILE) with an identity now. */
  livePages(): number {
    return this.st.page.live;
  }
}

/** The `fn` of every event of a step, in order. */
export const fns = (r: StepRecord): string[] => r.events.map((e) => e.fn);

/** The `say` text of the last event of a step. */
export const lastSay = (r: StepRecord): string => r.events[r.events.length - 1]?.say ?? "";

/**
 * The kernel functions whose events mark a change of state or a decision of the fault path.
 * Steps may add narrative events around them (which the engine is free to do); tests compare
 * the events of these functions, plus any function the expected list names, exactly and in
 * order.
 */
export const CORE_FNS: ReadonlySet<string> = new Set([
  "pagefault",
  "segvn_fault",
  "anon_set_ptr",
  "anon_array_enter",
  "anonmap_alloc",
  "anonmap_free",
  "anon_resvmem",
  "anon_unresvmem",
  "anon_alloc",
  "anon_zero",
  "anon_getpage",
  "swap_getapage",
  "ufs_getpage",
  "anon_private",
  "anon_decref",
  "anon_free",
  "anon_dup",
  "anon_copy_ptr",
  "hat_clrattr",
  "hat_memload",
  "checkpage",
  "swap_putapage",
  "ufs_putpage",
  "pvn_write_done",
  "swap_newphysname",
  "page_get_cachelist",
  "segvn_extend_prev",
  "segvn_extend_next",
]);

/** The step's events reduced to CORE_FNS and the functions `expected` names, in order. */
export function corePath(r: StepRecord, expected: readonly string[]): string[] {
  const named = new Set(expected);
  return fns(r).filter((f) => CORE_FNS.has(f) || named.has(f));
}
