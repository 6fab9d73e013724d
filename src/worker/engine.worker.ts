/// <reference lib="webworker" />
/**
 * The engine worker: a thin wrapper that hands each request to the session, and between
 * requests lets it build ahead (session.idle, one piece of work per task, so a request that
 * arrives meanwhile waits for one piece at most).
 */
import { INJECTED_CRASH, isDebugRequest, TEST_HOOKS, type DebugRequest } from "../contract/wire/debug";
import { PROTOCOL_VERSION, transferables, type Request } from "../contract/wire/protocol";
import { createSession } from "./session";

declare const self: DedicatedWorkerGlobalScope;

// a running load's progress goes out at once: the client's watchdog hears the worker is alive
let current = 0;
const session = createSession({
  onProgress: (r) => self.postMessage(r),
  // a long replay: the request being handled (or the idle work) is still going
  beat: () => (current ? tell("ack", current) : tell("working", 0, true)),
});
let idleTimer: ReturnType<typeof setTimeout> | null = null;
let closed = false;

/** Liveness for the client (client.ts): it hears from the worker within a moment of asking. */
const tell = (type: "ack" | "ready" | "working", id = 0, on?: boolean): void =>
  self.postMessage({ v: PROTOCOL_VERSION, type, id, seq: 0, ...(on !== undefined ? { on } : {}) });

const runIdle = (): void => {
  idleTimer = null;
  // a piece may take a while (a replay inside a big step): a request meanwhile waits for it
  tell("working", 0, true);
  const more = session.idle();
  // copied, not transferred: the session keeps its own for the seek that may follow
  const push = session.takePush();
  if (push) self.postMessage(push);
  tell("working", 0, false);
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
    else if (req.action === "close") {
      // as a worker that ends itself: no error event, nothing more is answered
      closed = true;
      self.close();
    } else if (req.action === "hang") {
      closed = true;
      // as a worker stuck in a loop: it hears nothing more (the test's watchdog stops it)
      setTimeout(() => {
        for (;;) {
          /* spin */
        }
      }, 0);
    } else session.debug(req.action);
    return;
  }
  if (closed) return;
  tell("ack", req.id);
  if (session.lacks(req)) {
    // the predict questions, the diff and the table view (late.ts) are loaded the first time
    // one is asked for (the service worker has the chunk cached, so this works offline); the
    // reply follows once they are here
    late ??= import("./late").then((m) => session.provide(m));
    void late.then(
      () => answer(req),
      (e: unknown) => {
        late = null;
        const message = `the predict questions, the diff and the table view could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
        self.postMessage({ v: PROTOCOL_VERSION, type: "failed", id: req.id, seq: 0, message });
      },
    );
    return;
  }
  answer(req);
};

let late: Promise<void> | null = null;

function answer(req: Request): void {
  if (closed) return;
  current = req.id;
  const reply = session.handle(req);
  current = 0;
  self.postMessage(reply, transferables(reply));
  idleTimer ??= setTimeout(runIdle, 0);
}

tell("ready");
