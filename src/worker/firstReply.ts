/**
 * The reply a new worker gives to its first request, a load of `text` to its end: the app is
 * built with the default scenario's (the `virtual:first-frame` module, vite.config.ts), so a
 * first visit paints it before the worker's script is even fetched (state/firstFrame.ts). The
 * worker then runs the same load and its reply is the same, generation included: a new session
 * numbers its first timeline 1.
 */
import { PROTOCOL_VERSION, type Reply } from "../contract/wire/protocol";
import { toTypedJson } from "../contract/wire/typedJson";
import { createSession } from "./session";

export type LoadedReply = Extract<Reply, { type: "loaded" }>;

export function firstReply(text: string): LoadedReply {
  const r = createSession().handle({ v: PROTOCOL_VERSION, type: "load", id: 0, text, to: "end" });
  if (r.type !== "loaded") throw new Error(`the first scenario does not load: ${r.type}`);
  return r;
}

/** firstReply as the JSON text the build puts in the app. */
export const firstReplyJson = (text: string): string => toTypedJson(firstReply(text));
