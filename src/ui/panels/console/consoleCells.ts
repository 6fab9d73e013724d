/**
 * Which characters of the console's lines are figures the diff names (state/markSet.ts): the
 * pmap -x cells (Kbytes, RSS, Anon) of a changed segment's rows and of the total, the swap -s
 * figures, swap -l's free column. The tools' text is fixed-width (engine/report/text.ts), so a
 * cell is a column range of its line.
 */
import type { MarkSet } from "../../../state/markSet";

export interface ConsoleLine {
  readonly text: string;
  readonly cmd: boolean;
  /** what the line is, for marking its cells */
  readonly role?: "pmap-row" | "pmap-total" | "swap-s" | "swap-l";
  readonly proc?: string;
  /** the segment a pmap row belongs to (PmapLine.segment) */
  readonly segment?: string;
}

/** Column ranges of pmap -x's figures: 16 characters of address, then 11 a column. */
const PMAP_COLS: Readonly<Record<string, readonly [number, number]>> = {
  Kbytes: [16, 27],
  RSS: [27, 38],
  Anon: [38, 49],
};

const SWAP_S: readonly [string, RegExp][] = [
  ["allocated", /\d+k(?= bytes allocated)/],
  ["reserved", /\d+k(?= reserved)/],
  ["used", /\d+k(?= used)/],
  ["available", /\d+k(?= available)/],
];

/** The [start, end) character ranges of a line to mark, in order, not overlapping. */
export function markedCells(
  line: ConsoleLine,
  marks: MarkSet,
  procMarks: ReadonlyMap<string, ReadonlySet<string>>,
): [number, number][] {
  if (marks.size === 0 && marks.pmap.size === 0 && marks.swapFigures.size === 0) return [];
  const out: [number, number][] = [];
  if ((line.role === "pmap-row" || line.role === "pmap-total") && line.proc) {
    const cols =
      line.role === "pmap-row" ? marks.pmap.get(`${line.proc}/${line.segment}`) : procMarks.get(line.proc);
    for (const c of ["Kbytes", "RSS", "Anon"]) if (cols?.has(c)) out.push([...PMAP_COLS[c]!]);
  } else if (line.role === "swap-s") {
    for (const [name, re] of SWAP_S) {
      const m = re.exec(line.text);
      if (m && marks.swapFigures.has(name)) out.push([m.index, m.index + m[0].length]);
    }
  } else if (line.role === "swap-l" && marks.swapFigures.has("free")) {
    const end = line.text.trimEnd().length;
    out.push([Math.max(0, end - 8), end]);
  }
  return out;
}

/** Per process, the columns changed in any of its segments (the total row's cells change with them). */
export function totalsOf(marks: MarkSet): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const [key, cols] of marks.pmap) {
    const proc = key.slice(0, key.indexOf("/"));
    const s = m.get(proc) ?? new Set<string>();
    for (const c of cols) s.add(c);
    m.set(proc, s);
  }
  return m;
}
