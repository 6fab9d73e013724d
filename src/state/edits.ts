/**
 * Changes to the scenario made outside the editor: an operation's statement (it goes right after
 * the step on screen), Undo and Redo, and Share. Each acts on the scenario on screen: a pending
 * edit runs first, and a load in flight is waited for.
 */
import { parseScenario } from "../scenarios/parse";
import { loadText, seek, settleEdits } from "./actions";
import { dismissNotice, notify } from "./view";
import { shareUrl, writeUrl } from "./history";
import { newlyFailing, insertAfter } from "./insert";
import { clampPos } from "../contract/position";
import { setSlice, useApp, type Mark, type SegRef } from "./store";
import { pushRedo, takeRedo, takeUndo, type UndoEntry } from "./undo";

const get = () => useApp.getState();

export interface InsertOptions {
  /** munmap, exit, pageout: say what was done, with Undo */
  readonly destructive?: boolean;
  /** predict mode: show the state before the new step, then move into it through the question */
  readonly predict?: boolean;
  /** an empty target takes the new process or mapping (a target the user has never moves) */
  readonly fill?: { readonly proc?: string; readonly seg?: SegRef };
}

const quoted = (line: string): string => `“${line}”`;

function failures(marks: readonly Mark[]): string {
  if (marks.length === 0) return "";
  if (marks.length === 1) {
    const m = marks[0]!;
    return ` Step ${m.step} (${m.text}) now fails with ${m.result}; it is marked in the editor and on the timeline.`;
  }
  const list = marks.map((m) => m.step);
  const steps = `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
  return ` Steps ${steps} now fail; they are marked in the editor and on the timeline.`;
}

/** What the notice says about a statement that went in as step n of total. */
function describe(line: string, n: number, total: number, result: string, marks: readonly Mark[]): string {
  const failed = result === "ok" ? "" : `, and failed with ${result}`;
  if (n === total) return `Step ${n}: ${quoted(line)} ran${failed}.`;
  const later = total - n;
  const again = `the ${later === 1 ? "step" : `${later} steps`} after it ran again`;
  return `${quoted(line)} went in after step ${n - 1}, as step ${n}${failed}; ${again}.${failures(marks)}`;
}

/**
 * Put one statement right after the step on screen and show it (the view moves to the new step;
 * later steps stay and run again, and any that now fail are marked). Nothing changes if the
 * scenario would not parse with it. Resolves true when it ran.
 */
export async function insertStatement(line: string, opts: InsertOptions = {}): Promise<boolean> {
  await settleEdits();
  const s = get();
  const snap = s.engine.snapshot;
  if (!snap || s.scenario.error) return false;
  const before = s.engine.steps;
  const at = clampPos(before, snap.pos).step;
  const text = insertAfter(s.scenario.shownText, before, at, line);
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    notify("error", `${quoted(line)} was not added: ${parsed.error.message}.`);
    return false;
  }
  const to = { step: opts.predict ? at : at + 1, event: -1 };
  if (!(await loadText(text, to, { history: "push", presetId: null }))) return false;
  const view = get().view;
  if (opts.fill?.proc && !view.proc) setSlice("view", { proc: opts.fill.proc });
  if (opts.fill?.seg && !view.seg) setSlice("view", { seg: opts.fill.seg, pages: null });
  const after = get().engine.steps;
  const marks = newlyFailing(before, after, at + 1);
  setSlice("scenario", { marks });
  const mid = at + 1 < after.length;
  if (mid || opts.destructive || marks.length) {
    const result = after[at]?.result ?? "ok";
    notify(marks.length ? "error" : "info", describe(line, at + 1, after.length, result, marks), {
      label: "Undo",
      name: `Undo ${quoted(line)}`,
      run: () => void undo(),
    });
  }
  if (opts.predict) seek({ step: at + 1, event: -1 });
  return true;
}

function entryNow(): UndoEntry {
  const s = get();
  return {
    text: s.scenario.text,
    shown: s.scenario.shownText,
    pos: clampPos(s.engine.steps, s.engine.pos),
    presetId: s.scenario.presetId,
  };
}

async function restore(e: UndoEntry): Promise<void> {
  const opts = { record: false, presetId: e.presetId, history: "replace" } as const;
  const ran = await loadText(e.shown, e.pos, opts);
  // an edit that had not run comes back into the editor as it was
  if (ran && e.text !== e.shown) await loadText(e.text, e.pos, opts);
}

/**
 * Undo the last change to the scenario: the text and the position come back. An edit in the
 * editor that has not run yet (or does not parse) is undone first, back to the scenario on screen.
 */
export async function undo(): Promise<void> {
  const now = entryNow();
  if (get().view.notice?.action) dismissNotice();
  if (now.text !== now.shown) {
    pushRedo(now);
    await restore({ ...now, text: now.shown });
    return;
  }
  const e = takeUndo(now);
  if (e) await restore(e);
}

/** Redo what Undo took back. */
export async function redo(): Promise<void> {
  const e = takeRedo(entryNow());
  if (e) await restore(e);
}

/**
 * Share the scenario on screen at the position on screen: a pending edit runs first; an edit
 * that does not parse is left out, and the message says so.
 */
export async function share(): Promise<string> {
  await settleEdits();
  const url = await shareUrl();
  writeUrl("push");
  const s = get();
  const left = s.scenario.text !== s.scenario.shownText;
  const without = left
    ? " Your edit in the editor does not parse, so the link has the scenario on screen without it."
    : "";
  try {
    await navigator.clipboard.writeText(url);
    notify(
      "info",
      `Link copied: it opens this scenario at this very step and event, with this view.${without}`,
    );
  } catch {
    notify("info", `The link to this scenario and view is in the address bar: copy it from there.${without}`);
  }
  return url;
}
