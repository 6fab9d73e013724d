/**
 * The compact layout's own view state: which panel is shown, and whether it follows the
 * current event (on until the student turns it off). Kept apart from the app's store: it is a
 * matter of the small screen only, never in a share link.
 */
import { create } from "zustand";
import type { TabId } from "./eventPanel";

export interface TabState {
  readonly tab: TabId;
  /** each step or event shows the panel it is about */
  readonly follow: boolean;
}

export const useTabs = create<TabState>()(() => ({ tab: "anon", follow: true }));

export const showTab = (tab: TabId): void => useTabs.setState({ tab });
export const setFollow = (follow: boolean): void => useTabs.setState({ follow });
