import { linkedTo } from "./links";
import { setSlice, useApp, type Focus, type Notice, type PanelId, type SegRef, type Theme } from "./store";
const get = () => useApp.getState();

// The view: hover, selection, theme, presentation, help and notices. Nothing here asks the engine.
export const setHover = (f: Focus | null): void => setSlice("view", { hover: f });

/**
 * Select (or, a second time, unselect) an object in a diagram. Selecting one is choosing what
 * the operations act on: the page it is, or the page that maps it (in the target process when
 * it maps it); the target changes only here and in the boxes.
 */
export function select(f: Focus | null): void {
  const s = get();
  const cur = s.view.selected;
  const off = f && cur && JSON.stringify(cur) === JSON.stringify(f);
  setSlice("view", { selected: off ? null : f });
  if (!f || off) return;
  const page = pageOf(f);
  if (!page) return;
  setSlice("view", { proc: page.proc, seg: page.seg, pages: { from: page.page, to: page.page } });
}

/** The page a focus is, or a page that maps it (the target process's when there is one). */
function pageOf(f: Focus): { proc: string; seg: SegRef; page: number } | null {
  const s = get();
  let key: string | undefined;
  if (f.kind === "page") key = `${f.proc}/${f.seg}/${f.page}`;
  else {
    const keys = [...linkedTo(s.engine.snapshot, f).pages];
    key = keys.find((k) => k.startsWith(`${s.view.proc}/`)) ?? keys[0];
  }
  const m = key ? /^([^/]+)\/(.+)@(-?\d+)\/(\d+)$/.exec(key) : null;
  if (!m) return null;
  const first = Number(m[3]);
  return { proc: m[1]!, seg: { name: m[2]!, first }, page: first + Number(m[4]) };
}

/**
 * Choose the target process and mapping. A process alone (a click on its name) keeps the
 * mapping when that process has it here, else takes its first anonymous one.
 */
export function selectSegment(proc: string | null, seg: SegRef | null): void {
  let g = seg;
  if (!g && proc) {
    const s = get();
    const p = s.engine.snapshot?.procs.find((x) => x.alive && x.name === proc);
    const keep = s.view.seg && p?.segs.find((x) => x.name === s.view.seg!.name);
    const pick = keep || p?.segs.find((x) => x.amp) || p?.segs[0];
    g = pick ? { name: pick.name, first: pick.first } : s.view.seg;
  }
  setSlice("view", { proc, seg: g, pages: null });
}

export const selectPages = (pages: { from: number; to: number } | null): void => setSlice("view", { pages });

/** Esc: let go of what is highlighted (the target stays: only the user's choice moves it). */
export function clearSelection(): void {
  setSlice("view", { hover: null, selected: null });
}

export function setTheme(theme: Theme): void {
  setSlice("view", { theme });
  try {
    localStorage.setItem("anonscope-theme", theme);
  } catch {
    // storage may be unavailable (private mode): the choice lasts for this page only
  }
}

export const present = (panel: PanelId | null): void => setSlice("view", { presenting: panel });
export const setHelp = (help: boolean): void => setSlice("view", { help });
export const notify = (kind: "error" | "info", text: string, action?: Notice["action"]): void =>
  setSlice("view", { notice: action ? { kind, text, action } : { kind, text } });
export const dismissNotice = (): void => setSlice("view", { notice: null });
