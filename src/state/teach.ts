/**
 * Teaching state, apart from the main store: predict-then-reveal, the open lesson, the rules
 * dialog, the table view and the page-size toggle. The query string carries the modes
 * (`?mode=predict`, `?lesson=ID`, `?embed`, `?print`); the fragment stays the shared scenario,
 * so a link with a mode still decodes everywhere.
 */
import { withArch } from "../scenarios/arch";
import type { Arch } from "../contract/ast";
import type { Statement } from "../contract/ast";
import { create } from "zustand";
import { grade } from "../contract/grade";
import type { Question } from "../contract/question";
import { isLesson } from "../lessons/catalog";
import type { Position } from "../contract/wire/protocol";
import { loadText, seek, setSeekGuard } from "./actions";
import { requestQuestions } from "./queries";
import { setPlaying } from "./playback";
import { setExtraView } from "./history";
import { clampPos, START } from "../contract/position";
import { setSlice, useApp } from "./store";
import { modeFromSearch, setQuery } from "./teachText";
import type { TeachMode } from "./teachText";
import { local } from "./local";

// ---------------------------------------------------------------------------------------------
// The store

export interface Asking {
  readonly gen: number;
  /** the step the question is about (1-based); the screen shows the state before it */
  readonly step: number;
  /** where the user was going: shown once the question is answered */
  readonly target: Position;
  readonly statement: string;
  readonly phase: "loading" | "asking" | "revealed";
  readonly question: Question | null;
  readonly given: string | null;
  readonly verdict: { readonly correct: boolean; readonly explain: string } | null;
}

export interface TeachState {
  readonly mode: TeachMode;
  readonly predict: boolean;
  readonly asking: Asking | null;
  /** `${gen}:${step}` of the steps already predicted (or skipped) */
  readonly answered: ReadonlySet<string>;
  readonly score: { readonly right: number; readonly asked: number };
  readonly lesson: string | null;
  readonly rules: boolean;
  readonly rule: string | null;
  readonly table: boolean;
}

const initialMode = (): TeachMode =>
  modeFromSearch(typeof window === "undefined" ? "" : window.location.search);

export const useTeach = create<TeachState>()(() => {
  const mode = initialMode();
  return {
    mode,
    predict: mode.predict,
    asking: null,
    answered: new Set(),
    score: { right: 0, asked: 0 },
    lesson: mode.lesson && isLesson(mode.lesson) ? mode.lesson : null,
    rules: false,
    rule: null,
    table: false,
  };
});

const teach = () => useTeach.getState();
const set = (patch: Partial<TeachState>): void => useTeach.setState(patch);
const keyOf = (gen: number, step: number): string => `${gen}:${step}`;

// ---------------------------------------------------------------------------------------------
// Predict

/** Hold a move into the next step until its question is answered. */
function guard(from: Position, to: Position): boolean {
  const t = teach();
  if (!t.predict || t.mode.print) return false;
  if (to.step !== from.step + 1) return false;
  const e = useApp.getState().engine;
  if (t.answered.has(keyOf(e.gen, to.step))) return false;
  const a = t.asking;
  if (a && a.gen === e.gen && a.step === to.step && a.phase !== "revealed") return true;
  const st = e.steps[to.step - 1];
  if (!st) return false;
  if (useApp.getState().view.playing) setPlaying(false);
  set({
    asking: {
      gen: e.gen,
      step: to.step,
      target: to,
      statement: st.text,
      phase: "loading",
      question: null,
      given: null,
      verdict: null,
    },
  });
  showStatement(st.stmt);
  void prepare(e.gen, to.step);
  return true;
}

/**
 * Show the mapping a statement touches (read, write, munmap, mprotect, pageout) in the anon
 * layer while its question is open. The target of the operations stays the user's.
 */
function showStatement(stmt: Statement): void {
  if (
    stmt.op !== "pageout" &&
    stmt.op !== "read" &&
    stmt.op !== "write" &&
    stmt.op !== "munmap" &&
    stmt.op !== "mprotect"
  )
    return;
  const p = useApp.getState().engine.snapshot?.procs.find((x) => x.alive && x.name === stmt.proc);
  const pieces = p?.segs.filter((g) => g.name === stmt.seg) ?? [];
  const page = stmt.range?.from ?? Number.NaN;
  const g = pieces.find((x) => page >= x.first && page < x.first + x.pages) ?? pieces[0];
  if (g) setSlice("view", { peek: { name: g.name, first: g.first } });
}

/** Ask the worker for the step's questions (it reads the states around the step itself). */
async function prepare(gen: number, step: number): Promise<void> {
  const qs = await requestQuestions(step);
  const a = teach().asking;
  if (!a || a.gen !== gen || a.step !== step || a.phase !== "loading") return;
  const q = qs[0];
  // a step with nothing to predict just plays
  if (!q) return skipQuestion();
  set({ asking: { ...a, phase: "asking", question: q } });
}

export function answerQuestion(given: string): void {
  const a = teach().asking;
  if (!a || a.phase !== "asking" || !a.question) return;
  const verdict = grade(a.question, given);
  const t = teach();
  set({
    answered: new Set(t.answered).add(keyOf(a.gen, a.step)),
    asking: { ...a, phase: "revealed", given, verdict },
    score: { right: t.score.right + (verdict.correct ? 1 : 0), asked: t.score.asked + 1 },
  });
  seek(a.target);
}

/** Play the step without answering. */
export function skipQuestion(): void {
  const a = teach().asking;
  if (!a) return;
  set({ answered: new Set(teach().answered).add(keyOf(a.gen, a.step)), asking: null });
  seek(a.target);
}

export const dismissQuestion = (): void => set({ asking: null });

export function setPredict(on: boolean): void {
  set({ predict: on, asking: null, answered: new Set() });
  setQuery("mode", on ? "predict" : null);
}

// ---------------------------------------------------------------------------------------------
// Lessons

/**
 * Open lesson `id`: its prose and scenario (lessons/lessons.ts) are loaded then, the first time
 * (the menu needs only the catalogue); state/lesson.ts reads the open one.
 */
export async function openLesson(id: string, history: "push" | "replace" = "push"): Promise<void> {
  if (!isLesson(id)) return;
  // loading from now on, while the lesson may still be on its way (loadText says so too)
  const was = useApp.getState().scenario.loading;
  setSlice("scenario", { loading: true });
  const l = await import("../lessons/lessons").then(
    (m) => m.lessonById(id),
    () => undefined,
  );
  if (!l) {
    setSlice("scenario", { loading: was });
    return;
  }
  set({ lesson: id, asking: null, answered: new Set(), table: false });
  await loadText(l.scenario, START, { history, presetId: null, fresh: true });
  setQuery("lesson", id);
}

export function closeLesson(): void {
  set({ lesson: null });
  setQuery("lesson", null);
}

// ---------------------------------------------------------------------------------------------
// Rules, table, page size

export const openRules = (rule: string | null = null): void => set({ rules: true, rule });
export const closeRules = (): void => set({ rules: false, rule: null });
export const setTable = (on: boolean): void => set({ table: on });
// a share link carries the table view with the rest of the view (history.ts)
setExtraView(() => (teach().table ? { table: true } : {}));

export async function setArch(arch: Arch): Promise<void> {
  const s = useApp.getState();
  const text = withArch(s.scenario.text, arch);
  if (text === s.scenario.text) return;
  await loadText(text, clampPos(s.engine.steps, s.engine.pos), {
    history: "push",
    presetId: s.scenario.presetId,
  });
}

// ---------------------------------------------------------------------------------------------
// Wiring: once, from the app

const my = local(() => ({ wired: false }));

/** Install the predict guard and keep the teaching state in step with the app and the URL. */
export function wireTeach(): () => void {
  if (my.wired) return () => {};
  my.wired = true;
  setSeekGuard(guard);
  const unsub = useApp.subscribe((s) => {
    const a = teach().asking;
    if (!a) {
      if (s.view.peek) setSlice("view", { peek: null });
      return;
    }
    const step = clampPos(s.engine.steps, s.engine.pos).step;
    if (s.engine.gen !== a.gen) set({ asking: null });
    else if (a.phase === "revealed" ? step !== a.step : step !== a.step - 1) set({ asking: null });
  });
  const onPop = (): void => {
    const m = modeFromSearch(window.location.search);
    set({ lesson: m.lesson && isLesson(m.lesson) ? m.lesson : null });
  };
  window.addEventListener("popstate", onPop);
  // ?lesson=ID without a scenario in the fragment: open the lesson's own scenario
  const t = teach();
  if (t.lesson && window.location.hash.length <= 1) void openLesson(t.lesson, "replace");
  return () => {
    my.wired = false;
    setSeekGuard(null);
    unsub();
    window.removeEventListener("popstate", onPop);
  };
}
