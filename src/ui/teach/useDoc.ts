import { useEffect, useState } from "react";
import type { VmDoc } from "../../engine/report/doc";
import { requestDoc } from "../../state/actions";
import { useApp } from "../../state/store";

/**
 * The JSON document of the position on screen (the snapshot's, so it matches the diagrams),
 * fetched from the worker when that position changes. Null while `on` is false or loading.
 */
export function useShownDoc(on: boolean): { doc: VmDoc | null; busy: boolean } {
  const gen = useApp((s) => s.engine.snapshot?.gen ?? 0);
  const step = useApp((s) => s.engine.snapshot?.pos.step ?? -1);
  const event = useApp((s) => s.engine.snapshot?.pos.event ?? -1);
  const [got, setGot] = useState<{ key: string; doc: VmDoc | null } | null>(null);
  const key = `${gen}:${step}:${event}`;
  useEffect(() => {
    if (!on || step < 0) return;
    let live = true;
    void requestDoc({ step, event }).then((doc) => {
      if (live) setGot({ key, doc });
    });
    return () => {
      live = false;
    };
  }, [on, key, step, event]);
  const fresh = got !== null && got.key === key;
  return { doc: on && got ? got.doc : null, busy: on && !fresh };
}
