import { hexAddr } from "../engine/arch";
import { reportText } from "../engine/report/doc";
import type { PmapLine } from "../contract/doc";
import { initialState, runStep } from "../engine/run";
import { swapFigures } from "../engine/swap";
import type { VmState } from "../engine/types";
import { protString, type Scenario, type Statement } from "../contract/ast";
import { processNames } from "./emit_c";
import { mapText, PAGE_DAEMON, resultText, stepMarker, type ResultLine, type SegExtent } from "./format";

/**
 * What the lab program should print, from the simulator: the same markers, result lines, map
 * lines, pmap -x and swap -s after every step (`--emit-expected`), and the same as data for the
 * compare view.
 */

interface SimProc {
  readonly name: string;
  readonly pid: number;
  readonly map: readonly SegExtent[];
  readonly pmap: readonly PmapLine[];
  readonly pmapText: string;
}

interface SimSwap {
  readonly allocatedKb: number;
  readonly reservedKb: number;
  readonly usedKb: number;
  readonly availableKb: number;
  readonly text: string;
}

export interface SimStep {
  /** 0: before the first statement */
  readonly n: number;
  readonly text: string;
  readonly results: readonly ResultLine[];
  /** live processes after the step, in the lab program's order; empty when not asked for */
  readonly procs: readonly SimProc[];
  readonly swap: SimSwap | null;
}

export interface SimRun {
  readonly pageSize: number;
  readonly arch: string;
  readonly steps: readonly SimStep[];
}

/** Each named mapping of a process: the address of its page 0 and its extent, by address. */
function extents(st: VmState, pi: number): SegExtent[] {
  const p = st.procs[pi]!;
  const by = new Map<string, { origin: number; end: number }>();
  for (const s of p.segs) {
    const origin = s.base - s.first;
    const e = by.get(s.name);
    by.set(s.name, {
      origin: Math.min(origin, e?.origin ?? origin),
      end: Math.max(s.first + s.pages, e?.end ?? 0),
    });
  }
  return [...by]
    .sort((a, b) => a[1].origin - b[1].origin)
    .map(([name, e]) => ({ name, origin: hexAddr(e.origin, st.a).slice(2).toUpperCase(), pages: e.end }));
}

const live = (st: VmState, name: string): number => st.procs.findIndex((p) => p.name === name && p.alive);

/** Who exists, for the result lines: every process so far, with its pid and whether it lives. */
type Census = readonly { readonly name: string; readonly pid: number; readonly alive: boolean }[];
const census = (st: VmState): Census => st.procs.map((p) => ({ name: p.name, pid: p.pid, alive: p.alive }));

/** The result lines the lab prints for statement `s`, from the simulator's result. */
function resultLines(
  before: Census,
  after: Census,
  s: Statement,
  result: string,
  now: { readonly map: (proc: string) => readonly SegExtent[]; readonly kb: number },
): ResultLine[] {
  const { map, kb } = now;
  const line = (actor: string, pid: number | null, r: string, detail = ""): ResultLine => ({
    actor,
    pid,
    result: r,
    detail,
  });
  const pidOf = (c: Census, name: string): number | null =>
    c.find((p) => p.name === name && p.alive)?.pid ?? null;
  switch (s.op) {
    case "pageout":
      return [line(PAGE_DAEMON, null, result)];
    case "spawn": {
      if (before.some((p) => p.name === s.proc) || result !== "ok")
        return [line(s.proc, pidOf(after, s.proc), result)];
      return [line(s.proc, pidOf(after, s.proc), "ok", "started by exec")];
    }
    case "fork": {
      const parent = pidOf(before, s.proc);
      if (parent === null) return [line(s.proc, null, result)];
      if (before.some((p) => p.name === s.child)) return [line(s.child, null, result)];
      const child = pidOf(after, s.child);
      if (result !== "ok" || child === null) return [line(s.proc, parent, result)];
      return [
        line(s.proc, parent, "ok", `child ${s.child} is pid ${child}`),
        line(s.child, child, "ok", "started by fork"),
      ];
    }
    default: {
      const pid = pidOf(before, s.proc);
      if (pid === null) return [line(s.proc, null, result)];
      if (result !== "ok") return [line(s.proc, pid, result)];
      if (s.op === "exit") return [line(s.proc, pid, "ok", "exiting")];
      if (s.op === "read" || s.op === "write") {
        const n = s.range.to - s.range.from + 1;
        return [
          line(
            s.proc,
            pid,
            "ok",
            `${s.op === "write" ? "wrote" : "read"} ${n} ${n > 1 ? "pages" : "page"} of ${s.seg}`,
          ),
        ];
      }
      if (s.op === "stack") return [line(s.proc, pid, "ok", `wrote ${s.pages} pages below the stack`)];
      if (s.op === "mprotect") return [line(s.proc, pid, "ok", `${s.seg} is now ${protString(s.prot)}`)];
      if (s.op === "mmap") {
        const at = map(s.proc).find((m) => m.name === s.seg)?.origin ?? "";
        return [line(s.proc, pid, "ok", `${s.seg} at ${at}, ${s.pages * kb} KB`)];
      }
      if (s.op === "sbrk")
        return [
          line(
            s.proc,
            pid,
            "ok",
            `the heap is ${map(s.proc).find((m) => m.name === "heap")?.pages ?? 0} pages`,
          ),
        ];
      return [line(s.proc, pid, "ok")];
    }
  }
}

function report(st: VmState, names: readonly string[]): { procs: SimProc[]; swap: SimSwap } {
  const { pmap, text } = reportText(st);
  const kb = st.a.pageSize / 1024;
  const f = swapFigures(st);
  const procs: SimProc[] = [];
  for (const name of names) {
    const pi = live(st, name);
    if (pi < 0) continue;
    const p = st.procs[pi]!;
    procs.push({
      name,
      pid: p.pid,
      map: extents(st, pi),
      pmap: pmap[name] ?? [],
      pmapText: text["pmap-x"][name] ?? "",
    });
  }
  const swap = {
    allocatedKb: f.allocated * kb,
    reservedKb: f.reserved * kb,
    usedKb: f.used * kb,
    availableKb: f.available * kb,
    text: text["swap-s"],
  };
  return { procs, swap };
}

/**
 * Run the scenario in the simulator and take what the lab prints after each step. `want`
 * limits the costly part (pmap of every process) to some steps; the rest get results only.
 */
export function simulateLab(sc: Scenario, want?: (n: number) => boolean): SimRun {
  const st = initialState(sc);
  const names = processNames(sc);
  const steps: SimStep[] = [];
  const take = (n: number, text: string, results: ResultLine[]): void => {
    const r = !want || want(n) ? report(st, names) : null;
    steps.push({ n, text, results, procs: r?.procs ?? [], swap: r?.swap ?? null });
  };
  take(0, "(start)", []);
  sc.steps.forEach((s, i) => {
    const before = census(st);
    const rec = runStep(st, s, i + 1)!;
    const map = (proc: string): SegExtent[] => {
      const pi = live(st, proc);
      return pi < 0 ? [] : extents(st, pi);
    };
    const kb = st.a.pageSize / 1024;
    take(i + 1, s.where.text, resultLines(before, census(st), s, rec.result, { map, kb }));
  });
  return { pageSize: st.a.pageSize, arch: st.a.arch, steps };
}

/** The expected output, as text: `diff` it against the real run's output. */
export function expectedText(sc: Scenario, title: string): string {
  const run = simulateLab(sc);
  const st = initialState(sc);
  const kb = (pages: number): number => (pages * st.a.pageSize) / 1024;
  const out = [
    `== anonscope lab: ${title}`,
    `-- scenario page size: ${run.pageSize} bytes (${run.arch})`,
    `-- scenario machine: ram ${kb(st.ramPages)} KB, swap device ${kb(st.swapPages)} KB`,
    `-- machine: the anonscope simulator`,
  ];
  for (const step of run.steps) {
    out.push(stepMarker(step.n, step.text));
    out.push(...step.results.map(resultText));
    for (const p of step.procs) out.push(mapText(p.name, p.pid, p.map), p.pmapText.replace(/\n$/, ""));
    if (step.swap) out.push(step.swap.text.replace(/\n$/, ""));
  }
  out.push("== end");
  return out.join("\n") + "\n";
}
