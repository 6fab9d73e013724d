/// <reference lib="webworker" />
/**
 * The engine worker: a thin wrapper that hands each request to the session, and between
 * requests lets it build ahead (session.idle, one piece of work per task, so a request that
 * arrives meanwhile waits for one piece at most).
 */
import { INJECTED_CRASH, isDebugRequest, TEST_HOOKS, type DebugRequest } from "./debug";
import { PROTOCOL_VERSION, transferables, type Request } from "./protocol";
import { createSession } from "./session";

declare const self: DedicatedWorkerGlobalScope;

const session = createSession();
let idleTimer: ReturnType<typeof setTimeout> | null = null;

const runIdle = (): void => {
  idleTimer = null;
  const more = session.idle();
  // copied, not transferred: the session keeps its own for the seek that may follow
  const push = session.takePush();
  if (push) self.postMessage(push);
  if (more) idleTimer = setTimeout(runIdle, 0);
};

self.onmessage = (ev: MessageEvent<Request | DebugRequest>) => {
  const req = ev.data;
  if (!req || req.v !== PROTOCOL_VERSION) return;
  if (isDebugRequest(req)) {
    // test hooks only (dev and test builds): a crash is an exception nothing catches
    if (!TEST_HOOKS) return;
    if (req.action === "crash")
      setTimeout(() => {
        throw new Error(INJECTED_CRASH);
      }, 0);
    else session.debug(req.action);
    return;
  }
  const reply = session.handle(req);
  self.postMessage(reply, transferables(reply));
  idleTimer ??= setTimeout(runIdle, 0);
};
