import { scenarioHeader } from "../scenarios/header";
import { presetEntry } from "./presets";

// Teach mode's pure helpers: the modes the query string carries, and the texts it shows
// (a scenario's title, lesson prose with its links).
// ---------------------------------------------------------------------------------------------
// The query string

export interface TeachMode {
  readonly embed: boolean;
  readonly print: boolean;
  readonly predict: boolean;
  readonly lesson: string | null;
  /** opt in to the service worker in a test build */
  readonly sw: boolean;
}

export function modeFromSearch(search: string): TeachMode {
  const q = new URLSearchParams(search);
  return {
    embed: q.has("embed"),
    print: q.has("print"),
    predict: q.get("mode") === "predict",
    lesson: q.get("lesson") || null,
    sw: q.has("sw"),
  };
}

/** The query string with `key` set (a bare flag for ""), or removed for null; "" when empty. */
export function withQuery(search: string, key: string, value: string | null): string {
  const q = new URLSearchParams(search);
  if (value === null) q.delete(key);
  else q.set(key, value);
  const parts = [...q.entries()].map(([k, v]) =>
    v === "" ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
  );
  return parts.length ? `?${parts.join("&")}` : "";
}

export function setQuery(key: string, value: string | null): void {
  if (typeof window === "undefined") return;
  const { pathname, search, hash } = window.location;
  const next = withQuery(search, key, value);
  if (next !== search) window.history.replaceState(window.history.state, "", `${pathname}${next}${hash}`);
}

// ---------------------------------------------------------------------------------------------
// Scenario text helpers (pure)

/** The title a scenario gives itself (`# title:`), else its preset's, else null. */
export function scenarioTitle(text: string, presetId: string | null): string | null {
  return scenarioHeader(text, "title") ?? (presetId ? (presetEntry(presetId)?.title ?? null) : null);
}

/** A text link in lesson prose: `[text](url)` pieces, in order, as plain strings and links. */
export type ProsePart = string | { readonly text: string; readonly href: string };

export function proseParts(p: string): ProsePart[] {
  const out: ProsePart[] = [];
  const re = /\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of p.matchAll(re)) {
    if (m.index > last) out.push(p.slice(last, m.index));
    const href = m[2]!;
    // only web links: a lesson never links elsewhere, and nothing else may become an href
    if (/^https?:\/\//.test(href)) out.push({ text: m[1]!, href });
    else out.push(m[1]!);
    last = m.index + m[0].length;
  }
  if (last < p.length) out.push(p.slice(last));
  return out;
}
