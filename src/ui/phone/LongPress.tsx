import { useEffect, useRef, useState } from "react";

/** How long a finger rests before it counts as a long press (ms), and how far it may wander (px). */
const PRESS_MS = 500;
const SLOP = 10;

/**
 * What a mouse's hover tells on a desktop, for a finger: the tooltip of the object under it (an
 * SVG object's <title>, a control's title) and the hover highlight of everything linked to it.
 * The text is the same one the desktop's tooltip shows.
 */
function pressText(el: Element | null, stop: Element): { text: string; host: Element } | null {
  for (let e = el; e && e !== stop; e = e.parentElement) {
    const own = e.querySelector(":scope > title")?.textContent?.trim();
    if (own) return { text: own, host: e };
    const attr = e.getAttribute("title")?.trim();
    if (attr) return { text: attr, host: e };
  }
  return null;
}

interface Tip {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Long press anywhere in `root` (the compact app): a bubble with the object's description above
 * the finger, and the object hovered (a mouseover, which the panels already answer) until the
 * next touch. The press does not also click, and the browser's own long-press menu stays shut.
 */
export function LongPress({ root }: { root: HTMLElement | null }) {
  const [tip, setTip] = useState<Tip | null>(null);
  const hovered = useRef<Element | null>(null);
  useEffect(() => {
    if (!root) return;
    let timer = 0;
    let from: { x: number; y: number } | null = null;
    let fired = false;
    const unhover = (): void => {
      const h = hovered.current;
      hovered.current = null;
      if (h) h.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, relatedTarget: root }));
    };
    const onStart = (e: TouchEvent): void => {
      clearTimeout(timer);
      fired = false;
      setTip(null);
      unhover();
      if (e.touches.length !== 1) return;
      const p = e.touches[0]!;
      const target = e.target instanceof Element ? e.target : null;
      const found = pressText(target, root);
      if (!found) return;
      from = { x: p.clientX, y: p.clientY };
      timer = window.setTimeout(() => {
        fired = true;
        hovered.current = found.host;
        found.host.dispatchEvent(new MouseEvent("mouseover", { bubbles: true, relatedTarget: null }));
        setTip({ text: found.text, x: from!.x, y: from!.y });
      }, PRESS_MS);
    };
    const onMove = (e: TouchEvent): void => {
      const p = e.touches[0];
      if (!from || !p) return;
      if (Math.hypot(p.clientX - from.x, p.clientY - from.y) > SLOP) {
        clearTimeout(timer);
        from = null;
      }
    };
    const onEnd = (e: TouchEvent): void => {
      clearTimeout(timer);
      from = null;
      // the press was a long one: no click after it
      if (fired && e.cancelable) e.preventDefault();
    };
    const onMenu = (e: Event): void => {
      if (from || fired) e.preventDefault();
    };
    const cap = { capture: true } as const;
    root.addEventListener("touchstart", onStart, { capture: true, passive: true });
    root.addEventListener("touchmove", onMove, { capture: true, passive: true });
    root.addEventListener("touchend", onEnd, { capture: true, passive: false });
    root.addEventListener("touchcancel", onEnd, cap);
    root.addEventListener("contextmenu", onMenu, cap);
    return () => {
      clearTimeout(timer);
      root.removeEventListener("touchstart", onStart, cap);
      root.removeEventListener("touchmove", onMove, cap);
      root.removeEventListener("touchend", onEnd, cap);
      root.removeEventListener("touchcancel", onEnd, cap);
      root.removeEventListener("contextmenu", onMenu, cap);
      unhover();
    };
  }, [root]);
  // above the finger (it hides what is under it), kept on the screen; one live region throughout
  const w = Math.min(320, window.innerWidth - 16);
  const place = tip
    ? {
        left: Math.max(8, Math.min(window.innerWidth - w - 8, tip.x - w / 2)),
        width: w,
        ...(tip.y < 140 ? { top: tip.y + 28 } : { bottom: window.innerHeight - tip.y + 28 }),
      }
    : undefined;
  return (
    <div className={tip ? "press-tip" : "sr-only"} role="status" style={place}>
      {tip?.text}
    </div>
  );
}
