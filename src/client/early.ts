/**
 * The engine worker, started as the page's very first act (main.tsx imports this module before
 * anything else): the worker's script is fetched, compiled and ready while the main thread is
 * still evaluating the app's own code (React, the panels), which on a slow CPU takes longer than
 * the worker's whole first load. The first workerEndpoint (endpoints.ts) takes it over, with
 * whatever it said meanwhile ("ready", an error); a restart makes a new one.
 */
export interface EarlyWorker {
  readonly worker: Worker;
  /** what the worker posted before it was taken over, in order */
  readonly said: MessageEvent[];
  /** the error it died of before it was taken over, if it did */
  readonly failed: ErrorEvent | null;
}

/** A new engine worker (the one place its script is named, so the build emits it once). */
export function makeWorker(): Worker {
  return new Worker(new URL("../worker/engine.worker.ts", import.meta.url), { type: "module" });
}

let early: { worker: Worker; said: MessageEvent[]; failed: ErrorEvent | null } | null = null;

/** Start the worker now (a page without Worker support, or one that refuses it, starts none). */
export function startEarly(): void {
  if (early || typeof Worker === "undefined") return;
  try {
    const worker = makeWorker();
    const e: { worker: Worker; said: MessageEvent[]; failed: ErrorEvent | null } = {
      worker,
      said: [],
      failed: null,
    };
    // a worker's messages with no listener are lost: kept here until it is taken over
    worker.onmessage = (ev) => e.said.push(ev);
    worker.onerror = (ev) => {
      ev.preventDefault();
      e.failed ??= ev;
    };
    early = e;
  } catch {
    early = null;
  }
}

/** The worker started early, once (null: none, or already taken). */
export function takeEarly(): EarlyWorker | null {
  const e = early;
  early = null;
  if (!e) return null;
  e.worker.onmessage = null;
  e.worker.onerror = null;
  return e;
}
