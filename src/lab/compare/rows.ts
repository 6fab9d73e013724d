import type { PmapLine } from "../../engine/report/text";
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

/** Which segment of `map` the real row lies in (or overlaps, for the image's segments). */
function segmentOf(r: RealRow, map: readonly SegExtent[], pageSize: number): string | null {
  const lo = big(r.addr);
  const hi = lo + kb(r.kbytes);
  for (const s of map) {
    const o = big(s.origin);
    const e = o + BigInt(s.pages) * BigInt(pageSize);
    if (IMAGE.has(s.name) ? lo < e && o < hi : lo >= o && lo < e) return s.name;
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
  const bySeg = new Map<string, RealRow[]>();
  const others: RealRow[] = [];
  for (const r of real) {
    const s = segmentOf(r, realMap, pageSize);
    if (s === null) others.push(r);
    else bySeg.set(s, [...(bySeg.get(s) ?? []), r]);
  }
  const pairs: RowPair[] = [];
  const names = [...new Set([...sim.map((l) => l.segment), ...realMap.map((s) => s.name)])];
  for (const name of names) {
    const srows = sim.filter((l) => l.segment === name);
    const rrows = bySeg.get(name) ?? [];
    if (IMAGE.has(name)) {
      for (let i = 0; i < Math.max(srows.length, rrows.length); i++)
        pairs.push({ segment: name, sim: srows[i] ?? null, real: rrows[i] ?? null });
      continue;
    }
    const so = simMap.find((s) => s.name === name);
    const ro = realMap.find((s) => s.name === name);
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
