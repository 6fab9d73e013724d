/**
 * The Narration's views, as toggles: what the event changed, Compare (two moments), and the
 * scenario side by side with MAP_PRIVATE and MAP_SHARED swapped. One list, drawn as buttons in
 * the Narration's header on a desktop and as checkbox items of More on a phone (TopBar.tsx).
 */
import { setListOpen, useChanges } from "../../../state/changes";
import { closeBeside, usePair } from "../../../state/pair";
import { useApp } from "../../../state/store";
import { toggleCompare } from "../../../state/compareToggle";
import { openPicker } from "../../pair/picker";

export interface NarrationView {
  readonly label: string;
  readonly title: string;
  /** a few words for a menu's second line */
  readonly note: string;
  readonly on: boolean;
  readonly disabled: boolean;
  readonly toggle: () => void;
}

export function useNarrationViews(): readonly NarrationView[] {
  const changes = useChanges((s) => s.listOpen);
  const comparing = useChanges((s) => s.compareFrom !== null);
  const beside = usePair((s) => s.open);
  const total = useApp((s) => s.engine.steps.length);
  return [
    {
      label: "What changed",
      title: "List what this event (or its whole step) changed in the kernel's objects",
      note: "in the kernel's objects",
      on: changes && !comparing,
      disabled: comparing,
      toggle: () => setListOpen(!changes),
    },
    {
      label: "Compare",
      title: "Compare two moments: every panel shows B with what differs from A marked",
      note: "two moments",
      on: comparing,
      disabled: total === 0,
      toggle: toggleCompare,
    },
    {
      label: "Side by side",
      title: beside
        ? "Close the second scenario"
        : "Open a second scenario beside this one (the same steps with MAP_PRIVATE and MAP_SHARED swapped, a preset or your own), stepped together",
      note: "a second scenario, stepped together",
      on: beside,
      disabled: false,
      toggle: () => (beside ? closeBeside() : openPicker()),
    },
  ];
}
