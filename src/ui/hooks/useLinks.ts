import { useMemo } from "react";
import type { EventRefs } from "../../contract/events";
import { linkedTo, type LinkSet } from "../../state/links";
import { nowOf, type NowSet } from "../../state/now";
import { shownEvent } from "../../state/selectors";
import { useApp, type Focus } from "../../state/store";
import { useViewWindow } from "../zoom/store";

/** Everything linked to the hovered (or else the selected) object. */
export function useLinks(): { links: LinkSet; focus: Focus | null } {
  const snap = useApp((s) => s.engine.snapshot);
  const focus = useApp((s) => s.view.hover ?? s.view.selected);
  const win = useViewWindow();
  const links = useMemo(() => linkedTo(snap, focus, win), [snap, focus, win]);
  return { links, focus };
}

/** The objects the current kernel event is about. */
export function useNow(): EventRefs | undefined {
  return useApp((s) => shownEvent(s)?.refs);
}

/** The current event's refs plus the frames and anons its sentence mentions. */
export function useNowSet(): NowSet {
  const ev = useApp(shownEvent);
  return nowOf(ev);
}

/**
 * Class names for an object that can be dimmed, lit (linked), marked as "now", and marked as
 * changed by the event (or, comparing, as differing from moment A: `chg`).
 */
export function cls(base: string, lit: boolean, now: boolean, chg = false): string {
  return `${base} dimmable${lit ? " lit" : ""}${now ? " now" : ""}${chg ? " chg" : ""}`;
}
