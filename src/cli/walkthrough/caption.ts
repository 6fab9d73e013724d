/**
 * The words of a frame's caption: the step's narration cut to what a slide can hold. The
 * engine narrates every kernel function a step runs; a slide keeps the step's first event (what
 * the statement does) and then the events about the mapping the frame's Anon layer shows, in
 * order. A page fault's way in (trap → pagefault → as_fault → segvn_fault) is the same for
 * every fault, so its events are left out (the JSON lists them all); a step the kernel refused
 * leads with its last event, which says why.
 */
import type { StepRecord } from "../../engine/run";
import type { VmEvent } from "../../engine/types";

/** The way into every page fault: the same four events each time. */
const FAULT_ENTRY: ReadonlySet<string> = new Set(["trap", "pagefault", "as_fault", "segvn_fault"]);

const said = (e: VmEvent): string => `${e.fn}(): ${e.say}`;

/** "fn(): say" sentences, most telling first. */
export function narrationOf(step: StepRecord, mapping: string | null): string[] {
  const ev = step.events;
  if (ev.length === 0) return [];
  const telling = ev.filter((e) => !FAULT_ENTRY.has(e.fn));
  const first = telling[0] && ev[0]!.depth === 0 && !FAULT_ENTRY.has(ev[0]!.fn) ? [ev[0]!] : [];
  const about = mapping ? telling.filter((e) => e.refs?.seg === mapping && !first.includes(e)) : [];
  const picked = about.length ? [...first, ...about] : telling.length ? telling : ev;
  const lines = picked.map(said);
  if (step.result !== "ok") {
    const why = said(ev[ev.length - 1]!);
    return [why, ...lines.filter((l) => l !== why)];
  }
  return lines;
}
