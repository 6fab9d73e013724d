/**
 * The words of a frame's caption: the step's narration cut to what a slide can hold. The
 * engine narrates every kernel function a step runs; a slide keeps the ones that say what
 * happened and why. A page fault's way in (trap → pagefault → as_fault → segvn_fault) is the
 * same for every fault, so its events are left out of the caption (the JSON lists them all);
 * a step the kernel refused leads with its last event, which says why.
 */
import type { StepRecord } from "../../engine/run";

/** The way into every page fault: the same four events each time. */
const FAULT_ENTRY: ReadonlySet<string> = new Set(["trap", "pagefault", "as_fault", "segvn_fault"]);

export interface Narration {
  /** "fn(): say" sentences, most telling first */
  readonly lines: string[];
  /** events of the step in all (folded ones included in the engine's own count) */
  readonly events: number;
}

export function narrationOf(step: StepRecord): Narration {
  const said = step.events
    .filter((e, i) => !FAULT_ENTRY.has(e.fn) || i === step.events.length - 1)
    .map((e) => `${e.fn}(): ${e.say}`);
  const lines = said.length ? said : step.events.map((e) => `${e.fn}(): ${e.say}`);
  if (step.result !== "ok" && step.events.length) {
    const last = step.events[step.events.length - 1]!;
    const why = `${last.fn}(): ${last.say}`;
    return { lines: [why, ...lines.filter((l) => l !== why)], events: step.events.length };
  }
  return { lines, events: step.events.length };
}
