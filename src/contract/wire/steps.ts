import type { Statement } from "../ast";
import type { EventRefs } from "../events";

// The timeline's steps and events as they cross to the main thread (positions: ../position.ts).
export const PROTOCOL_VERSION = 1 as const;

export interface Position {
  readonly step: number;
  /** -1: the end of the step; e >= 0: right after event e of the step */
  readonly event: number;
}

/** Where to go after a load: an exact position (clamped by the worker) or the last step's end. */
export type LoadTarget = Position | "end";

export interface EventInfo {
  readonly fn: string;
  readonly src: string;
  readonly say: string;
  /**
   * Call depth: 0 for the step's outermost function; an event at depth d + 1 right after one
   * at depth d ran inside it (engine/types.ts VmEvent.depth). Callers come before callees.
   */
  readonly depth: number;
  readonly refs?: EventRefs;
}

export interface StepInfo {
  readonly n: number;
  readonly line: number;
  readonly text: string;
  readonly result: string;
  /** the statement as the parser typed it (the main thread parses no step text again) */
  readonly stmt: Statement;
  readonly events: readonly EventInfo[];
}
