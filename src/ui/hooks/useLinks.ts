import { useMemo } from "react";
import type { EventRefs } from "../../contract/events";
import { EMPTY_LINKS, linkedTo, type LinkSet } from "../../state/links";
import { NO_NOW, nowOf, type NowSet } from "../../state/now";
import { shownEvent } from "../../state/selectors";
import { useApp, type Focus } from "../../state/store";
import { useViewWindow } from "../zoom/store";
import { useForeign } from "./foreign";

/** Everything linked to the hovered (or else the selected) object. */
export function useLinks(): { links: LinkSet; focus: Focus | null } {
  const snap = useApp((s) => s.engine.snapshot);
  const focus = useApp((s) => s.view.hover ?? s.view.selected);
  const win = useViewWindow();
  const foreign = useForeign();
  const links = useMemo(
    () => (foreign ? EMPTY_LINKS : linkedTo(snap, focus, win)),
    [snap, focus, win, foreign],
  );
  return { links, focus: foreign ? null : focus };
}

/** The objects the current kernel event is about. */
export function useNow(): EventRefs | undefined {
  const refs = useApp((s) => shownEvent(s)?.refs);
  return useForeign() ? undefined : refs;
}

/** The current event's refs plus the frames and anons its sentence mentions. */
export function useNowSet(): NowSet {
  const ev = useApp(shownEvent);
  return useForeign() ? NO_NOW : nowOf(ev);
}

/**
 * Class names for an object that can be dimmed, lit (linked), marked as "now", and marked as
 * changed by the event (or, comparing, as differing from moment A: `chg`).
 */
export function cls(base: string, lit: boolean, now: boolean, chg = false): string {
  return `${base} dimmable${lit ? " lit" : ""}${now ? " now" : ""}${chg ? " chg" : ""}`;
}
