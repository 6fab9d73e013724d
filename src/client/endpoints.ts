/**
 * The ways to reach the engine: a module Worker, the same session on the main thread, and the
 * default that prefers the first and falls back to the second. The client (client.ts) depends
 * only on the minimal Endpoint they share.
 */
import { isDebugRequest, type DebugRequest } from "../contract/wire/debug";
import type { Reply, Request } from "../contract/wire/protocol";
import type { Session, SessionOptions } from "../worker/sessionApi";
import { makeWorker, takeEarly } from "./early";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<Request, "id" | "v">;
export type Message = Request | DebugRequest;

export interface Endpoint {
  postMessage(msg: Message): void;
  onReply(fn: (r: Reply) => void): void;
  /** The engine behind the endpoint died (an uncaught error, a crash): called at most once. */
  onDeath?(fn: (why: string) => void): void;
  /** true when the engine runs on this thread: no watchdog can help it (it cannot be stopped) */
  readonly inProcess?: boolean;
  terminate(): void;
}

/**
 * An endpoint that runs the session on this thread, answering asynchronously. The engine is
 * loaded on first use, so it is not in the main bundle when the worker works.
 */
export function inProcessEndpoint(opts?: SessionOptions): Endpoint {
  let session: Promise<Session> | null = null;
  let listener: ((r: Reply) => void) | null = null;
  // as the worker does: build ahead between requests, one piece per task
  const drain = (s: Session): void => {
    const more = s.idle();
    const push = s.takePush();
    if (push) listener?.(push);
    if (more) setTimeout(() => drain(s), 0);
  };
  return {
    inProcess: true,
    postMessage(msg) {
      session ??= Promise.all([import("../worker/session"), import("../worker/late")]).then(([m, late]) =>
        m.createSession({ late, ...opts }),
      );
      void session.then((s) =>
        setTimeout(() => {
          // a test's crash cannot be staged on the main thread; a step fault can
          if (isDebugRequest(msg)) {
            if (msg.action === "fault-next-step") s.debug(msg.action);
          } else {
            listener?.(s.handle(msg));
            setTimeout(() => drain(s), 0);
          }
        }, 0),
      );
    },
    onReply(fn) {
      listener = fn;
    },
    terminate() {
      listener = null;
    },
  };
}

/** The engine in a module Worker. An error event, or a reply it cannot send, is its death. */
function workerEndpoint(): Endpoint {
  // the page's first worker was started before the app's code ran (early.ts)
  const early = takeEarly();
  const w = early?.worker ?? makeWorker();
  let death: ((why: string) => void) | null = null;
  let over = false;
  let why: string | null = null;
  const die = (reason: string): void => {
    if (over) return;
    over = true;
    why = reason;
    death?.(reason);
  };
  const failed = (e: ErrorEvent): void => {
    // handled here: the supervisor reports it to the user
    e.preventDefault();
    die(e.message ? `an uncaught error in the worker: ${e.message}` : "the worker failed");
  };
  w.onerror = failed;
  w.onmessageerror = () => die("a reply from the worker could not be read");
  if (early?.failed) failed(early.failed);
  return {
    postMessage: (msg) => w.postMessage(msg),
    onReply(fn) {
      w.onmessage = (ev: MessageEvent<Reply>) => fn(ev.data);
      // what it said before it was taken over, first
      for (const ev of early?.said.splice(0) ?? []) fn(ev.data as Reply);
    },
    onDeath(fn) {
      death = fn;
      // it died before anyone listened: told now, after the caller has finished wiring it
      if (why !== null) {
        const reason = why;
        queueMicrotask(() => fn(reason));
      }
    },
    terminate: () => {
      over = true;
      w.terminate();
    },
  };
}

/**
 * Prefer a Worker; fall back to the main thread when one cannot be made, or when it fails before
 * its first reply (requests not yet answered are sent again to the fallback). A worker that dies
 * after it has worked is reported through onDeath, for the supervisor to restart.
 */
export function defaultEndpoint(): Endpoint {
  let listener: ((r: Reply) => void) | null = null;
  let death: ((why: string) => void) | null = null;
  const pending = new Map<number, Message>();
  let answered = false;
  const deliver = (r: Reply): void => {
    answered = true;
    pending.delete(r.id);
    listener?.(r);
  };
  let fellBack = false;
  const fallBack = (): void => {
    if (fellBack) return;
    fellBack = true;
    inner.terminate();
    inner = inProcessEndpoint();
    inner.onReply(deliver);
    for (const m of pending.values()) inner.postMessage(m);
  };
  let inner: Endpoint;
  try {
    inner = typeof Worker !== "undefined" ? workerEndpoint() : inProcessEndpoint();
  } catch {
    // e.g. a browser that refuses module workers
    inner = inProcessEndpoint();
  }
  inner.onReply(deliver);
  inner.onDeath?.((why) => (answered ? death?.(why) : fallBack()));
  return {
    postMessage(msg) {
      if (!isDebugRequest(msg)) pending.set(msg.id, msg);
      inner.postMessage(msg);
    },
    onReply(fn) {
      listener = fn;
    },
    onDeath(fn) {
      death = fn;
    },
    get inProcess() {
      return inner.inProcess === true;
    },
    terminate: () => inner.terminate(),
  };
}

/**
 * An endpoint made only once `until` settles: the page's first visit paints the default
 * scenario from the build (state/firstFrame.ts) and fetches the worker after that paint.
 * Messages sent meanwhile wait here and go, in order, to the endpoint `make` returns.
 */
export function deferredEndpoint(make: () => Endpoint, until: Promise<unknown>): Endpoint {
  let inner: Endpoint | null = null;
  let over = false;
  let listener: ((r: Reply) => void) | null = null;
  let death: ((why: string) => void) | null = null;
  const waiting: Message[] = [];
  void until.then(() => {
    if (over) return;
    const ep = make();
    inner = ep;
    if (listener) ep.onReply(listener);
    if (death) ep.onDeath?.(death);
    for (const m of waiting.splice(0)) ep.postMessage(m);
  });
  return {
    postMessage(msg) {
      if (inner) inner.postMessage(msg);
      else if (!over) waiting.push(msg);
    },
    onReply(fn) {
      listener = fn;
      inner?.onReply(fn);
    },
    onDeath(fn) {
      death = fn;
      inner?.onDeath?.(fn);
    },
    get inProcess() {
      return inner?.inProcess === true;
    },
    terminate() {
      over = true;
      waiting.length = 0;
      inner?.terminate();
    },
  };
}
