/**
 * The view a share link carries besides the scenario and its position (link format v2): the
 * target of the operations (process, mapping, pages), the enlarged panel, the table view and
 * the zoom windows. It travels as base64url of a small JSON object:
 *   {"p":"P1","s":"buf","f":0,"g":[0,3],"e":"anon","t":1,"z":[["pfn|524288",0,512]],"c":[3,-1],"b":1}
 * Every field is optional. Decoding treats it as hostile: the part is capped, each field is
 * checked on its own, unknown fields are ignored, and a field that is wrong is dropped and
 * named in the message; the scenario opens whatever the view part holds.
 */
import { fromBase64Url, toBase64Url } from "./base64url";

const VIEW_PANELS = ["address", "anon", "physical", "swap", "narration", "console", "scenario"] as const;
type ViewPanel = (typeof VIEW_PANELS)[number];

export interface ZoomWindow {
  /** the zoomable view's own key (its axis: `pfn|N`, `slot|N`, a mapping's rows) */
  readonly key: string;
  /** the visible items [lo, hi) */
  readonly lo: number;
  readonly hi: number;
}

export interface LinkView {
  readonly proc?: string;
  readonly seg?: { readonly name: string; readonly first: number };
  readonly pages?: { readonly from: number; readonly to: number };
  readonly panel?: ViewPanel;
  readonly table?: boolean;
  readonly zoom?: readonly ZoomWindow[];
  /** Compare mode: moment A (step, and event or -1 for the end of the step); B is the link's position */
  readonly compare?: { readonly step: number; readonly event: number };
  /**
   * A second scenario open beside this one: "flip", the link's own scenario with MAP_PRIVATE and
   * MAP_SHARED swapped (written 1, so it costs nothing), or another scenario's text.
   */
  readonly beside?: "flip" | { readonly text: string };
}

/** Longest view part read (characters of base64url). */
export const MAX_VIEW_CHARS = 4096;
export const MAX_ZOOM_WINDOWS = 8;
/** Longest second scenario a link carries as text: with JSON's escapes it stays under the cap. */
export const MAX_BESIDE_CHARS = 2000;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const ZOOM_KEY = /^[A-Za-z0-9_@|,./:-]{1,160}$/;
/** pages or items: the largest count any axis has, with room */
const MAX_ITEM = 2 ** 40;

const isEmptyView = (v: LinkView): boolean =>
  v.proc === undefined &&
  v.seg === undefined &&
  v.pages === undefined &&
  v.panel === undefined &&
  !v.table &&
  !v.zoom?.length &&
  v.compare === undefined &&
  v.beside === undefined;

/** The view part (no dot) for a view; "" when it holds nothing. */
export function encodeView(v: LinkView): string {
  if (isEmptyView(v)) return "";
  const o: Record<string, unknown> = {};
  if (v.proc !== undefined) o.p = v.proc;
  if (v.seg) {
    o.s = v.seg.name;
    if (v.seg.first !== 0) o.f = v.seg.first;
  }
  if (v.pages) o.g = [v.pages.from, v.pages.to];
  if (v.panel) o.e = v.panel;
  if (v.table) o.t = 1;
  if (v.zoom?.length) o.z = v.zoom.map((z) => [z.key, round(z.lo), round(z.hi)]);
  if (v.compare) o.c = [v.compare.step, v.compare.event];
  if (v.beside === "flip") o.b = 1;
  else if (v.beside && v.beside.text.length <= MAX_BESIDE_CHARS) o.b = v.beside.text;
  if (Object.keys(o).length === 0) return "";
  return toBase64Url(new TextEncoder().encode(JSON.stringify(o)));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export interface DecodedView {
  readonly view: LinkView;
  /** what was wrong and left out (null: nothing) */
  readonly problem: string | null;
}

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x);

/** Read a view part. Never throws; whatever is wrong is dropped and said. */
export function decodeView(part: string): DecodedView {
  const none = (why: string): DecodedView => ({ view: {}, problem: why });
  if (part.length > MAX_VIEW_CHARS)
    return none(`the view part is ${part.length} characters long; the limit is ${MAX_VIEW_CHARS}`);
  const bytes = fromBase64Url(part);
  if (typeof bytes === "string") return none(`the view part is damaged: ${bytes}`);
  let o: unknown;
  try {
    o = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return none("the view part is damaged (it is not the JSON a link holds)");
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) return none("the view part is not an object");
  const r = o as Record<string, unknown>;
  const bad: string[] = [];
  const view: {
    proc?: string;
    seg?: { name: string; first: number };
    pages?: { from: number; to: number };
    panel?: ViewPanel;
    table?: boolean;
    zoom?: ZoomWindow[];
    compare?: { step: number; event: number };
    beside?: "flip" | { text: string };
  } = {};
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(r, k);
  if (has("p")) {
    if (typeof r.p === "string" && NAME.test(r.p)) view.proc = r.p;
    else bad.push("the process is not a name");
  }
  if (has("s")) {
    const first = has("f") ? r.f : 0;
    if (typeof r.s === "string" && NAME.test(r.s) && isInt(first) && Math.abs(first) <= MAX_ITEM)
      view.seg = { name: r.s, first };
    else bad.push("the segment is not a name and a page number");
  }
  if (has("g")) {
    const g = r.g;
    if (Array.isArray(g) && g.length === 2 && isInt(g[0]) && isInt(g[1]) && g[0] <= g[1])
      view.pages = { from: g[0], to: g[1] };
    else bad.push("the pages are not a range A-B");
  }
  if (has("e")) {
    const e = VIEW_PANELS.find((x) => x === r.e);
    if (e) view.panel = e;
    else bad.push("the enlarged panel is not one of the app's panels");
  }
  if (has("t")) {
    if (r.t === 1 || r.t === 0) view.table = r.t === 1;
    else bad.push("the table view is not 0 or 1");
  }
  if (has("z")) {
    const z = zoomOf(r.z);
    if (z) view.zoom = z;
    else bad.push(`the zoom windows are not a list of at most ${MAX_ZOOM_WINDOWS} [key, from, to]`);
  }
  if (has("c")) {
    const c = r.c;
    if (
      Array.isArray(c) &&
      c.length === 2 &&
      isInt(c[0]) &&
      isInt(c[1]) &&
      c[0] >= 0 &&
      c[0] <= MAX_ITEM &&
      c[1] >= -1 &&
      c[1] <= MAX_ITEM
    )
      view.compare = { step: c[0], event: c[1] };
    else bad.push("the compared moment is not a step and an event");
  }
  if (has("b")) {
    // the text is only carried here: the second engine parses it and says what is wrong with it
    if (r.b === 1) view.beside = "flip";
    else if (typeof r.b === "string" && r.b.length > 0 && r.b.length <= MAX_BESIDE_CHARS)
      view.beside = { text: r.b };
    else bad.push(`the second scenario is not 1 or a text of at most ${MAX_BESIDE_CHARS} characters`);
  }
  return { view, problem: bad.length ? `in the view part, ${bad.join("; ")}` : null };
}

function zoomOf(z: unknown): ZoomWindow[] | null {
  if (!Array.isArray(z) || z.length > MAX_ZOOM_WINDOWS) return null;
  const out: ZoomWindow[] = [];
  for (const w of z) {
    if (!Array.isArray(w) || w.length !== 3) return null;
    const [key, lo, hi] = w as unknown[];
    const num = (x: unknown): x is number =>
      typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= MAX_ITEM;
    if (typeof key !== "string" || !ZOOM_KEY.test(key) || !num(lo) || !num(hi) || !(lo < hi)) return null;
    out.push({ key, lo, hi });
  }
  return out;
}
