import { useEffect } from "react";
import { stepBack, stepForward } from "../../state/actions";
import { LongPress } from "./LongPress";
import { listenSwipes } from "./swipe";

/** The compact layout's touch: swipe to step (swipe.ts), long press for a hover (LongPress). */
export function Gestures({ root }: { root: HTMLElement | null }) {
  useEffect(() => {
    if (!root) return;
    return listenSwipes(root, (dir) => (dir === 1 ? stepForward() : stepBack()));
  }, [root]);
  return <LongPress root={root} />;
}
