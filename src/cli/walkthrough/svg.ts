/**
 * A few helpers to write SVG as text, deterministically: attributes in the order given,
 * numbers rounded to a tenth of a pixel, text escaped. The frame's fonts are DejaVu Sans and
 * DejaVu Sans Mono (what the app falls back to on Linux, and what the PNG renderer loads), with
 * generic families after them for other viewers.
 */
import { MONO_EM } from "../../ui/layout/type";

export const SANS = "DejaVu Sans, Verdana, sans-serif";
const MONO = "DejaVu Sans Mono, Menlo, Consolas, monospace";

/**
 * Advance of DejaVu Sans per em, measured on the frames: about 0.51 on narration, 0.84 on
 * bold capitals (panel titles); kept a little wide so that text never runs out of its room.
 */
const PROSE_EM = 0.56;
const CAPS_EM = 0.86;
export { MONO_EM };

const r = (v: number): string => String(Math.round(v * 10) / 10);

export function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

export type Attrs = Readonly<Record<string, string | number | undefined | null | false>>;

function attrs(a: Attrs): string {
  let out = "";
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === null || v === false) continue;
    out += ` ${k}="${typeof v === "number" ? r(v) : esc(v)}"`;
  }
  return out;
}

/** An element with children (already SVG text), or self-closed without. */
export function el(tag: string, a: Attrs, ...children: string[]): string {
  const body = children.join("");
  return body ? `<${tag}${attrs(a)}>${body}</${tag}>` : `<${tag}${attrs(a)}/>`;
}

/** A run of text inside a <text>: its words escaped, like text()'s. */
export function tspan(a: Attrs, s: string): string {
  return el("tspan", a, esc(s));
}

export function rect(x: number, y: number, w: number, h: number, a: Attrs = {}): string {
  return el("rect", { x, y, width: Math.max(0, w), height: Math.max(0, h), ...a });
}

export interface TextStyle {
  readonly size: number;
  readonly fill: string;
  readonly mono?: boolean;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly anchor?: "start" | "middle" | "end";
}

export function text(x: number, y: number, s: string, t: TextStyle): string {
  return el(
    "text",
    {
      x,
      y,
      "font-size": t.size,
      "font-family": t.mono ? MONO : SANS,
      "font-weight": t.bold ? "bold" : undefined,
      "font-style": t.italic ? "italic" : undefined,
      "text-anchor": t.anchor && t.anchor !== "start" ? t.anchor : undefined,
      fill: t.fill,
    },
    esc(s),
  );
}

/** Width of `s` at `size` px: monospace exactly, prose by its average advance, or bold capitals. */
export const textW = (s: string, size: number, mono: boolean | "caps" = false): number =>
  [...s].length * size * (mono === "caps" ? CAPS_EM : mono ? MONO_EM : PROSE_EM);

/** `s` cut to `width` px with an ellipsis, or whole when it fits. */
export function clip(s: string, width: number, size: number, mono = false): string {
  if (textW(s, size, mono) <= width) return s;
  const chars = [...s];
  const n = Math.max(0, Math.floor(width / (size * (mono ? MONO_EM : PROSE_EM))) - 1);
  return n > 0 ? `${chars.slice(0, n).join("").trimEnd()}…` : "";
}

/**
 * Words of `s` in lines of at most `width` px; at most `max` lines, the last ending in "…"
 * when the text goes on. A word longer than a line is cut.
 */
export function wrap(s: string, width: number, size: number, max: number, mono = false): string[] {
  const lines: string[] = [];
  let line = "";
  const words = s.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = line ? `${line} ${w}` : w;
    if (textW(next, size, mono) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = textW(w, size, mono) <= width ? w : clip(w, width, size, mono);
    if (lines.length === max)
      return [...lines.slice(0, max - 1), clip(`${lines[max - 1]!} …`, width, size, mono)];
  }
  if (line) lines.push(line);
  if (lines.length > max)
    return [...lines.slice(0, max - 1), clip(`${lines[max - 1]!} …`, width, size, mono)];
  return lines;
}
