/**
 * Whether the screen gets the compact layout (phones and tablets, issue 17): one panel at a
 * time under a row of tabs, the narration and the step controls docked at the bottom (or, on a
 * phone held sideways, at the side). A projector or a desktop (1366×768 and up) never gets it.
 *
 * One media query decides, read by React (which panel is shown, where the operations go) and
 * mirrored as classes on `.app` for the CSS (src/ui/phone/phone.css), so the two never disagree.
 */
import { createContext, useContext, useSyncExternalStore } from "react";

/**
 * The app: narrower than the desktop's top bar needs (measured: below 1250 px its operations and
 * Undo/Redo run into each other), or a phone on its side (too short for a dock below).
 */
export const COMPACT_QUERY = "(max-width: 1249px), (max-height: 559px)";
/** The embed (an iframe, 800×500 on a course page keeps its own layout): only phone-narrow. */
export const EMBED_COMPACT_QUERY = "(max-width: 599px)";
/** Compact and on its side: the dock goes beside the panel. */
export const SIDE_QUERY = "(max-height: 559px) and (orientation: landscape)";

function watch(query: string): (cb: () => void) => () => void {
  return (cb) => {
    const m = globalThis.matchMedia?.(query);
    m?.addEventListener("change", cb);
    return () => m?.removeEventListener("change", cb);
  };
}

const cache = new Map<string, (cb: () => void) => () => void>();
const subscribe = (q: string) => {
  let s = cache.get(q);
  if (!s) cache.set(q, (s = watch(q)));
  return s;
};

/** Whether a media query matches now, kept current. */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    subscribe(query),
    () => globalThis.matchMedia?.(query).matches ?? false,
    () => false,
  );
}

/** The page is laid out compact (App provides it; Panel and the units read it). */
export const CompactContext = createContext(false);

export const useCompact = (): boolean => useContext(CompactContext);

/** The screen has no hover (a phone, a tablet): the UI's words say "press and hold" instead. */
const NO_HOVER_QUERY = "(hover: none)";

/** How the user points at a thing to learn about it: "hover" with a mouse, else "press and hold". */
export function useHoverWord(): "hover" | "press and hold" {
  return useMedia(NO_HOVER_QUERY) ? "press and hold" : "hover";
}
