/**
 * The one zustand store, in three slices: `scenario` (the editor's text and its parse error),
 * `engine` (what the worker sent: steps and the latest snapshot, plus the wanted position) and
 * `view` (selection, hover, theme, panels). Snapshots are replaced whole, never mutated.
 * Actions live in actions.ts as module functions.
 */
import { create } from "zustand";
import type { ParseError } from "../contract/ast";
import type { Position, Snapshot, StepInfo } from "../contract/wire/protocol";
import { START } from "../contract/position";

/** Something the user can point at; everything linked to it lights up across the panels. */
export type Focus =
  | { readonly kind: "anon"; readonly id: number }
  | { readonly kind: "frame"; readonly id: number }
  /** `anon`: the anon the slot holds, when the snapshot does not list the slot (a big device) */
  | { readonly kind: "swap"; readonly slot: number; readonly anon?: number }
  | { readonly kind: "page"; readonly proc: string; readonly seg: string; readonly page: number };

/** A segment named as the scenario names it: mapping name and first mapping page (splits). */
export interface SegRef {
  readonly name: string;
  readonly first: number;
}

export const segKey = (s: SegRef): string => `${s.name}@${s.first}`;

export type PanelId = "address" | "anon" | "physical" | "swap" | "narration" | "console" | "scenario";
export type Theme = "light" | "dark";

export interface ScenarioSlice {
  /** the editor's text: never thrown away, even when it does not parse */
  readonly text: string;
  /** the text of the timeline on screen (last one that parsed) */
  readonly shownText: string;
  readonly error: ParseError | null;
  /** a load is queued or running */
  readonly loading: boolean;
  readonly presetId: string | null;
  /** later steps that an operation made mid-scenario broke (they ran again and now fail) */
  readonly marks: readonly Mark[];
}

/** A step that failed only since the last operation went in before it. */
export interface Mark {
  readonly step: number;
  readonly line: number;
  readonly text: string;
  readonly result: string;
}

/** A message for the user, with at most one action (Undo) beside it. */
export interface Notice {
  readonly kind: "error" | "info";
  readonly text: string;
  /** `name`: the accessible name, which says what it undoes (it starts with the label) */
  readonly action?: { readonly label: string; readonly name?: string; readonly run: () => void };
}

interface EngineSlice {
  readonly gen: number;
  readonly steps: readonly StepInfo[];
  readonly snapshot: Snapshot | null;
  /** the snapshot shown before this one (the console marks what changed) */
  readonly previous: Snapshot | null;
  /** where the user wants to be; the snapshot catches up */
  readonly pos: Position;
  /** a fault in the engine (a bug), shown to the user */
  readonly fault: string | null;
}

interface ViewSlice {
  /** the target of the operations: only the user changes it (target.ts) */
  readonly proc: string | null;
  readonly seg: SegRef | null;
  readonly pages: { readonly from: number; readonly to: number } | null;
  /** the mapping predict mode shows while it asks about a statement (not the target) */
  readonly peek: SegRef | null;
  readonly hover: Focus | null;
  readonly selected: Focus | null;
  readonly theme: Theme;
  readonly presenting: PanelId | null;
  readonly playing: boolean;
  /** events per second */
  readonly speed: number;
  readonly help: boolean;
  /** a message for the user (bad link, copied link, what an operation did) */
  readonly notice: Notice | null;
}

export interface AppState {
  readonly scenario: ScenarioSlice;
  readonly engine: EngineSlice;
  readonly view: ViewSlice;
}

function initialTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem("anonscope-theme");
    if (saved === "light" || saved === "dark") return saved;
    return globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  } catch {
    return "light";
  }
}

export const initialState = (): AppState => ({
  scenario: { text: "", shownText: "", error: null, loading: true, presetId: null, marks: [] },
  engine: { gen: 0, steps: [], snapshot: null, previous: null, pos: START, fault: null },
  view: {
    proc: null,
    seg: null,
    pages: null,
    peek: null,
    hover: null,
    selected: null,
    theme: initialTheme(),
    presenting: null,
    playing: false,
    speed: 2,
    help: false,
    notice: null,
  },
});

export const useApp = create<AppState>()(() => initialState());

/** Shallow-merge into one slice. */
export function setSlice<K extends keyof AppState>(key: K, patch: Partial<AppState[K]>): void {
  useApp.setState((s) => ({ ...s, [key]: { ...s[key], ...patch } }));
}
