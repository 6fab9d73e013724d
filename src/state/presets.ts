/**
 * The presets for the app. The menu (ids, titles, where each opens) and the default preset are
 * there from the start (scenarios/presetMenu.ts); the other texts and ideas are loaded on first
 * use (scenarios/presets.ts): when one is chosen, or when the menu is pointed at (its ideas are
 * the options' tooltips).
 */
import { create } from "zustand";
import { DEFAULT_PRESET, PRESET_MENU, type PresetEntry } from "../scenarios/presetMenu";
import type { Preset } from "../scenarios/preset";
import { notify } from "./view";
import { loadText } from "./actions";
import { setSlice, useApp } from "./store";
import { lazyModule } from "./local";

export { PRESET_MENU, type Preset, type PresetEntry };

/** Every preset whole, once loaded (null until then). */
export const usePresets = create<{ all: readonly Preset[] | null }>()(() => ({ all: null }));

const all = lazyModule(() =>
  import("../scenarios/presets").then((m) => {
    usePresets.setState({ all: m.PRESETS });
    return m.PRESETS;
  }),
);
/** Load every preset's text and idea (once; a failed load is tried again the next time). */
export const loadPresets = (): Promise<readonly Preset[]> => all.load();

/** The preset the app opens with, whole. */
export function defaultPreset(): Preset {
  return DEFAULT_PRESET;
}

/** What the menu knows of preset `id` (no text). */
export function presetEntry(id: string): PresetEntry | undefined {
  return PRESET_MENU.find((p) => p.id === id);
}

/** Preset `id` whole if it is at hand now (the default, or all of them once loaded). */
export function presetNow(id: string): Preset | undefined {
  if (id === DEFAULT_PRESET.id) return DEFAULT_PRESET;
  return usePresets.getState().all?.find((p) => p.id === id);
}

/**
 * Preset `id` whole (the default for an unknown id), loaded if need be; null, with a message,
 * when its text cannot be loaded.
 */
async function presetToLoad(id: string): Promise<Preset | null> {
  try {
    return (await presetById(id)) ?? DEFAULT_PRESET;
  } catch {
    notify("error", "The preset could not be loaded (offline, and not cached yet?): try again.");
    return null;
  }
}

/** Preset `id` whole, loaded if need be. */
export async function presetById(id: string): Promise<Preset | undefined> {
  return presetNow(id) ?? (await loadPresets()).find((p) => p.id === id);
}

/** Open preset `id` at the step it opens at: its `# start: N` header, else the start (scenario-format.md). */
export async function loadPreset(id: string): Promise<boolean> {
  // loading from now on, while the text may still be on its way (loadText says so too)
  const was = useApp.getState().scenario.loading;
  setSlice("scenario", { loading: true });
  const p = await presetToLoad(id);
  if (!p) {
    setSlice("scenario", { loading: was });
    return false;
  }
  return loadText(p.text, { step: p.start, event: -1 }, { history: "push", presetId: p.id, fresh: true });
}

/** Leave a scenario that is too slow: open the default preset (the text goes with it). */
export const openDefault = (): Promise<boolean> => loadPreset(DEFAULT_PRESET.id);
