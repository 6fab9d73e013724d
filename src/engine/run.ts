import type { Scenario, Statement } from "../contract/ast";
import { LIMITS, DEFAULT_MACHINE, PAGE_SIZE } from "../contract/limits";
import { emit, finishSink, newK, StopReplay, type K } from "./events";
import { cfork } from "./fork";
import { mmap, mprotect, munmap, pageout, touch } from "./ops";
import { sbrk } from "./brk";
import { spawn } from "./exec";
import { exit } from "./exit";
import { SRC } from "../contract/kernel/source";
import { touchBelowStack } from "./trap";
import { newState, type MachineSpec } from "./state";
import type { StepResult, VmEvent, VmState } from "./types";

/**
 * Running statements. `runStep` applies one statement to a state (mutating it, as the kernel
 * does) and returns its result and events. With `stopAfter` it stops right after that event,
 * leaving the state mid-step: that is how the browser shows the inside of a fault.
 */

export interface StepRecord {
  n: number;
  line: number;
  text: string;
  result: StepResult;
  events: VmEvent[];
  /** all events the step emitted, folded ones included: a measure of its work */
  raw: number;
  /** the statement, as the parser typed it: readers need no second parser */
  stmt: Statement;
}

export function machineOf(sc: Scenario): MachineSpec {
  const arch = sc.machine.arch;
  const ps = PAGE_SIZE[arch];
  return {
    arch,
    ramPages: sc.machine.ramPages ?? DEFAULT_MACHINE.ramBytes / ps,
    swapPages: sc.machine.swapPages ?? DEFAULT_MACHINE.swapBytes / ps,
    files: sc.files.map((f) => ({ path: f.path, pages: f.pages })),
  };
}

export function initialState(sc: Scenario): VmState {
  return newState(machineOf(sc));
}

/** Index of the live process named `name`, or -1 (emitting why). */
function live(k: K, name: string): number {
  const i = k.st.procs.findIndex((p) => p.name === name && p.alive);
  if (i < 0) {
    const exited = k.st.procs.some((p) => p.name === name);
    emit(
      k,
      "prfind",
      SRC.pid,
      exited
        ? `${name} has exited: it can do nothing more (EINVAL).`
        : `There is no process named ${name} (EINVAL).`,
    );
  }
  return i;
}

function nameFree(k: K, name: string): boolean {
  if (k.st.procs.some((p) => p.name === name)) {
    emit(k, "getproc", SRC.fork, `The name ${name} is already taken by a process of this scenario (EINVAL).`);
    return false;
  }
  if (k.st.procs.length >= LIMITS.processes) {
    emit(
      k,
      "getproc",
      SRC.fork,
      `This scenario already has ${LIMITS.processes} processes, the simulator's limit: EAGAIN.`,
    );
    return false;
  }
  return true;
}

function dispatch(k: K, s: Statement): StepResult {
  if (s.op === "spawn") return nameFree(k, s.proc) ? spawn(k, s.proc, s.empty) : "EINVAL";
  const pi = live(k, s.proc);
  if (pi < 0) return "EINVAL";
  switch (s.op) {
    case "mmap":
      return mmap(k, pi, s);
    case "munmap":
      return munmap(k, pi, s.seg, s.range);
    case "mprotect":
      return mprotect(k, pi, s.seg, s.prot, s.range);
    case "read":
    case "write":
      return touch(k, pi, s.seg, s.range, s.op);
    case "fork":
      if (!nameFree(k, s.child)) return k.st.procs.length >= LIMITS.processes ? "EAGAIN" : "EINVAL";
      return cfork(k, pi, s.child);
    case "exit":
      return exit(k, pi);
    case "sbrk":
      return sbrk(k, pi, s.pages);
    case "stack":
      return touchBelowStack(k, pi, s.pages);
    case "pageout":
      return pageout(k, pi, s.seg, s.range, s.reuse);
    default:
      return assertNever(s);
  }
}

function assertNever(x: never): never {
  throw new Error(`unknown statement ${JSON.stringify(x)}`);
}

/**
 * Run one statement. `stopAfter` >= 0 stops after that many events (raw count) and returns
 * null: the state is left exactly where the kernel was at that moment.
 */
export function runStep(st: VmState, s: Statement, n: number, stopAfter = -1): StepRecord | null {
  const k: K = newK(st, stopAfter);
  let result: StepResult;
  try {
    result = dispatch(k, s);
  } catch (e) {
    if (e instanceof StopReplay) return null;
    throw e;
  }
  finishSink(k.out);
  return { n, line: s.where.line, text: s.where.text, result, events: k.out.kept, raw: k.out.raw, stmt: s };
}

/** Run a whole scenario (or its first `until` steps) from a fresh state. */
export function runScenario(sc: Scenario, until = Infinity): { state: VmState; steps: StepRecord[] } {
  const st = initialState(sc);
  const steps: StepRecord[] = [];
  const last = Math.min(until, sc.steps.length);
  for (let i = 0; i < last; i++) steps.push(runStep(st, sc.steps[i]!, i + 1)!);
  return { state: st, steps };
}
