import type { PmapLine } from "../../contract/doc";
import type { RealRow } from "./rows";

/**
 * The cells of one pmap row set side by side, simulator and real. They live apart from
 * compare.ts because the explanations read them too, and compare.ts reads the explanations.
 */

type CellName = "Kbytes" | "RSS" | "Anon" | "Mode";

export interface Cell {
  readonly name: CellName;
  readonly sim: string;
  readonly real: string;
  readonly same: boolean;
}

const dash = (n: number): string => (n === 0 ? "-" : String(n));

/** The four compared cells of a row pair; a side with no row shows empty cells. */
export function cellsOf(sim: PmapLine | null, real: RealRow | null): Cell[] {
  const pick = (f: (x: { kbytes: number; rss: number; anon: number }) => number): [string, string] => [
    sim ? dash(f(sim)) : "",
    real ? dash(f(real)) : "",
  ];
  const cells: [CellName, string, string][] = [
    ["Kbytes", ...pick((x) => x.kbytes)],
    ["RSS", ...pick((x) => x.rss)],
    ["Anon", ...pick((x) => x.anon)],
    ["Mode", sim?.mode ?? "", real?.mode ?? ""],
  ];
  return cells.map(([name, s, r]) => ({ name, sim: s, real: r, same: s === r }));
}
