import { useEffect, useState, type RefObject } from "react";
import { frameRead } from "./frameRead";

/** Which sides of the row are cut ("l", "r", "lr" or ""): they fade, and their button works. */
export function useEdgeFade(box: RefObject<HTMLElement | null>): string {
  const [fade, setFade] = useState("");
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // read at the next frame: a change of the row's items is seen within its commit otherwise
    const update = frameRead(() => {
      const l = el.scrollLeft > 1;
      const r = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setFade(`${l ? "l" : ""}${r ? "r" : ""}`);
    });
    update();
    el.addEventListener("scroll", update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    const mo = new MutationObserver(update);
    mo.observe(el, { childList: true, subtree: true });
    return () => {
      el.removeEventListener("scroll", update);
      ro.disconnect();
      mo.disconnect();
      update.cancel();
    };
  }, [box]);
  return fade;
}
