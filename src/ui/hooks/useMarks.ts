import { useMemo } from "react";
import { compareA, marking, marksFor, useChanges } from "../../state/changes";
import { markSetOf, NO_MARKS, type MarkSet } from "../../state/markSet";
import { useApp } from "../../state/store";
import { useForeign } from "./foreign";

/**
 * What the diagrams mark as changed on screen: the engine's diff over the current event while
 * What changed is open, or in Compare mode from moment A (state/changes.ts). Nothing while it is
 * being worked out, nor when neither is open.
 */
export function useMarks(): MarkSet {
  const snap = useApp((s) => s.engine.snapshot);
  const gen = useApp((s) => s.engine.gen);
  const marks = useChanges((s) => s.marks);
  const steps = useApp((s) => s.engine.steps);
  const a = useChanges((s) => s.compareFrom);
  const foreign = useForeign();
  const on = useChanges(marking) && !foreign;
  return useMemo(() => {
    const m = on ? marksFor(marks, snap, gen, compareA(steps, a)) : null;
    return m ? markSetOf(m.items) : NO_MARKS;
  }, [marks, snap, gen, a, steps, on]);
}
