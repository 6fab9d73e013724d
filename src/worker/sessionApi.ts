import type { DebugAction } from "../contract/wire/debug";
import type { Reply, Request } from "../contract/wire/protocol";
import type { questionsBetween } from "./questions";

// What a session offers its hosts (the worker entry, the main-thread fallback) and what they give it.
export interface Session {
  handle(req: Request): Reply;
  /** Speculative work (a neighbouring position's snapshot); true while more remains. */
  idle(): boolean;
  /** What idle() built, as an "ahead" reply for the client to keep (then null until more). */
  takePush(): Reply | null;
  /** Test hooks (debug.ts): "fault-next-step" makes the next step run (a load or a seek) throw. */
  debug(action: DebugAction): void;
  /**
   * Whether `req` needs code the session was not given yet (the predict questions, loaded on
   * first use: see provide); the caller loads it, provides it, then hands the request over.
   */
  lacks(req: Request): boolean;
  provide(questions: Questions): void;
}

/** What builds the predict questions of a step (questions.ts, with the rules it cites). */
export type Questions = typeof questionsBetween;
export interface SessionOptions {
  aheadMinCells?: number;
  /**
   * the predict questions; without them a predict request is refused until provide() (the worker
   * loads them on first use: they and the rules they cite are a fifth of the engine's code)
   */
  questions?: Questions;
  /** bytes of snapshots for the scrubber's cache (scrub.ts; tests give a small one) */
  scrubBudget?: number;
  /** where a running load's "progress" replies go (the worker posts them at once) */
  onProgress?: (r: Reply) => void;
  /** called between the steps of a long replay (the worker tells the client it is alive) */
  beat?: () => void;
  /** the clock (ms) for load budgets and progress; tests give their own */
  now?: () => number;
}
