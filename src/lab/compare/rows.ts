import type { PmapLine } from "../../contract/doc";
import type { SegExtent } from "../format";
import type { SmapsRow } from "../parse/lab";
import type { PmapRow } from "../parse/pmap";

/**
 * Matching the rows of one process: a real row belongs to the scenario segment whose range (from
 * the map line the lab prints) it lies in, so rows are matched by segment and by their offset
 * in it, never by address (real addresses differ on every run).
 */

/** A real row, from pmap -x or (Linux) smaps. */
export type RealRow = PmapRow | SmapsRow;

export interface RowPair {
  readonly segment: string;
  readonly sim: PmapLine | null;
  readonly real: RealRow | null;
}

export interface ProcRows {
  readonly pairs: readonly RowPair[];
  /** real rows in no scenario segment: the C library, the runtime linker, ... */
  readonly others: readonly RealRow[];
}

/** The program's own image: its size is this C program's, not the simulated /usr/bin/demo's. */
export const IMAGE = new Set(["text", "data", "heap", "stack"]);

const big = (hex: string): bigint => BigInt(`0x${hex}`);
const simAddr = (l: PmapLine): bigint => BigInt(l.addr);
const kb = (n: number): bigint => BigInt(n) * 1024n;

interface Range {
  readonly name: string;
  readonly o: bigint;
  readonly e: bigint;
}

/** The map's segments as address ranges: the image's apart, the others sorted for a search. */
function ranges(map: readonly SegExtent[], pageSize: number): { image: Range[]; sorted: Range[] } {
  const all = map.map((s) => {
    const o = big(s.origin);
    return { name: s.name, o, e: o + BigInt(s.pages) * BigInt(pageSize) };
  });
  return {
    image: all.filter((r) => IMAGE.has(r.name)),
    sorted: all.filter((r) => !IMAGE.has(r.name)).sort((a, b) => (a.o < b.o ? -1 : a.o > b.o ? 1 : 0)),
  };
}

/** Which segment the real row lies in (or overlaps, for the image's segments): a binary search. */
function segmentOf(r: RealRow, rs: { image: Range[]; sorted: Range[] }): string | null {
  const lo = big(r.addr);
  const hi = lo + kb(r.kbytes);
  for (const s of rs.image) if (lo < s.e && s.o < hi) return s.name;
  let a = 0;
  let b = rs.sorted.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    const s = rs.sorted[m]!;
    if (lo < s.o) b = m - 1;
    else if (lo >= s.e) a = m + 1;
    else return s.name;
  }
  return null;
}

/**
 * Pair the simulator's rows with the real ones, segment by segment: rows at the same offset
 * from the segment's page 0 pair up; for the image's segments, whose real sizes are the real
 * program's, rows pair in address order.
 */
export function pairRows(
  sim: readonly PmapLine[],
  simMap: readonly SegExtent[],
  real: readonly RealRow[],
  realMap: readonly SegExtent[],
  pageSize: number,
): ProcRows {
  const group = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const a = m.get(k);
    if (a) a.push(v);
    else m.set(k, [v]);
  };
  const bySeg = new Map<string, RealRow[]>();
  const simBySeg = new Map<string, PmapLine[]>();
  const others: RealRow[] = [];
  const rs = ranges(realMap, pageSize);
  for (const r of real) {
    const s = segmentOf(r, rs);
    if (s === null) others.push(r);
    else group(bySeg, s, r);
  }
  for (const l of sim) group(simBySeg, l.segment, l);
  const simOrigin = new Map(simMap.map((s) => [s.name, s]));
  const realOrigin = new Map(realMap.map((s) => [s.name, s]));
  const pairs: RowPair[] = [];
  const names = [...new Set([...simBySeg.keys(), ...realOrigin.keys()])];
  for (const name of names) {
    const srows = simBySeg.get(name) ?? [];
    const rrows = bySeg.get(name) ?? [];
    if (IMAGE.has(name)) {
      for (let i = 0; i < Math.max(srows.length, rrows.length); i++)
        pairs.push({ segment: name, sim: srows[i] ?? null, real: rrows[i] ?? null });
      continue;
    }
    const so = simOrigin.get(name);
    const ro = realOrigin.get(name);
    const off = new Map<string, RealRow>();
    for (const r of rrows) off.set(ro ? (big(r.addr) - big(ro.origin)).toString() : r.addr, r);
    const used = new Set<RealRow>();
    for (const l of srows) {
      const key = so ? (simAddr(l) - big(so.origin)).toString() : "";
      const r = off.get(key) ?? null;
      if (r) used.add(r);
      pairs.push({ segment: name, sim: l, real: r });
    }
    for (const r of rrows) if (!used.has(r)) pairs.push({ segment: name, sim: null, real: r });
  }
  return { pairs, others };
}

/**
 * For a single pasted pmap -x (no map line): rows pair by label ([ heap ], [ stack ], a file's
 * name) and, for [ anon ] rows, by size and mode, in address order.
 */
export function pairByLabel(sim: readonly PmapLine[], real: readonly RealRow[]): ProcRows {
  const left = [...real];
  const take = (pred: (r: RealRow) => boolean): RealRow | null => {
    const i = left.findIndex(pred);
    return i < 0 ? null : left.splice(i, 1)[0]!;
  };
  const pairs: RowPair[] = sim.map((l) => {
    const r =
      l.mapped === "[ anon ]"
        ? (take((r) => r.mapped === l.mapped && r.kbytes === l.kbytes && r.mode === l.mode) ??
          take((r) => r.mapped === l.mapped && r.kbytes === l.kbytes))
        : take((r) => r.mapped === l.mapped);
    return { segment: l.segment, sim: l, real: r };
  });
  return { pairs, others: left };
}
