import { useLayoutEffect, useRef } from "react";
import { linkIndex, type LinkSet } from "../state/links";
import { useApp } from "../state/store";
import type { SegWindow, Snapshot } from "../contract/wire/protocol";
import { anonOf } from "../contract/wire/tables";
import { useViewWindow } from "./zoom/store";
import { useLinks } from "./hooks/useLinks";
import { boxLink, type Box } from "./layout/links";

const MAX_ARROWS = 16;

const q = (sel: string): Element | null => document.querySelector(sel);
const rectOf = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, w: r.width, h: r.height };
};

/** The on-screen elements to join: anon → frame / swap slot, process page → frame. */
function arrowPaths(snap: Snapshot, links: LinkSet, win: SegWindow | null): string[] {
  const pairs: [Element, Element][] = [];
  for (const a of links.anons) {
    const src =
      q(`[data-panel="anon"] [data-link="anon:${a}"]`) ?? q(`[data-panel="anon"] [data-anon="anon:${a}"]`);
    if (!src) continue;
    const info = anonOf(snap, a, win);
    const f = info?.frame ?? 0;
    const s = info?.swapSlot ?? 0;
    const fe = f ? q(`[data-panel="physical"] [data-link="frame:${f}"]`) : null;
    const se = s ? q(`[data-panel="swap"] [data-link="swap:${s}"]`) : null;
    if (fe) pairs.push([src, fe]);
    if (se) pairs.push([src, se]);
  }
  const ix = linkIndex(snap);
  for (const key of links.pages) {
    const pg = ix.page.get(key);
    if (!pg?.frame) continue;
    const src = q(`[data-panel="address"] [data-link="page:${key}"]`);
    const dst = q(`[data-panel="physical"] [data-link="frame:${pg.frame}"]`);
    if (src && dst) pairs.push([src, dst]);
  }
  return pairs.slice(0, MAX_ARROWS).map(([a, b]) => boxLink(rectOf(a), rectOf(b)));
}

/**
 * One `path.ov` per arrow, kept from draw to draw (a join by index). Written by hand rather than
 * with d3-selection: this overlay is on the first load, and d3 is otherwise only in the zoomable
 * views, which are loaded on first use (panels/lazyZoom.tsx).
 */
function joinPaths(svg: SVGSVGElement, paths: string[]): void {
  const have = svg.querySelectorAll<SVGPathElement>("path.ov");
  paths.forEach((d, i) => {
    let p = have[i];
    if (!p) {
      p = document.createElementNS("http://www.w3.org/2000/svg", "path");
      p.setAttribute("class", "ov");
      p.setAttribute("marker-end", "url(#ov-head)");
      svg.appendChild(p);
    }
    p.setAttribute("d", d);
  });
  for (let i = paths.length; i < have.length; i++) have[i]!.remove();
}

/**
 * Arrows across panels for the focused object, drawn only while something is hovered or
 * selected. They depend on where other panels put their elements, so they are measured after
 * layout and drawn by a small join into one fixed overlay.
 */
export function LinkOverlay() {
  const snap = useApp((s) => s.engine.snapshot);
  const presenting = useApp((s) => s.view.presenting);
  const { links, focus } = useLinks();
  const win = useViewWindow();
  const svg = useRef<SVGSVGElement>(null);

  useLayoutEffect(() => {
    const el = svg.current;
    if (!el) return;
    const draw = (): void => {
      const paths = snap && focus && !presenting ? arrowPaths(snap, links, win) : [];
      joinPaths(el, paths);
    };
    draw();
    window.addEventListener("resize", draw);
    window.addEventListener("scroll", draw, true);
    return () => {
      window.removeEventListener("resize", draw);
      window.removeEventListener("scroll", draw, true);
    };
  }, [snap, focus, links, presenting, win]);

  return (
    <svg ref={svg} className="overlay-links" aria-hidden="true">
      <defs>
        <marker
          id="ov-head"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L8,4 L0,8 z" />
        </marker>
      </defs>
    </svg>
  );
}
