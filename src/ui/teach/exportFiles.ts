/**
 * Downloads: a diagram as a standalone SVG (its CSS turned into inline styles, so it looks the
 * same in a slide or an editor) or as a PNG (the SVG drawn on a canvas), and the console's
 * `pmap -x` / `swap -s` text.
 */
import type { DocView } from "../../contract/docView";

import { DIAGRAM_NAMES, type DiagramId } from "./exportNames";

export { DIAGRAM_NAMES, type DiagramId };

/** Presentation properties worth copying from the computed style of each SVG element. */
const PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-linecap",
  "stroke-linejoin",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
  "visibility",
  "display",
] as const;

const SVG_NS = "http://www.w3.org/2000/svg";

/** The drawing of a panel, if it is an SVG at the moment (the anon layer's density view is not). */
export function diagramSvg(id: DiagramId): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>(`[data-panel="${id}"] .panel-body svg`);
}

export interface SvgFile {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

/** A standalone copy of `svg`: inline styles, explicit size, a background and a title. */
export function standaloneSvg(svg: SVGSVGElement, title: string): SvgFile {
  const r = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(Number(svg.getAttribute("width")) || r.width));
  const height = Math.max(1, Math.round(Number(svg.getAttribute("height")) || r.height));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll("*")];
  const to = [clone, ...clone.querySelectorAll("*")];
  from.forEach((el, i) => {
    const out = to[i] as SVGElement;
    const cs = getComputedStyle(el);
    // through the CSSOM: the app's Content-Security-Policy refuses a style attribute set as text
    out.style.cssText = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";");
    out.removeAttribute("class");
  });
  clone.setAttribute("xmlns", SVG_NS);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clone.removeAttribute("role");
  const panel = svg.closest(".panel") ?? document.body;
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", getComputedStyle(panel).backgroundColor || "#ffffff");
  const t = document.createElementNS(SVG_NS, "title");
  t.textContent = title;
  clone.insertBefore(bg, clone.firstChild);
  clone.insertBefore(t, clone.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  return { text, width, height };
}

/** PNG pixels per SVG unit: sharp on slides and projectors. */
export const PNG_SCALE = 2;

export async function svgToPng(f: SvgFile, scale = PNG_SCALE): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(f.text)}`;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = Math.round(f.width * scale);
  c.height = Math.round(f.height * scale);
  const ctx = c.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas");
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, f.width, f.height);
  return new Promise((resolve, reject) =>
    c.toBlob((b) => (b ? resolve(b) : reject(new Error("the canvas gave no PNG"))), "image/png"),
  );
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** What the console shows: `pmap -x` of every live process, then `swap -s`, as typed in a shell. */
export function toolText(doc: DocView, which: "pmap" | "swap" | "both"): string {
  const out: string[] = [];
  if (which !== "swap")
    for (const p of doc.tools.pmap) out.push(`$ pmap -x ${p.pid}`, p.text.replace(/\n+$/, ""));
  if (which !== "pmap") out.push("$ swap -s", doc.tools.swapS.replace(/\n+$/, ""));
  return out.join("\n") + "\n";
}

/** "anonscope-anon-layer-step-5" */
export function fileStem(what: string, step: number): string {
  return `anonscope-${what.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-step-${step}`;
}
