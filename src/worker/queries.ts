import { buildDoc, docRecords } from "../engine/report/doc";
import { clampPosition, type Timeline } from "../engine/timeline";
import type { VmState } from "../engine/types";
import { LIMITS } from "../contract/limits";
import type { Position, Reply, Request } from "../contract/wire/protocol";
import type { Late } from "./sessionApi";
import { answerViews } from "./views";

/**
 * The questions about one position of the current timeline that move nothing: the JSON
 * document, the printable view, the predict questions, what changed, and the zoomed views.
 * The session (session.ts) has checked the generation; these only read states.
 */

/** What a query reads: the timeline, the reply's numbers, and the session's states. */
export interface Here {
  readonly tl: Timeline;
  readonly gen: number;
  readonly seq: number;
  readonly id: number;
  readonly stateFor: (p: Position) => VmState;
  /** late.ts, once loaded (the session refuses what needs it until then) */
  readonly late: Late | null;
}

export type Query = Extract<Request, { type: "doc" | "view" | "predict" | "changes" | "views" }>;

/** The whole JSON document is refused past the CLI's limit, in the CLI's words. */
const docTooBig = (records: number): string =>
  `the JSON document would hold ${records} slot, anon and page records; the limit is ${LIMITS.docRecords} (LIMITS.docRecords)`;

/**
 * The position a change list starts from: just before the event at p ("event": the event
 * before it, or the end of the previous step for a step's first event), or the end of the
 * previous step ("step").
 */
export function before(tl: Timeline, p: Position, scope: "event" | "step"): Position {
  if (p.step === 0) return p;
  const n = tl.steps[p.step - 1]!.events.length;
  const e = p.event === -1 ? n - 1 : p.event;
  return scope === "event" && e >= 1 ? { step: p.step, event: e - 1 } : { step: p.step - 1, event: -1 };
}

const notLoaded = (h: Here): Reply => ({
  v: 1,
  type: "failed",
  id: h.id,
  seq: h.seq,
  message: "the predict questions, the diff and the table view are not loaded",
});

export function answer(h: Here, req: Query): Reply {
  const { tl, gen, seq, id, stateFor, late } = h;
  switch (req.type) {
    case "doc": {
      const p = clampPosition(tl, req.pos);
      const last = p.event === -1 ? p.step : p.step - 1;
      const st = stateFor(p);
      // the CLI's cap: one object per mapped page would exhaust memory long before this
      const records = docRecords(st);
      if (records > LIMITS.docRecords) return { v: 1, type: "failed", id, seq, message: docTooBig(records) };
      return { v: 1, type: "doc", id, seq, doc: buildDoc(st, tl.steps.slice(0, last)) };
    }
    case "view": {
      if (!late) return notLoaded(h);
      const p = clampPosition(tl, req.pos);
      return { v: 1, type: "view", id, seq, view: late.docViewFor(stateFor(p), req.rows) };
    }
    case "predict": {
      const rec = tl.steps[req.step - 1];
      if (!rec) return { v: 1, type: "predict", id, seq, step: req.step, questions: [] };
      if (!late) return notLoaded(h);
      const before = stateFor(clampPosition(tl, { step: req.step - 1, event: -1 }));
      const after = stateFor(clampPosition(tl, { step: req.step, event: -1 }));
      return {
        v: 1,
        type: "predict",
        id,
        seq,
        step: req.step,
        questions: late.questionsBetween(before, rec, after),
      };
    }
    case "changes": {
      if (!late) return notLoaded(h);
      // a whole step is its whole step, wherever in it the user stands
      const at = clampPosition(tl, req.pos);
      const to = req.scope === "step" && !req.from ? { step: at.step, event: -1 } : at;
      const from = clampPosition(tl, req.from ?? before(tl, to, req.scope));
      const d = late.diffStates(stateFor(from), stateFor(to));
      return { v: 1, type: "changes", id, seq, from, to, items: d.items, folded: d.folded };
    }
    case "views": {
      const p = clampPosition(tl, req.pos);
      return { v: 1, type: "views", id, seq, views: answerViews(stateFor(p), gen, p, seq, req.views) };
    }
  }
}
