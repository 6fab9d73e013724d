import type { FrameQuery, FrameWindow, SegWindow, SlotQuery, SlotWindow, WindowQuery } from "./windows";

// The zoomed views a request asks about, and their answers. The worker remembers none: a move
// (load, resume, seek) carries the views whose windows must come with its snapshot, and a
// `views` request asks at a position without moving. Each view is named by a key of the main
// thread's choosing, echoed in its answer.

/** The most views one request may ask about (a screen has a handful). */
export const VIEWS_MAX = 8;

/** One zoomed view's question: part of a mapping's pages, of physical memory, or of the swap device. */
export type ViewQuery = { readonly key: string } & (
  | { readonly kind: "pages"; readonly query: WindowQuery }
  | { readonly kind: "frames"; readonly query: FrameQuery }
  | { readonly kind: "slots"; readonly query: SlotQuery }
);

/** A view's answer at one position: the window of its kind, under the same key. */
export type ViewWindow = { readonly key: string } & (
  | { readonly kind: "pages"; readonly window: SegWindow }
  | { readonly kind: "frames"; readonly window: FrameWindow }
  | { readonly kind: "slots"; readonly window: SlotWindow }
);

/** Whether window w answers query q (the same key, kind and question). */
export const answers = (w: ViewWindow, q: ViewQuery): boolean =>
  w.key === q.key && w.kind === q.kind && JSON.stringify(w.window.query) === JSON.stringify(q.query);
