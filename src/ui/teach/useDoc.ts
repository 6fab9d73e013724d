import { useEffect, useState } from "react";
import { requestDocView } from "../../state/queries";
import { useApp } from "../../state/store";
import type { DocView } from "../../contract/docView";

/**
 * The document view of the position on screen (the snapshot's, so it matches the diagrams):
 * capped tables and the tools' text, built in the worker when that position changes. Null
 * while `on` is false or loading.
 */
export function useShownDoc(on: boolean): { doc: DocView | null; busy: boolean } {
  const gen = useApp((s) => s.engine.snapshot?.gen ?? 0);
  const step = useApp((s) => s.engine.snapshot?.pos.step ?? -1);
  const event = useApp((s) => s.engine.snapshot?.pos.event ?? -1);
  const [got, setGot] = useState<{ key: string; doc: DocView | null } | null>(null);
  const key = `${gen}:${step}:${event}`;
  useEffect(() => {
    if (!on || step < 0) return;
    let live = true;
    void requestDocView({ step, event }).then((doc) => {
      if (live) setGot({ key, doc });
    });
    return () => {
      live = false;
    };
  }, [on, key, step, event]);
  const fresh = got !== null && got.key === key;
  return { doc: on && got ? got.doc : null, busy: on && !fresh };
}
