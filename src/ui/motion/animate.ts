/**
 * The transition between two drawn states (capture.ts), with the Web Animations API: a
 * re-pointed slot arrow slides from the old anon to the new one while the old arrow fades as a
 * ghost; a new anon, frame, segment or swap slot grows in; a freed one fades out where it was
 * (a copy of its last drawing, in a layer of ghosts); an object that moved slides to its new
 * place; a changed an_refcnt ticks; ppcopy sends the page's data from the old frame to the new.
 *
 * Nothing here changes what React drew: an animation only paints over the final DOM for its
 * duration, and the ghosts go when it ends. So the DOM after a transition is exactly the DOM
 * without one, and stopping everything (stopAll) at any moment shows the final state at once.
 */
import type { Box, Capture, Item } from "./capture";
import { kindOf } from "./capture";

export interface PlayOptions {
  readonly duration: number;
  /** ppcopy's of the transition: from the old page_t to the new (ids) */
  readonly copies: readonly { readonly from: number; readonly to: number }[];
}

const EASE = "cubic-bezier(0.4, 0, 0.2, 1)";
const GHOSTS = "motion-ghosts";

let running: Animation[] = [];
let layers: Element[] = [];

/** Stop every transition at once: the final state shows, the ghosts go. */
export function stopAll(): void {
  for (const a of running) a.cancel();
  running = [];
  for (const g of layers) g.remove();
  layers = [];
}

export function play(before: Capture, after: Capture, opts: PlayOptions): number {
  stopAll();
  const t = opts.duration;
  const ghostLayer = layerFor();
  const anims: Animation[] = [];
  const run = (el: Element, frames: Keyframe[], o: KeyframeAnimationOptions = {}): void => {
    anims.push(el.animate(frames, { duration: t, easing: EASE, ...o }));
  };

  for (const [key, b] of after) {
    const a = before.get(key);
    const kind = kindOf(key);
    if (kind === "link") {
      if (!a) run(b.el, [{ opacity: 0 }, { opacity: 0, offset: 0.35 }, { opacity: 1 }]);
      else if (a.d !== b.d) {
        run(b.el, [{ d: `path("${a.d}")` }, { d: `path("${b.d}")` }]);
        // re-pointed: the arrow as it was fades where it was
        if (a.value !== b.value) ghostPath(a, b.el, ghostLayer(b.svg), run);
      }
    } else if (kind === "slot") {
      if (a && a.value !== b.value) {
        const shape = b.el.querySelector("rect.hl");
        if (shape) run(shape, [{ opacity: 0.2 }, { opacity: 1 }]);
      }
    } else if (!a) {
      run(b.el, [
        { transform: around(b.box, 0.3), opacity: 0 },
        { transform: around(b.box, 1), opacity: 1 },
      ]);
    } else {
      if (moved(a.box, b.box))
        run(b.el, [{ transform: flip(a.box, b.box) }, { transform: flip(b.box, b.box) }]);
      if (kind === "anon" && a.value !== b.value) tick(b, a.value, ghostLayer(b.svg), run);
    }
  }
  for (const [key, a] of before) {
    if (after.has(key) || kindOf(key) === "slot") continue;
    // freed: its last drawing fades where it was (only if its picture is still on screen)
    if (!a.svg.isConnected) continue;
    const layer = ghostLayer(a.svg);
    if (kindOf(key) === "link") {
      ghostPath(a, a.el, layer, run);
      continue;
    }
    const copy = a.el.cloneNode(true) as Element;
    copy.classList.add("ghost");
    layer.appendChild(copy);
    run(copy, [
      { transform: around(a.box, 1), opacity: 0.9 },
      { transform: around(a.box, 0.85), opacity: 0 },
    ]);
  }
  for (const c of opts.copies) copyChip(c, after, before, ghostLayer, run);
  // an object growing or moving may pass the svg's edge (a shrinking grid): let it show meanwhile
  const svgs = new Set(anims.map((x) => (x.effect as KeyframeEffect | null)?.target?.closest("svg")));
  for (const svg of svgs) if (svg) run(svg, [{ overflow: "visible" }, { overflow: "visible" }]);

  running = anims;
  const mine = anims;
  void Promise.all(mine.map((x) => x.finished)).then(
    () => {
      if (running === mine) stopAll();
    },
    () => {
      // cancelled by the next transition, which cleared the ghosts itself
    },
  );
  return anims.length;
}

/** A layer of ghosts per svg, on top of everything React drew, created on first use. */
function layerFor(): (svg: SVGSVGElement) => Element {
  const made = new Map<SVGSVGElement, Element>();
  return (svg) => {
    let g = made.get(svg);
    if (!g) {
      g = document.createElementNS("http://www.w3.org/2000/svg", "g");
      g.setAttribute("class", GHOSTS);
      g.setAttribute("aria-hidden", "true");
      svg.appendChild(g);
      made.set(svg, g);
      layers.push(g);
    }
    return g;
  };
}

type Run = (el: Element, frames: Keyframe[], o?: KeyframeAnimationOptions) => void;

/** A transform that scales by k about the box's centre (the svg's own units are CSS pixels). */
function around(b: Box, k: number): string {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  return `translate(${cx}px, ${cy}px) scale(${k}) translate(${-cx}px, ${-cy}px)`;
}

const moved = (a: Box, b: Box): boolean =>
  Math.abs(a.x - b.x) > 0.5 ||
  Math.abs(a.y - b.y) > 0.5 ||
  Math.abs(a.w - b.w) > 0.5 ||
  Math.abs(a.h - b.h) > 0.5;

/**
 * A transform that moves what is at box b to where box a was, centre on centre (the identity
 * when a is b). Never scaled: the text in a box stays the size it is drawn at.
 */
function flip(a: Box, b: Box): string {
  const dx = a.x + a.w / 2 - (b.x + b.w / 2);
  const dy = a.y + a.h / 2 - (b.y + b.h / 2);
  return `translate(${dx}px, ${dy}px)`;
}

/** The arrow as it was (path `a.d`), fading: drawn like `like` (its marker), dashed. */
function ghostPath(a: Item, like: Element, layer: Element, run: Run): void {
  const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
  p.setAttribute("d", a.d);
  p.setAttribute("class", "link ghost-link");
  const marker = like.getAttribute("marker-end");
  if (marker) p.setAttribute("marker-end", marker);
  layer.appendChild(p);
  // it stays plain for the first half of the move, so the eye sees where the arrow came from
  run(p, [{ opacity: 1 }, { opacity: 0.8, offset: 0.5 }, { opacity: 0 }]);
}

/** An an_refcnt that changed: the old count slides out, the new one in. */
function tick(b: Item, old: string, layer: Element, run: Run): void {
  const text = [...b.el.querySelectorAll("text")].find((x) => x.textContent?.startsWith("×"));
  if (!text || !old) return;
  const up = Number(b.value) > Number(old) ? -1 : 1;
  const shift = Math.max(6, b.box.h / 5);
  const was = text.cloneNode(true) as Element;
  was.textContent = `×${old}`;
  was.classList.add("tick-old");
  layer.appendChild(was);
  run(was, [
    { transform: "translate(0px, 0px)", opacity: 1 },
    { transform: `translate(0px, ${up * shift}px)`, opacity: 0 },
  ]);
  run(text, [
    { transform: `translate(0px, ${-up * shift}px)`, opacity: 0 },
    { transform: "translate(0px, 0px)", opacity: 1 },
  ]);
}

/** ppcopy: a chip of the page's colour travels from the old frame's box to the new one's. */
function copyChip(
  c: { from: number; to: number },
  after: Capture,
  before: Capture,
  ghostLayer: (svg: SVGSVGElement) => Element,
  run: Run,
): void {
  const src = after.get(`frame:pp:${c.from}`) ?? before.get(`frame:pp:${c.from}`);
  const dst = after.get(`frame:pp:${c.to}`);
  if (!src || !dst || !src.svg.isConnected || src.svg !== dst.svg) return;
  const r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  // a packet of the page's data, smaller than a frame, from the centre of one to the other's
  const k = 0.6;
  const s = src.box;
  const w = s.w * k;
  const h = s.h * k;
  r.setAttribute("x", String(s.x + (s.w - w) / 2));
  r.setAttribute("y", String(s.y + (s.h - h) / 2));
  r.setAttribute("width", String(w));
  r.setAttribute("height", String(h));
  r.setAttribute("rx", String(Math.min(3, w / 4)));
  r.setAttribute("class", "copy-chip");
  ghostLayer(dst.svg).appendChild(r);
  const dx = dst.box.x + dst.box.w / 2 - (s.x + s.w / 2);
  const dy = dst.box.y + dst.box.h / 2 - (s.y + s.h / 2);
  run(r, [
    { transform: "translate(0px, 0px)", opacity: 0.95 },
    { transform: `translate(${dx}px, ${dy}px)`, opacity: 0.95, offset: 0.8 },
    { transform: `translate(${dx}px, ${dy}px)`, opacity: 0 },
  ]);
}
