/**
 * The target of the operation buttons: a process, one of its mappings (by name, as statements
 * name it) and pages. Only the user sets it (the Process and Segment boxes, a click in a
 * diagram); stepping, playing, kernel events and operations never move it. When it does not
 * exist at the position on screen, the buttons that need it are disabled, and these functions
 * say why, in words a student can act on.
 */
import type { ProcSnap, SegSnap } from "../contract/wire/protocol";
import { clampPos } from "../contract/position";
import { procLife, scenarioOf, segLife } from "./scenarioFacts";
import type { AppState } from "./store";

/** The target process, when it is alive at the position on screen. */
export function targetProc(s: AppState): ProcSnap | null {
  const name = s.view.proc;
  if (!name) return null;
  return s.engine.snapshot?.procs.find((p) => p.alive && p.name === name) ?? null;
}

/**
 * The piece of process p's target mapping on screen: the one the target names (its first
 * page), else the one holding the target pages, else the first piece of that name.
 */
export function targetSeg(s: AppState, p: ProcSnap | null): SegSnap | null {
  const want = s.view.seg;
  if (!p || !want) return null;
  const pieces = p.segs.filter((g) => g.name === want.name);
  const at = s.view.pages?.from;
  return (
    pieces.find((g) => g.first === want.first) ??
    (at !== undefined ? pieces.find((g) => at >= g.first && at < g.first + g.pages) : undefined) ??
    pieces[0] ??
    null
  );
}

/** The step on screen (0: before the first). */
const stepShown = (s: AppState): number => {
  const snap = s.engine.snapshot;
  return snap ? clampPos(s.engine.steps, snap.pos).step : 0;
};

const ok = (s: AppState) => (i: number) => s.engine.steps[i]?.result === "ok";

/** Why the operations cannot run at all right now (null: they can). */
export function blockedWhy(s: AppState): string | null {
  if (!s.engine.snapshot) return "The simulator is starting.";
  const e = s.scenario.error;
  if (e) return `The scenario does not parse (line ${e.line}): fix it in the editor, or Undo.`;
  return null;
}

/** Why the operations that need a process cannot run (null: they can). */
export function procWhy(s: AppState): string | null {
  const blocked = blockedWhy(s);
  if (blocked) return blocked;
  if (targetProc(s)) return null;
  const name = s.view.proc;
  const anyAlive = s.engine.snapshot?.procs.some((p) => p.alive) ?? false;
  if (!name)
    return anyAlive ? "Choose a process in the Process box." : "No process is alive here: spawn one first.";
  const sc = scenarioOf(s.scenario.shownText);
  const at = stepShown(s);
  if (sc) {
    const { born, exited } = procLife(sc, name, at, ok(s));
    if (!born) return `No process is named ${name} in this scenario: choose one in the Process box.`;
    if (born.step > at)
      return `${name} does not exist yet at this step: step ${born.step} (${born.text}) creates it.`;
    if (exited) return `${name} has exited at this step (step ${exited.step}: ${exited.text}).`;
  }
  return `${name} is not alive at this step.`;
}

/** Why the operations that need a mapping cannot run (null: they can). */
export function segWhy(s: AppState): string | null {
  const pw = procWhy(s);
  if (pw) return pw;
  const p = targetProc(s)!;
  const seg = s.view.seg?.name;
  if (!seg) return "Choose a segment in the Segment box.";
  if (targetSeg(s, p)) return null;
  const sc = scenarioOf(s.scenario.shownText);
  if (sc) {
    const { maps, unmapped } = segLife(sc, p.name, seg, stepShown(s));
    if (maps) return `${p.name} has no mapping ${seg} yet: step ${maps.step} (${maps.text}) maps it.`;
    if (unmapped)
      return `${p.name} has no mapping ${seg} any more: step ${unmapped.step} (${unmapped.text}) unmapped it.`;
  }
  return `${p.name} has no mapping named ${seg} at this step.`;
}
