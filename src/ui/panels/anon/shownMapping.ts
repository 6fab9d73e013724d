import { clampPos } from "../../../contract/position";
import { aliveProcs, shownSeg } from "../../../state/selectors";
import type { AppState, SegRef } from "../../../state/store";

const MMAP = /^\s*(\S+)\s+mmap\s+(\S+)/;

/**
 * The mapping the Anon layer and Address spaces show: while the step on screen is an mmap, the
 * mapping it makes (a new mapping is shown at once, whatever was selected before); otherwise
 * the selection's (shownSeg).
 */
export function shownMapping(s: AppState): SegRef | null {
  const snap = s.engine.snapshot;
  if (snap) {
    const p = clampPos(s.engine.steps, snap.pos);
    const step = p.step > 0 ? s.engine.steps[p.step - 1] : undefined;
    const m = step?.result === "ok" ? MMAP.exec(step.text) : null;
    if (m) {
      const g = aliveProcs(snap)
        .find((q) => q.name === m[1])
        ?.segs.find((x) => x.name === m[2]);
      if (g) return { name: g.name, first: g.first };
    }
  }
  return shownSeg(s);
}
