/**
 * The preset menu's data. src/scenarios/presets.ts (PRESETS, presetById, DEFAULT_PRESET_ID) is
 * the source of truth; until that module exists, the same list is read here from the preset
 * files themselves (`# title:` and `# idea:` header lines), so the app works either way.
 */

export interface Preset {
  readonly id: string;
  readonly order: number;
  readonly title: string;
  readonly idea: string;
  readonly text: string;
}

interface PresetsModule {
  PRESETS: readonly Preset[];
  DEFAULT_PRESET_ID: string;
}

const modules = import.meta.glob<PresetsModule>("../scenarios/presets.ts", { eager: true });
const files = import.meta.glob<string>("../scenarios/presets/*.vms", {
  eager: true,
  query: "?raw",
  import: "default",
});

/** Title and idea from a preset's header comments. */
export function presetFromFile(path: string, text: string): Preset {
  const id = path.slice(path.lastIndexOf("/") + 1).replace(/\.vms$/, "");
  const header = (key: string): string => {
    const m = new RegExp(`^#\\s*${key}:\\s*(.*)$`, "m").exec(text);
    return m?.[1]?.trim() ?? "";
  };
  const order = Number.parseInt(id, 10);
  return { id, order: Number.isFinite(order) ? order : 999, title: header("title") || id, idea: header("idea"), text };
}

const FALLBACK_TEXT = `# title: A first look
# idea: P1 writes 4 pages, forks, and the child writes one page: copy-on-write.
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 write buf 0-3
P1 fork P2
P2 write buf 1
`;

function load(): { presets: readonly Preset[]; defaultId: string } {
  const mod = Object.values(modules)[0];
  if (mod && Array.isArray(mod.PRESETS) && mod.PRESETS.length > 0) {
    return { presets: [...mod.PRESETS].sort((a, b) => a.order - b.order), defaultId: mod.DEFAULT_PRESET_ID };
  }
  const list = Object.entries(files)
    .map(([path, text]) => presetFromFile(path, text))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  if (list.length === 0) list.push(presetFromFile("00-default.vms", FALLBACK_TEXT));
  return { presets: list, defaultId: list[0]!.id };
}

const loaded = load();

export const PRESETS: readonly Preset[] = loaded.presets;
export const DEFAULT_PRESET_ID: string = loaded.defaultId;

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function defaultPreset(): Preset {
  return presetById(DEFAULT_PRESET_ID) ?? PRESETS[0]!;
}
