/**
 * Test-only messages to the engine (dev and test builds only; a production worker ignores
 * them): make it fail on purpose, so the e2e tests can check that the app survives a worker
 * that dies and an engine that throws inside a step.
 */

/**
 * "crash": an uncaught exception in the worker; "fault-next-step": the next step run throws;
 * "close": the worker ends itself silently (self.close: no error event); "hang": it spins.
 */
export type DebugAction = "crash" | "fault-next-step" | "close" | "hang";
const ACTIONS: readonly unknown[] = ["crash", "fault-next-step", "close", "hang"];

export interface DebugRequest {
  readonly v: 1;
  readonly type: "debug";
  readonly id: number;
  readonly action: DebugAction;
}

/** Whether this build accepts the messages (never a production build). */
export const TEST_HOOKS: boolean = import.meta.env.DEV || import.meta.env.MODE === "test";

export const INJECTED_FAULT = "a fault injected by a test (failNextStep)";
export const INJECTED_CRASH = "a crash injected by a test (crashWorker)";

export function isDebugRequest(m: unknown): m is DebugRequest {
  if (typeof m !== "object" || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.type === "debug" && ACTIONS.includes(r.action);
}
