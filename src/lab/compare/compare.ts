import type { PmapLine } from "../../contract/doc";
import type { SimRun, SimStep } from "../expected";
import type { ResultLine } from "../format";
import type { LabRun, LabStepOut, Platform } from "../parse/lab";
import { cellsOf, type Cell } from "./cells";
import { explainCell, explainResult, explainSwap, type CompareContext, type Why } from "./explain";
import { IMAGE, pairByLabel, pairRows, type RealRow, type RowPair } from "./rows";

/**
 * The compare view's data: the real run beside the simulation, step by step. Every cell that
 * differs is marked; a difference the lab expects (the real program's own image, a skipped
 * pageout, a machine of another size, Linux's VM) carries its explanation, the others are the
 * interesting ones.
 */

export interface RowCompare {
  readonly segment: string;
  readonly mapped: string;
  readonly cells: readonly Cell[];
  /** set when something differs: why (when expected), or null when it is a real surprise */
  readonly why: Why | null;
  readonly differs: boolean;
}

interface ProcCompare {
  readonly name: string;
  readonly simPid: number | null;
  readonly realPid: number | null;
  readonly rows: readonly RowCompare[];
  /** real mappings in no scenario segment */
  readonly others: { readonly count: number; readonly kbytes: number };
  readonly problem: string | null;
}

interface SwapCompare {
  readonly label: string;
  /** change since the step before, in KB: [simulator, real] */
  readonly sim: number;
  readonly real: number;
  readonly same: boolean;
  readonly why: Why | null;
}

export interface StepCompare {
  readonly n: number;
  readonly text: string;
  readonly simResult: string;
  readonly realResult: string;
  readonly resultSame: boolean;
  readonly resultWhy: Why | null;
  readonly procs: readonly ProcCompare[];
  readonly swap: readonly SwapCompare[];
  /** differences in this step, and how many of them are explained */
  readonly differences: number;
  readonly explained: number;
}

/** The statement's own result: the line of the process that ran it (or the page daemon's). */
function mainResult(results: readonly ResultLine[], skipped: string | null): string {
  if (skipped !== null) return "skipped";
  return results[0]?.result ?? "";
}

function rowCompare(p: RowPair, ctx: CompareContext, proc: string): RowCompare {
  const cells = cellsOf(p.sim, p.real);
  const differs = cells.some((c) => !c.same);
  const why = differs ? explainCell(p, cells, ctx, proc, IMAGE.has(p.segment)) : null;
  return { segment: p.segment, mapped: p.sim?.mapped ?? p.real?.mapped ?? "", cells, why, differs };
}

function swapCompare(
  prevSim: SimStep | undefined,
  sim: SimStep,
  prevReal: LabStepOut | undefined,
  real: LabStepOut,
  ctx: CompareContext,
): SwapCompare[] {
  if (!sim.swap || !prevSim?.swap) return [];
  const d = (a: number, b: number): number => a - b;
  const out: SwapCompare[] = [];
  if (real.swap && prevReal?.swap) {
    const rows: [string, number, number][] = [
      [
        "allocated",
        d(sim.swap.allocatedKb, prevSim.swap.allocatedKb),
        d(real.swap.allocatedKb, prevReal.swap.allocatedKb),
      ],
      [
        "reserved",
        d(sim.swap.reservedKb, prevSim.swap.reservedKb),
        d(real.swap.reservedKb, prevReal.swap.reservedKb),
      ],
      ["used", d(sim.swap.usedKb, prevSim.swap.usedKb), d(real.swap.usedKb, prevReal.swap.usedKb)],
    ];
    for (const [label, s, r] of rows)
      out.push({ label, sim: s, real: r, same: s === r, why: s === r ? null : explainSwap(ctx, false) });
  } else if (real.committedKb !== null && prevReal?.committedKb != null) {
    const s = d(sim.swap.usedKb, prevSim.swap.usedKb);
    const r = real.committedKb - prevReal.committedKb;
    out.push({
      label: "used (Linux: Committed_AS)",
      sim: s,
      real: r,
      same: s === r,
      why: s === r ? null : explainSwap(ctx, true),
    });
  }
  return out;
}

/** Compare a whole lab run with the simulator's run of the scenario on screen. */
export function compareRun(real: LabRun, sim: SimRun): StepCompare[] {
  const ctx: CompareContext = {
    platform: real.platform,
    single: false,
    pagedOut: new Map(),
    resourceStep: null,
  };
  const out: StepCompare[] = [];
  real.steps.forEach((rs, idx) => {
    const ss = sim.steps[rs.n];
    if (!ss) return;
    const simResult = mainResult(ss.results, null);
    const realResult = mainResult(rs.results, rs.skipped);
    const resultSame = simResult === realResult;
    const resultWhy = resultSame ? null : explainResult(simResult, realResult, rs, ctx);
    const procs: ProcCompare[] = [];
    for (const sp of ss.procs) {
      const rp = rs.procs.find((p) => p.name === sp.name);
      const realRows: RealRow[] = rp?.pmap?.rows.slice() ?? rp?.smaps ?? [];
      const paired = pairRows(sp.pmap, sp.map, realRows, rp?.map ?? [], sim.pageSize);
      procs.push({
        name: sp.name,
        simPid: sp.pid,
        realPid: rp?.pid ?? null,
        rows: paired.pairs.map((p) => rowCompare(p, ctx, sp.name)),
        others: { count: paired.others.length, kbytes: paired.others.reduce((s, r) => s + r.kbytes, 0) },
        problem: rp ? (rp.problem?.message ?? null) : "not running here",
      });
    }
    for (const rp of rs.procs)
      if (!ss.procs.some((p) => p.name === rp.name))
        procs.push({
          name: rp.name,
          simPid: null,
          realPid: rp.pid,
          rows: [],
          others: { count: 0, kbytes: 0 },
          problem: "running here, not in the simulator",
        });
    const swap = swapCompare(sim.steps[rs.n - 1], ss, real.steps[idx - 1], rs, ctx);
    const whys = [
      resultWhy,
      ...procs.flatMap((p) => p.rows.filter((r) => r.differs).map((r) => r.why)),
      ...swap.filter((s) => !s.same).map((s) => s.why),
    ];
    const differences =
      (resultSame ? 0 : 1) +
      procs.reduce((n, p) => n + p.rows.filter((r) => r.differs).length + (p.problem ? 1 : 0), 0) +
      swap.filter((s) => !s.same).length;
    out.push({
      n: rs.n,
      text: rs.text,
      simResult,
      realResult,
      resultSame,
      resultWhy,
      procs,
      swap,
      differences,
      explained: whys.filter((w) => w !== null).length,
    });
  });
  return out;
}

/** A single pasted pmap -x, beside one process of the simulation at the step on screen. */
export function comparePmap(
  real: readonly RealRow[],
  sim: readonly PmapLine[],
  platform: Platform,
): RowCompare[] {
  const ctx: CompareContext = { platform, single: true, pagedOut: new Map(), resourceStep: null };
  return pairByLabel(sim, real).pairs.map((p) => rowCompare(p, ctx, ""));
}
