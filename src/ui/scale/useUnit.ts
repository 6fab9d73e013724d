import { createContext, useContext, useLayoutEffect, useSyncExternalStore } from "react";
import { APP_DESIGN, viewportUnit, type Design } from "./scale";

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
  useLayoutEffect(() => {
    document.documentElement.style.setProperty("--s", String(u));
  }, [u]);
  return u;
}

/** The unit a panel draws with: the viewport's, larger on stage (App and Panel provide it). */
export const UnitContext = createContext(1);

export const useUnit = (): number => useContext(UnitContext);
