/**
 * The band of anon structs between the slot rows, as pure geometry. Each anon sits in the
 * column of the first page whose slot points at it (an orphan, a copy no slot holds yet, in the
 * column of the page being faulted), so its arrows run nearly straight and crossings stay few.
 * Within a column, anons take places in the order of their ids: ids only grow, so a new anon
 * never moves an older one. A column has `lines` lines of `perLine` places; an anon that only
 * rows below the band point at prefers the lower line, so the copy a child's write makes sits
 * next to the child's row.
 */
import type { AnonLevel } from "./anonTypes";
import { FS_NAME, LH, LH_NAME, monoW } from "./type";

export interface BoxSize {
  readonly level: AnonLevel;
  readonly w: number;
  readonly h: number;
}

/** Padding inside an anon box, left and right, and above and below its lines. */
export const BOX_PAD_X = 6;
export const BOX_PAD_Y = 5;
/** Narrowest tiny box: below it the band cannot hold one box per anon. */
export const TINY_MIN = 6;
const TINY_H = 11;

/** The longest labels a box may have to hold, from the largest ids in the layout. */
export interface LabelSpan {
  readonly anonDigits: number;
  /** hex digits of the largest swapfs offset */
  readonly hexDigits: number;
  /** digits of the largest frame or swap slot named */
  readonly pageDigits: number;
}

export const spanOf = (maxAnon: number, pageSize: number, maxPage: number): LabelSpan => ({
  anonDigits: String(Math.max(99, maxAnon)).length,
  hexDigits: (Math.max(15, maxAnon) * pageSize).toString(16).length,
  pageDigits: String(Math.max(99, maxPage)).length,
});

const nines = (n: number): string => "9".repeat(n);

/**
 * Design size of a box at each level (times u on screen). full: "anon:N ×r", "(swapfs, 0xH)",
 * "→ pp:F"; compact: "anon:N ×r", "→ pp:F"; narrow: "anon:N", "×r", "pp:F"; name: "anon:N";
 * tiny: colours.
 */
export function boxSize(level: AnonLevel, s: LabelSpan, u: number): BoxSize {
  const name = monoW(`anon:${nines(s.anonDigits)}`, FS_NAME);
  const refs = monoW(" ×99", FS_NAME);
  const where = monoW(`→ swap ${nines(s.pageDigits)}`);
  const size = (w: number, lines: number): BoxSize => ({
    level,
    w: Math.ceil(w + 2 * BOX_PAD_X) * u,
    h: (LH_NAME + (lines - 1) * LH + 2 * BOX_PAD_Y) * u,
  });
  if (level === "full")
    return size(Math.max(name + refs, monoW(`(swapfs, 0x${nines(s.hexDigits)})`), where), 3);
  if (level === "compact") return size(Math.max(name + refs, where), 2);
  if (level === "narrow") return size(Math.max(name, monoW(`swap ${nines(s.pageDigits)}`)), 3);
  if (level === "line") return size(name + refs, 1);
  if (level === "name") return size(name, 1);
  // the name read bottom to top: as wide as a line is high
  if (level === "upright") return { level, w: (LH_NAME + 4) * u, h: Math.ceil(name + 2 * BOX_PAD_X + 4) * u };
  return { level, w: TINY_MIN * u, h: TINY_H * u };
}

export interface BandAnon {
  readonly id: number;
  /** page index whose column it sits in */
  readonly col: number;
  /** a row above the band points at it */
  readonly up: boolean;
  /** a row below the band points at it */
  readonly down: boolean;
}

export interface Place {
  readonly line: number;
  readonly k: number;
}

/**
 * Places for the anons: `lines` is the fewest lines to use (more are added when a column holds
 * more anons than lines × perLine). Returns each anon's line and place in its line, and the
 * lines used.
 */
export function placeAnons(
  anons: readonly BandAnon[],
  perLine: number,
  minLines: number,
): { at: Map<number, Place>; lines: number } {
  const byCol = new Map<number, BandAnon[]>();
  for (const a of anons) {
    const l = byCol.get(a.col) ?? [];
    l.push(a);
    byCol.set(a.col, l);
  }
  let most = 0;
  for (const l of byCol.values()) most = Math.max(most, l.length);
  const lines = Math.max(1, minLines, Math.ceil(most / Math.max(1, perLine)));
  const at = new Map<number, Place>();
  for (const list of byCol.values()) {
    list.sort((a, b) => a.id - b.id);
    const taken = new Set<string>();
    for (const a of list) {
      // lower line when only rows below point at it (or nothing yet: a fresh copy)
      const pref = a.up || lines === 1 ? 0 : lines - 1;
      const order = Array.from({ length: lines }, (_, i) => i).sort(
        (x, y) => Math.abs(x - pref) - Math.abs(y - pref) || x - y,
      );
      let done = false;
      for (const line of order) {
        for (let k = 0; k < perLine && !done; k++) {
          if (taken.has(`${line}/${k}`)) continue;
          taken.add(`${line}/${k}`);
          at.set(a.id, { line, k });
          done = true;
        }
        if (done) break;
      }
    }
  }
  return { at, lines };
}
