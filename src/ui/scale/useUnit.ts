import { createContext, useContext, useInsertionEffect, useLayoutEffect, useSyncExternalStore } from "react";
import { useApp, type PanelId } from "../../state/store";
import { useCompact } from "../phone/compact";
import { APP_DESIGN, STAGE, viewportUnit, type Design } from "./scale";

/** Widths (design pixels) below which the CSS folds something away: classes dw-lt-N. */
const DESIGN_BREAKS = [1400, 1500, 1700] as const;

function subscribe(cb: () => void): () => void {
  window.addEventListener("resize", cb);
  return () => window.removeEventListener("resize", cb);
}

/**
 * The viewport's unit for a design size, kept current on resize, and written to the root
 * element as `--s` (a number) so the CSS sizes (`calc(12 * var(--u))`) follow it.
 */
export function useViewportUnit(d: Design = APP_DESIGN): number {
  const u = useSyncExternalStore(
    subscribe,
    () => viewportUnit(window.innerWidth, window.innerHeight, d),
    () => 1,
  );
  // written before any layout effect runs: the panels measure themselves in theirs (useSize), and
  // a unit or a fold written after that would lay the whole page out again before its first paint
  useInsertionEffect(() => {
    document.documentElement.style.setProperty("--s", String(u));
    writeBreaks(u);
  }, [u]);
  useLayoutEffect(() => subscribe(() => writeBreaks(u)), [u]);
  return u;
}

/** What media queries on the width would say, in design pixels (CSS cannot divide by --s). */
function writeBreaks(u: number): void {
  const dw = window.innerWidth / u;
  for (const w of DESIGN_BREAKS) document.documentElement.classList.toggle(`dw-lt-${w}`, dw < w);
}

/** The unit a panel draws with: the viewport's, larger on stage (App and Panel provide it). */
export const UnitContext = createContext(1);

export const useUnit = (): number => useContext(UnitContext);

/**
 * The unit of panel `id`, for the panel's own component (which renders Panel, so it sits
 * outside the context Panel provides): the viewport's, STAGE times larger on stage.
 */
export function usePanelUnit(id: PanelId): number {
  const u = useUnit();
  const asked = useApp((s) => s.view.presenting === id);
  // the compact layout has no presentation mode: its one panel already fills the screen
  const compact = useCompact();
  return asked && !compact ? u * STAGE : u;
}
