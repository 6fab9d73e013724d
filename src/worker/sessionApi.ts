import type { DebugAction } from "../contract/wire/debug";
import type { Reply, Request } from "../contract/wire/protocol";
import type * as LateModule from "./late";

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
   * Whether `req` needs code the session was not given yet (late.ts: the predict questions, the
   * diff, the table view, loaded on first use: see provide); the caller loads it, provides it,
   * then hands the request over.
   */
  lacks(req: Request): boolean;
  provide(late: Late): void;
}

/** The code loaded on first use (late.ts): the predict questions, the diff, the table view. */
export type Late = Pick<typeof LateModule, "questionsBetween" | "diffStates" | "docViewFor">;
export interface SessionOptions {
  aheadMinCells?: number;
  /**
   * late.ts: without it a predict, changes or view request is refused until provide() (the worker
   * loads it on first use: the questions with their rules, the diff and the table view are a
   * quarter of the engine's code, and the first paint needs none of them)
   */
  late?: Late;
  /** bytes of snapshots for the scrubber's cache (scrub.ts; tests give a small one) */
  scrubBudget?: number;
  /** where a running load's "progress" replies go (the worker posts them at once) */
  onProgress?: (r: Reply) => void;
  /** called between the steps of a long replay (the worker tells the client it is alive) */
  beat?: () => void;
  /** the clock (ms) for load budgets and progress; tests give their own */
  now?: () => number;
}
