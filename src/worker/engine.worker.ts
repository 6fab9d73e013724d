/// <reference lib="webworker" />
/** The engine worker: a thin wrapper that hands each request to the session. */
import { PROTOCOL_VERSION, transferables, type Request } from "./protocol";
import { createSession } from "./session";

declare const self: DedicatedWorkerGlobalScope;

const session = createSession();

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  if (!req || req.v !== PROTOCOL_VERSION) return;
  const reply = session.handle(req);
  self.postMessage(reply, transferables(reply));
};
