/**
 * The preset menu's data, from src/scenarios/presets.ts (one `.vms` file per preset, with
 * `# title:` and `# idea:` header lines).
 */
import { DEFAULT_PRESET_ID, PRESETS, presetById, type Preset } from "../scenarios/presets";

export { DEFAULT_PRESET_ID, PRESETS, presetById, type Preset };

/** The preset the app opens with (the first one if the default id ever goes missing). */
export function defaultPreset(): Preset {
  return presetById(DEFAULT_PRESET_ID) ?? PRESETS[0]!;
}
