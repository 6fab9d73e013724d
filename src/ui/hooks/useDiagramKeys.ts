import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from "react";

/**
 * Keyboard access to a panel's diagram, and its text read out. Every object a diagram draws
 * carries a <title> (its description, the hover tooltip). The panel's scrolling part is one tab
 * stop; the arrow keys move focus from object to object (Home/End: first/last), Enter or Space
 * selects the focused one as a click would, and Esc goes back. The description of the object
 * focused or selected (by keyboard or mouse) goes to a polite live region, so a screen reader
 * reads it out. Drawing code needs nothing but the <title> it already has.
 */

/** Objects: SVG shapes or groups with a <title> of their own. */
const DIAGRAM_ITEMS = "svg :is(g, rect, circle, ellipse, path, polygon, line, text):has(> title)";

/** The element that is the tab stop and holds the objects (the body, or its scrolling part). */
const ROOT = "data-keys-root";

const MOVES = new Set(["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "Home", "End"]);

const titleOf = (el: Element): string =>
  (el.querySelector(":scope > title")?.textContent ?? "").replace(/\s+/g, " ").trim();

function visible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

export interface DiagramKeys {
  /** spread on the panel body */
  readonly body: {
    readonly ref: RefObject<HTMLDivElement | null>;
    readonly onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
    readonly onClick: (e: MouseEvent<HTMLElement>) => void;
  };
  /** the text for the live region */
  readonly said: string;
}

/**
 * `label`: the tab stop's accessible name. `column`: the body does not scroll itself, the
 * children that do (`.scroll`) are the tab stops. Off (`label` null): the body is left alone.
 */
export function useDiagramKeys(label: string | null, column: boolean): DiagramKeys {
  const [said, setSaid] = useState("");
  const ref = useRef<HTMLDivElement>(null);

  // Mark the tab stops after every render: the body, or its scrolling children (drawn by the
  // panel's own code, which may replace them).
  useLayoutEffect(() => {
    const body = ref.current;
    if (!body || label === null) return;
    const roots = column ? [...body.children].filter((c) => c.classList.contains("scroll")) : [body];
    for (const r of roots) {
      if (r.getAttribute(ROOT) === label) continue;
      r.setAttribute(ROOT, label);
      r.setAttribute("tabindex", "0");
      r.setAttribute("role", "group");
      r.setAttribute("aria-label", label);
    }
  });

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>): void => {
    const target = e.target as Element;
    const onItem = target.matches(DIAGRAM_ITEMS);
    const root = onItem ? target.closest(`[${ROOT}]`) : target.hasAttribute(ROOT) ? target : null;
    // keys typed in a control inside the panel (an editor, a zoomed view, a button) are its own
    if (!root) return;
    if (onItem && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      e.stopPropagation();
      target.dispatchEvent(new window.MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
      return;
    }
    if (onItem && e.key === "Escape") {
      (root as HTMLElement).focus(); // and the app's Esc clears the selection too
      return;
    }
    if (!MOVES.has(e.key)) return;
    const items = [...root.querySelectorAll(DIAGRAM_ITEMS)].filter(visible);
    if (items.length === 0) return; // nothing drawn: the keys scroll (and step the timeline)
    e.preventDefault();
    e.stopPropagation(); // not the timeline's ←/→ while moving in a diagram
    const at = onItem ? items.indexOf(target) : -1;
    const back = e.key === "ArrowLeft" || e.key === "ArrowUp";
    const next =
      e.key === "Home"
        ? 0
        : e.key === "End"
          ? items.length - 1
          : at < 0
            ? back
              ? items.length - 1
              : 0
            : Math.max(0, Math.min(items.length - 1, at + (back ? -1 : 1)));
    const el = items[next] as SVGElement;
    // focusable only while focused: at rest a diagram holds no tab stops of its own
    el.setAttribute("tabindex", "-1");
    el.addEventListener("blur", () => el.removeAttribute("tabindex"), { once: true });
    el.focus();
    el.scrollIntoView({ block: "nearest", inline: "nearest" });
    setSaid(`${titleOf(el)}. Enter selects it.`);
  }, []);

  const onClick = useCallback((e: MouseEvent<HTMLElement>): void => {
    const item = (e.target as Element).closest(DIAGRAM_ITEMS);
    if (item && e.currentTarget.contains(item)) setSaid(`Selected: ${titleOf(item)}`);
  }, []);

  return { body: { ref, onKeyDown, onClick }, said };
}
