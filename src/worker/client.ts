/**
 * The main thread's side of the protocol. It depends only on a minimal Endpoint, so tests can
 * run the session in-process; if a Worker cannot start, the same session runs on the main
 * thread (slower on huge scenarios, but the app keeps working).
 */
import { PROTOCOL_VERSION, type LoadTarget, type Position, type Reply, type Request } from "./protocol";
import type { Session } from "./session";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<Request, "id" | "v">;

export interface Endpoint {
  postMessage(msg: Request): void;
  onReply(fn: (r: Reply) => void): void;
  terminate(): void;
}

/**
 * An endpoint that runs the session on this thread, answering asynchronously. The engine is
 * loaded on first use, so it is not in the main bundle when the worker works.
 */
export function inProcessEndpoint(): Endpoint {
  let session: Promise<Session> | null = null;
  let listener: ((r: Reply) => void) | null = null;
  return {
    postMessage(msg) {
      session ??= import("./session").then((m) => m.createSession());
      void session.then((s) => setTimeout(() => listener?.(s.handle(msg)), 0));
    },
    onReply(fn) {
      listener = fn;
    },
    terminate() {
      listener = null;
    },
  };
}

export function workerEndpoint(onFail: () => void = () => {}): Endpoint {
  const w = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" });
  w.onerror = (e) => {
    e.preventDefault();
    onFail();
  };
  return {
    postMessage: (msg) => w.postMessage(msg),
    onReply(fn) {
      w.onmessage = (ev: MessageEvent<Reply>) => fn(ev.data);
    },
    terminate: () => w.terminate(),
  };
}

/**
 * Prefer a Worker; fall back to the main thread when one cannot be made, or when it fails to
 * start (requests not yet answered are sent again to the fallback).
 */
export function defaultEndpoint(): Endpoint {
  let listener: ((r: Reply) => void) | null = null;
  const pending = new Map<number, Request>();
  const deliver = (r: Reply): void => {
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
    inner = typeof Worker !== "undefined" ? workerEndpoint(fallBack) : inProcessEndpoint();
  } catch {
    // e.g. a browser that refuses module workers
    inner = inProcessEndpoint();
  }
  inner.onReply(deliver);
  return {
    postMessage(msg) {
      pending.set(msg.id, msg);
      inner.postMessage(msg);
    },
    onReply(fn) {
      listener = fn;
    },
    terminate: () => inner.terminate(),
  };
}

export class EngineClient {
  private nextId = 1;
  private lastSeq = 0;
  private waiting = new Map<number, (r: Reply) => void>();
  private seekBusy = false;
  private seekNext: { gen: number; pos: Position } | null = null;
  private onSeek: (r: Reply) => void = () => {};

  constructor(private readonly ep: Endpoint) {
    ep.onReply((r) => this.receive(r));
  }

  private receive(r: Reply): void {
    if (!r || r.v !== PROTOCOL_VERSION) return;
    this.lastSeq = Math.max(this.lastSeq, r.seq);
    const done = this.waiting.get(r.id);
    this.waiting.delete(r.id);
    done?.(r);
  }

  request(body: RequestBody): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ep.postMessage({ ...body, v: PROTOCOL_VERSION, id });
    });
  }

  load(text: string, to: LoadTarget): Promise<Reply> {
    this.seekNext = null;
    return this.request({ type: "load", text, to });
  }

  /**
   * Ask for the snapshot at pos. Only one seek is in flight at a time; asks made meanwhile
   * replace each other, so scrubbing fast costs one snapshot per round trip and the latest wins.
   */
  seek(gen: number, pos: Position, onReply: (r: Reply) => void): void {
    this.seekNext = { gen, pos };
    this.onSeek = onReply;
    if (this.seekBusy) return;
    const pump = (): void => {
      const next = this.seekNext;
      this.seekNext = null;
      if (!next) {
        this.seekBusy = false;
        return;
      }
      this.seekBusy = true;
      void this.request({ type: "seek", gen: next.gen, pos: next.pos }).then((r) => {
        this.onSeek(r);
        pump();
      });
    };
    pump();
  }

  dispose(): void {
    this.ep.terminate();
    this.waiting.clear();
  }
}
