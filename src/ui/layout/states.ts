import {
  PS_ANON,
  PS_EMPTY,
  PS_FILE,
  PS_SHARED,
  PS_SWAPPED,
  type AnonTable,
} from "../../contract/wire/protocol";
import { anonIn } from "../../contract/wire/tables";

/** A page's state from its slot's anon and its translation's frame (as the worker's summary). */
export function slotState(snap: { readonly anons: AnonTable }, anon: number, frame: number): number {
  if (anon) {
    const a = anonIn(snap.anons, anon);
    if (!a) return PS_ANON;
    if (!a.frame && a.swapSlot) return PS_SWAPPED;
    if (a.refcnt > 1) return PS_SHARED;
    return PS_ANON;
  }
  return frame ? PS_FILE : PS_EMPTY;
}

export const STATE_NAMES = [
  "empty",
  "file page",
  "anon (refcnt 1)",
  "shared anon (refcnt > 1)",
  "swapped out",
] as const;
export const STATE_CLASS = ["st-empty", "st-file", "st-anon", "st-shared", "st-swapped"] as const;

/** Hex of a byte offset given in pages, for "(swapfs, 0x5000)" labels. */
export function hexOffset(pages: number, pageSize: number): string {
  return "0x" + (pages * pageSize).toString(16);
}

/** "0xfffffd7fff3f0000" → "FFFFFD7FFF3F0000", as pmap prints it. */
export const pmapAddr = (base: string): string => base.replace(/^0x/, "").toUpperCase();

/** The first of `texts` that fits `width` pixels at about `charW` pixels a character, else "". */
export const fitText = (width: number, charW: number, ...texts: string[]): string =>
  texts.find((t) => t.length * charW <= width) ?? "";

/** Thousands separators, fixed to en-US so tests and screenshots do not depend on the locale. */
export const fmt = (n: number): string =>
  // integers the fast way (toLocaleString goes through Intl: slow on every zoom frame)
  Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : n.toLocaleString("en-US");

/** Sizes as swap -s and pmap write them: KB with a k. */
export const kb = (pages: number, pageSize: number): string => `${fmt((pages * pageSize) / 1024)}k`;

/** A size in pages, short enough for a figure box: 96k, 41,000k, 5.7G. */
export function shortSize(pages: number, pageSize: number): string {
  const k = (pages * pageSize) / 1024;
  if (k < 100_000) return `${fmt(k)}k`;
  const m = k / 1024;
  if (m < 10_000) return `${fmt(Math.round(m))}M`;
  return `${(m / 1024).toFixed(1)}G`;
}
