/**
 * One walkthrough frame as a standalone SVG, 1920×1080 (a 16:9 slide): a caption (the step, its
 * statement and result, the scenario's comment on it, the narration) over the app's four
 * diagrams — Address spaces, Anon layer, Physical memory, Swap — and the "What changed" list,
 * what the step changed outlined in amber as the app marks the current event. No text is under
 * 20 px (the diagrams' labels are the app's 12 px at 1.75×), for the back of a lecture hall.
 */
import type { Change } from "../../engine/diff";
import { scenarioHeader } from "../../scenarios/header";
import { fmt, shortSize } from "../../ui/layout/states";
import { anonSub, drawAnon } from "./drawAnon";
import { addressNeed, drawAddress, type Area } from "./drawAddress";
import { drawPhysical, drawSwap, physSub, swapSub } from "./drawMemory";
import { narrationOf } from "./caption";
import { marksOf } from "./marks";
import { clip, el, esc, rect, text, textW, wrap } from "./svg";
import { palette, type Palette, type ThemeName } from "./theme";
import type { Moment } from "./walk";

export const FRAME_W = 1920;
const FRAME_H = 1080;
/** The diagrams' drawing unit: the app's design pixels times this. */
const UNIT = 1.75;

const M = 24;
const GAP = 14;
const TITLE = 40;
const COMMENT = 28;
const PROSE = 24;
const LIST = 21;
const HEAD_H = 222;

export interface FrameText {
  /** the scenario's text (for its title and the comments above each statement) */
  readonly text: string;
  /** what the caption calls the scenario: its file name */
  readonly name: string;
}

export function frameSvg(m: Moment, src: FrameText, theme: ThemeName): string {
  const p = palette(theme);
  const marks = marksOf(m.changes);
  const u = UNIT;
  const bodyY = HEAD_H + M;
  const bodyH = FRAME_H - M - bodyY;
  const leftW = 1230;
  const rightX = M + leftW + GAP;
  const rightW = FRAME_W - M - rightX;
  // Address spaces takes what its segments need (within bounds), the Anon layer the rest
  const addrH = Math.min(430, 54 + addressNeed(m.snap, leftW - 20, u, 200));
  const changesH = 248;
  const physH = 236;
  const left = [
    { x: M, y: bodyY, w: leftW, h: addrH },
    { x: M, y: bodyY + addrH + GAP, w: leftW, h: bodyH - addrH - GAP },
  ] as const;
  const right = [
    { x: rightX, y: bodyY, w: rightW, h: changesH },
    { x: rightX, y: bodyY + changesH + GAP, w: rightW, h: physH },
    { x: rightX, y: bodyY + changesH + physH + 2 * GAP, w: rightW, h: bodyH - changesH - physH - 2 * GAP },
  ] as const;
  const title = m.n === 0 ? "The start" : `Step ${m.n} of ${m.of}`;
  const parts = [
    rect(0, 0, FRAME_W, FRAME_H, { fill: p.bg! }),
    caption(m, src, p),
    panel("addr", left[0], "Address spaces", "segments at their addresses, as pmap -x names them", p, (a) =>
      drawAddress(m.snap, a, u, p, marks),
    ),
    panel("anon", left[1], "Anon layer", anonSub(m.snap, m.mapping), p, (a) =>
      drawAnon(m.snap, m.mapping, a, u, p, marks),
    ),
    panel(
      "changes",
      right[0],
      m.n === 0 ? "The machine" : "What changed",
      m.n === 0 ? "" : "in this step",
      p,
      (a) => changes(m, a, p),
    ),
    panel("phys", right[1], "Physical memory", physSub(m.snap), p, (a) =>
      drawPhysical(m.snap, a, u, p, marks),
    ),
    panel("swap", right[2], "Swap", swapSub(m.snap), p, (a) => drawSwap(m.snap, a, u, p, marks)),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    el(
      "svg",
      {
        xmlns: "http://www.w3.org/2000/svg",
        width: FRAME_W,
        height: FRAME_H,
        viewBox: `0 0 ${FRAME_W} ${FRAME_H}`,
      },
      el("title", {}, esc(`${src.name}: ${title}${m.step ? ` — ${m.step.text}` : ""}`)),
      ...parts,
    ) +
    "\n"
  );
}

/** A panel: its box, its title and sub-title, and its drawing clipped to the body. */
function panel(
  id: string,
  a: Area,
  title: string,
  sub: string,
  p: Palette,
  draw: (body: Area) => string,
): string {
  const tx = a.x + 16;
  const tw = textW(title.toUpperCase(), 22, "caps") + 14;
  const body: Area = { x: a.x + 10, y: a.y + 46, w: a.w - 20, h: a.h - 54 };
  return el(
    "g",
    { "data-panel": id },
    el("clipPath", { id: `clip-${id}` }, rect(body.x, body.y, body.w, body.h)),
    rect(a.x, a.y, a.w, a.h, { rx: 8, fill: p.panel!, stroke: p.line!, "stroke-width": 1.5 }),
    text(tx, a.y + 32, title.toUpperCase(), { size: 22, fill: p.ink!, bold: true }),
    sub ? text(tx + tw, a.y + 32, clip(sub, a.w - tw - 32, 21), { size: 21, fill: p.muted! }) : "",
    el("g", { "clip-path": `url(#clip-${id})` }, draw(body)),
  );
}

function caption(m: Moment, src: FrameText, p: Palette): string {
  const out: string[] = [
    rect(0, 0, FRAME_W, HEAD_H + M / 2, { fill: p.panel! }),
    rect(0, HEAD_H + M / 2 - 2, FRAME_W, 2, { fill: p.line! }),
  ];
  const width = FRAME_W - 2 * M;
  const y1 = M + TITLE;
  const credit = `Anonscope · ${src.name}`;
  const creditW = textW(credit, 20) + 8;
  out.push(text(FRAME_W - M, M + 22, credit, { size: 20, fill: p.muted!, anchor: "end" }));
  let prose: string[];
  let y = y1 + 50;
  if (m.n === 0 || !m.step) {
    const t = scenarioHeader(src.text, "title") ?? src.name;
    out.push(
      text(M, y1, clip(`The start · ${t}`, width - creditW, TITLE), {
        size: TITLE,
        fill: p.ink!,
        bold: true,
      }),
    );
    prose = [scenarioHeader(src.text, "idea") ?? "Before the first statement: no process, every frame free."];
    y -= 6;
  } else {
    const head = `Step ${m.n} of ${m.of}`;
    out.push(text(M, y1, head, { size: 32, fill: p.muted!, bold: true }));
    const sx = M + textW(head, 32) + 24;
    const stmt = clip(m.step.text, width - creditW - (sx - M) - 160, TITLE, true);
    out.push(text(sx, y1, stmt, { size: TITLE, fill: p.ink!, bold: true, mono: true }));
    const ok = m.step.result === "ok";
    const bx = sx + textW(stmt, TITLE, true) + 20;
    const bw = textW(m.step.result, 26, true) + 24;
    out.push(
      rect(bx, y1 - 32, bw, 42, {
        rx: 6,
        fill: ok ? p.panel! : p["error-soft"]!,
        stroke: ok ? p.ok! : p.error!,
        "stroke-width": 2,
      }),
    );
    out.push(
      text(bx + bw / 2, y1 - 2, m.step.result, {
        size: 26,
        fill: ok ? p.ok! : p.error!,
        bold: true,
        mono: true,
        anchor: "middle",
      }),
    );
    if (m.comment) {
      out.push(text(M, y, clip(`“${m.comment}”`, width, COMMENT), { size: COMMENT, fill: p.ink! }));
      y += 40;
    } else y -= 6;
    prose = narrationOf(m.step, m.mapping?.name ?? null);
  }
  // the narration: whole sentences while they fit, the last one cut with "…"
  const maxLines = Math.max(1, Math.floor((HEAD_H - y) / 31) + 1);
  const lines: string[] = [];
  for (const s of prose) {
    if (lines.length >= maxLines) break;
    lines.push(...wrap(s, width, PROSE, maxLines - lines.length));
  }
  lines.forEach((l, i) =>
    out.push(
      text(M, y + i * 31, l, {
        size: PROSE,
        fill: i === 0 && m.step?.result !== "ok" && m.step ? p.error! : p.ink!,
      }),
    ),
  );
  return el("g", { "data-caption": "" }, ...out);
}

/** Kinds a slide lists first: what the diagrams of the shown mapping and the tools show move. */
const FIRST: ReadonlySet<string> = new Set(["proc", "refcnt", "anon", "amp", "page", "swap"]);

/**
 * The engine's list in its order, but what concerns the shown mapping, the processes and the
 * objects of the anon layer first: on a slide the list is cut to its first lines.
 */
function firstOnSlide(items: readonly Change[], mapping: string | null): Change[] {
  const first = (c: Change): boolean => FIRST.has(c.kind) || (mapping !== null && c.refs.seg === mapping);
  return [...items.filter(first), ...items.filter((c) => !first(c))];
}

/** The "What changed" list (the engine's diff of the states before and after the step). */
function changes(m: Moment, a: Area, p: Palette): string {
  const lineH = LIST + 7;
  const max = Math.max(1, Math.floor((a.h - 4) / lineH));
  const out: string[] = [];
  const put = (s: string, fill: string, mono = true) =>
    out.push(
      text(a.x + 6, a.y + 22 + out.length * lineH, clip(s, a.w - 12, LIST, mono), { size: LIST, fill, mono }),
    );
  if (!m.changes) {
    const s = m.snap;
    put(`${s.arch}, ${fmt(s.pageSize / 1024)} KB pages`, p.ink!, false);
    put(`RAM ${shortSize(s.ramPages, s.pageSize)}: ${fmt(s.ramPages)} frames`, p.ink!, false);
    put(
      s.swap.deviceSlots
        ? `swap device ${shortSize(s.swap.deviceSlots + 1, s.pageSize)}: ${fmt(s.swap.deviceSlots)} slots`
        : "no swap device",
      p.ink!,
      false,
    );
    for (const f of s.files) put(`file ${f}`, p.ink!, false);
    return el("g", {}, ...out.slice(0, max));
  }
  const items = firstOnSlide(m.changes.items, m.mapping?.name ?? null);
  // as the app says it: the list leaves out the ref/mod bits an access without a fault sets
  if (items.length === 0) {
    put("Nothing this list follows changed.", p.muted!, false);
    put("(A page's ref/mod bits are not listed.)", p.muted!, false);
  }
  // the engine already folds long runs of one kind into a summary line; past the panel, count
  const room = items.length > max ? max - 1 : max;
  for (const c of items.slice(0, room)) put(c.text, p.ink!);
  if (items.length > room)
    put(`… and ${fmt(items.length - room)} more (--json lists the whole state)`, p.muted!, false);
  return el("g", {}, ...out);
}
