import type { Question } from "../contract/question";
import type { VmDoc } from "../contract/doc";
import type { DocView } from "../contract/docView";
import type { Change } from "../contract/change";
import type { Position, ViewQuery, ViewWindow } from "../contract/wire/protocol";
import { engine } from "./engine";
import { useApp } from "./store";
import { keepWindows } from "./zoomViews";
const get = () => useApp.getState();

// Questions to the engine about the timeline on screen that move nothing: the document, the
// printable view, the predict questions, what changed, the zoomed views.
/** The JSON document at a position of the timeline on screen (the current one by default). */
export async function requestDoc(pos?: Position): Promise<VmDoc | null> {
  const e = get().engine;
  const r = await engine().request({ type: "doc", gen: e.gen, pos: pos ?? e.pos });
  return r.type === "doc" ? r.doc : null;
}

/**
 * What the Tables view, the printable view and the tool text show at a position of the timeline
 * on screen (the current one by default), built in the worker with at most `rows` rows a table.
 */
export async function requestDocView(pos?: Position, rows?: number): Promise<DocView | null> {
  const e = get().engine;
  const r = await engine().request({
    type: "view",
    gen: e.gen,
    pos: pos ?? e.pos,
    ...(rows ? { rows } : {}),
  });
  return r.type === "view" ? r.view : null;
}

/**
 * Predict mode's questions about step `step` of the timeline on screen, worked out in the worker
 * (only they travel); none when the step has nothing to ask or the engine failed.
 */
export async function requestQuestions(step: number): Promise<readonly Question[]> {
  const r = await engine().request({ type: "predict", gen: get().engine.gen, step });
  return r.type === "predict" ? r.questions : [];
}

/**
 * What changed (engine/diff) at the position on screen: over its event, over its whole step, or
 * from `from` (Compare's moment A); null when the engine could not say (a stale timeline: a
 * newer one is on its way). `at` says which timeline and positions the answer is about.
 */
export async function requestChanges(
  scope: "event" | "step",
  from?: Position,
): Promise<{ items: readonly Change[]; folded: number; gen: number; from: Position; to: Position } | null> {
  const e = get().engine;
  if (!e.snapshot) return null;
  const pos = e.snapshot.pos;
  const r = await engine().request({ type: "changes", gen: e.gen, pos, scope, ...(from ? { from } : {}) });
  return r.type === "changes"
    ? { items: r.items, folded: r.folded, gen: e.gen, from: r.from, to: r.to }
    : null;
}

/** The timeline and position of the snapshot on screen: what zoomed views ask about. */
function atShown(): { gen: number; pos: Position } {
  const e = get().engine;
  return { gen: e.gen, pos: e.snapshot?.pos ?? e.pos };
}

/**
 * The windows of zoomed views at the snapshot's position (nothing is remembered: a view asks
 * again when it needs another). Kept in zoomViews.ts as they come.
 */
export async function requestViews(views: readonly ViewQuery[]): Promise<readonly ViewWindow[]> {
  const r = await engine().request({ ...atShown(), type: "views", views });
  if (r.type !== "views") return [];
  keepWindows(r.views, get().engine.snapshot);
  return r.views;
}
