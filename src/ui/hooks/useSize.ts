import { useLayoutEffect, useState, type RefObject } from "react";

/**
 * The content-box size of an element, kept current with a ResizeObserver.
 *
 * The panels draw their diagrams to this size inside a box that scrolls (the element's parent).
 * A diagram that needs more than the box has brings the box's scrollbars, which shrink the element
 * by their width; drawn smaller it may fit, the scrollbars go, it is drawn bigger, they come
 * back... every frame, where scrollbars take room (Windows, most Linux desktops). So a size that
 * shrank while the box kept its own size and showed scrollbars is held: it does not grow back
 * until the box itself changes size. e2e/scrollbars.spec.ts watches for the loop.
 */
export function useSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const box = el.parentElement;
    let shown = { width: 0, height: 0 };
    let boxWas = { width: -1, height: -1 };
    let held = false;
    const update = (): void => {
      const w = Math.floor(el.clientWidth);
      const h = Math.floor(el.clientHeight);
      // the box's border box: its scrollbars do not change it
      const bw = box?.offsetWidth ?? -1;
      const bh = box?.offsetHeight ?? -1;
      const sameBox = bw === boxWas.width && bh === boxWas.height;
      boxWas = { width: bw, height: bh };
      if (!sameBox) held = false;
      else if ((w < shown.width || h < shown.height) && box && scrollbarsOf(box)) held = true;
      const next = held
        ? { width: Math.min(w, shown.width), height: Math.min(h, shown.height) }
        : { width: w, height: h };
      if (next.width === shown.width && next.height === shown.height) return;
      shown = next;
      setSize(next);
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** Whether a box shows a scrollbar now (its border box wider or taller than its inside and borders). */
function scrollbarsOf(box: HTMLElement): boolean {
  return (
    box.offsetWidth - box.clientWidth - 2 * box.clientLeft > 0 ||
    box.offsetHeight - box.clientHeight - 2 * box.clientTop > 0
  );
}
