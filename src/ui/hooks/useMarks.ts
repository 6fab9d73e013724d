import { useMemo } from "react";
import { marksFor, useChanges } from "../../state/changes";
import { markSetOf, NO_MARKS, type MarkSet } from "../../state/markSet";
import { useApp } from "../../state/store";

/**
 * What the diagrams mark as changed on screen: the engine's diff over the current event, or in
 * Compare mode from moment A (state/changes.ts). Nothing while it is being worked out.
 */
export function useMarks(): MarkSet {
  const snap = useApp((s) => s.engine.snapshot);
  const gen = useApp((s) => s.engine.gen);
  const marks = useChanges((s) => s.marks);
  const a = useChanges((s) => s.compareFrom);
  return useMemo(() => {
    const m = marksFor(marks, snap, gen, a);
    return m ? markSetOf(m.items) : NO_MARKS;
  }, [marks, snap, gen, a]);
}
