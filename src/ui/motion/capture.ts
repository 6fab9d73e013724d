/**
 * What the diagrams show, read from the DOM by the keys the panels already put on their objects
 * (data-anon-box, data-from, data-frame, data-seg, data-link="swap:N", data-slot): a record of
 * each object's geometry and the few values an animation moves between (the anon a slot's
 * arrow points at, an an_refcnt). Taken just before React draws the next state and again right
 * after; animate.ts plays the difference. Attributes only, never layout: reading them costs no
 * style or layout pass, and a running animation does not change them.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Item {
  readonly el: Element;
  /** the svg the object is drawn in (ghosts go there) */
  readonly svg: SVGSVGElement;
  readonly box: Box;
  /** what the animation compares: an arrow's target, a box's an_refcnt, a slot's anon */
  readonly value: string;
  /** an arrow's path */
  readonly d: string;
}

export type Kind = "link" | "anon" | "frame" | "seg" | "swap" | "slot";

export type Capture = ReadonlyMap<string, Item>;

/** Past this many objects on screen nothing is animated (a big state is drawn as density). */
const MAX_ITEMS = 800;

interface Source {
  readonly kind: Kind;
  readonly selector: string;
  /** the element whose x/y/width/height give the box (a selector inside, or the element itself) */
  readonly shape: string | null;
  readonly key: (el: Element) => string | null;
  readonly value: (el: Element) => string;
}

const attr = (el: Element, name: string): string => el.getAttribute(name) ?? "";

const SOURCES: readonly Source[] = [
  {
    kind: "link",
    selector: '[data-panel="anon"] path.link[data-from]',
    shape: null,
    key: (el) => attr(el, "data-from"),
    value: (el) => attr(el, "data-to"),
  },
  {
    kind: "anon",
    selector: '[data-panel="anon"] g[data-anon-box]',
    shape: "rect.anon-box",
    key: (el) => attr(el, "data-anon-box"),
    value: (el) => attr(el, "data-refcnt"),
  },
  {
    kind: "frame",
    selector: '[data-panel="physical"] g[data-frame]',
    shape: "rect.frame-box",
    key: (el) => attr(el, "data-frame"),
    value: () => "",
  },
  {
    kind: "seg",
    selector: '[data-panel="address"] g[data-seg]',
    shape: "rect.seg-box",
    key: (el) => attr(el, "data-seg"),
    value: () => "",
  },
  {
    kind: "swap",
    selector: '[data-panel="swap"] g[data-link^="swap:"]',
    shape: "rect.swap-box",
    key: (el) => attr(el, "data-link"),
    value: () => "",
  },
  {
    kind: "slot",
    selector: '[data-panel="anon"] g[data-slot]',
    shape: "rect.hl",
    key: (el) => `${attr(el, "data-proc")}/${attr(el, "data-seg")}/${attr(el, "data-page")}`,
    value: (el) => `${attr(el, "data-anon")}|${attr(el, "data-hat")}`,
  },
];

const num = (el: Element, name: string): number => Number(el.getAttribute(name) ?? 0);

function boxOf(el: Element): Box {
  return { x: num(el, "x"), y: num(el, "y"), w: num(el, "width"), h: num(el, "height") };
}

/** Every keyed object under `root`, by "kind:key"; null when there are too many to animate. */
export function capture(root: ParentNode): Capture | null {
  const out = new Map<string, Item>();
  for (const s of SOURCES) {
    const els = root.querySelectorAll(s.selector);
    if (out.size + els.length > MAX_ITEMS) return null;
    for (const el of els) {
      const key = s.key(el);
      const svg = (el as SVGElement).ownerSVGElement;
      if (!key || !svg) continue;
      const shape = s.shape ? el.querySelector(s.shape) : el;
      // an object drawn in another form (a zoomed strip's cell) has no box to move
      if (!shape) continue;
      out.set(`${s.kind}:${key}`, {
        el,
        svg,
        box: boxOf(shape),
        value: s.value(el),
        d: s.kind === "link" ? attr(el, "d") : "",
      });
    }
  }
  return out;
}

export const kindOf = (key: string): Kind => key.slice(0, key.indexOf(":")) as Kind;
