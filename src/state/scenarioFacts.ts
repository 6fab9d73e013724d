/**
 * What the text of the scenario on screen says on its own, before anything runs: the names it
 * uses, the step that creates or ends each process and mapping, and the target a new scenario
 * starts with. The text is parsed once (the last text asked about is kept).
 */
import type { Scenario, Statement } from "../contract/ast";
import { parseScenario } from "../scenarios/parse";
import { local } from "./local";

const my = local(() => ({
  memo: null as { readonly text: string; readonly scenario: Scenario | null } | null,
}));

/** The parsed scenario of `text`, or null when it does not parse. */
export function scenarioOf(text: string): Scenario | null {
  if (my.memo?.text !== text) {
    const r = parseScenario(text);
    my.memo = { text, scenario: r.ok ? r.scenario : null };
  }
  return my.memo.scenario;
}

/** The segments every standard process (`spawn P` without `empty`) starts with. */
const STANDARD_SEGS = ["text", "data", "heap", "stack"] as const;

/** The mapping a statement names, if any (pageout, mmap, munmap, mprotect, read, write). */
function segOf(st: Statement): string | null {
  return "seg" in st ? st.seg : null;
}

/** Every process and mapping name the scenario uses anywhere, for new names that clash with none. */
export function namesIn(sc: Scenario | null): { procs: Set<string>; segs: Set<string> } {
  const procs = new Set<string>();
  const segs = new Set<string>(STANDARD_SEGS);
  for (const st of sc?.steps ?? []) {
    procs.add(st.proc);
    if (st.op === "fork") procs.add(st.child);
    const g = segOf(st);
    if (g) segs.add(g);
  }
  return { procs, segs };
}

/**
 * The target a scenario opens with: its first process, and the first mapping a statement of
 * that process names (its heap when none does and it is a standard process).
 */
export function defaultTarget(sc: Scenario | null): { proc: string | null; seg: string | null } {
  const steps = sc?.steps ?? [];
  const first = steps.find((st) => st.op === "spawn") ?? steps[0];
  if (!first) return { proc: null, seg: null };
  const proc = first.proc;
  for (const st of steps) {
    const g = segOf(st);
    if (g && st.proc === proc) return { proc, seg: g };
  }
  const standard = first.op === "spawn" && !first.empty;
  return { proc, seg: standard ? "heap" : null };
}

/** A step that matters to a name: its 1-based number and its text. */
export interface StepRef {
  readonly step: number;
  readonly text: string;
}

const ref = (sc: Scenario, i: number): StepRef => ({ step: i + 1, text: sc.steps[i]!.where.text.trim() });

/**
 * The first step that creates process `name` (spawn or fork) and succeeds, and the last exit of
 * it at or before step `at`. `ok(i)` says whether step i+1 ran without an error.
 */
export function procLife(
  sc: Scenario,
  name: string,
  at: number,
  ok: (i: number) => boolean,
): { born: StepRef | null; exited: StepRef | null } {
  let born: StepRef | null = null;
  let exited: StepRef | null = null;
  for (let i = 0; i < sc.steps.length; i++) {
    const st = sc.steps[i]!;
    const makes = (st.op === "spawn" && st.proc === name) || (st.op === "fork" && st.child === name);
    if (makes && !born && ok(i)) born = ref(sc, i);
    if (st.op === "exit" && st.proc === name && i < at && ok(i)) exited = ref(sc, i);
  }
  return { born, exited };
}

/**
 * For a mapping process `proc` lacks at step `at`: the next step that maps it, else the last
 * step at or before `at` that unmapped it whole.
 */
export function segLife(
  sc: Scenario,
  proc: string,
  seg: string,
  at: number,
): { maps: StepRef | null; unmapped: StepRef | null } {
  let maps: StepRef | null = null;
  let unmapped: StepRef | null = null;
  for (let i = 0; i < sc.steps.length; i++) {
    const st = sc.steps[i]!;
    if (st.proc !== proc || segOf(st) !== seg) continue;
    if (st.op === "mmap" && i >= at && !maps) maps = ref(sc, i);
    if (st.op === "munmap" && st.range === null && i < at) unmapped = ref(sc, i);
  }
  return { maps, unmapped };
}
