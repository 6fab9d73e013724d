/**
 * Scenario lines for the operation buttons (scenario-format.md §1), as pure functions, so what
 * a click appends is exactly what a user would type.
 */

export interface PageSpan {
  readonly from: number;
  readonly to: number;
}

export const spanText = (r: PageSpan): string => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`);

/** The first name of the form `${prefix}N` (N = 1, 2, ...) that is not taken. */
export function freeName(taken: Iterable<string>, prefix: string, start = 1): string {
  const set = new Set(taken);
  for (let n = start; ; n++) {
    const name = n === 1 && prefix !== "P" ? prefix : `${prefix}${n}`;
    if (!set.has(name)) return name;
  }
}

export const spawnLine = (p: string): string => `spawn ${p}`;
export const forkLine = (p: string, child: string): string => `${p} fork ${child}`;
export const exitLine = (p: string): string => `${p} exit`;
export const touchLine = (op: "read" | "write", p: string, seg: string, r: PageSpan): string =>
  `${p} ${op} ${seg} ${spanText(r)}`;
export const pageoutLine = (p: string, seg: string, r: PageSpan): string =>
  `pageout ${p} ${seg} ${spanText(r)}`;
export const munmapLine = (p: string, seg: string, r: PageSpan | null): string =>
  r ? `${p} munmap ${seg} ${r.from}-${r.to}` : `${p} munmap ${seg}`;
export const mprotectLine = (p: string, seg: string, prot: string, r: PageSpan | null): string =>
  r ? `${p} mprotect ${seg} ${prot} ${r.from}-${r.to}` : `${p} mprotect ${seg} ${prot}`;

export interface MmapArgs {
  readonly seg: string;
  readonly source: string;
  readonly size: string;
  readonly prot: string;
  readonly share: "private" | "shared";
  readonly offset?: number;
  readonly noreserve?: boolean;
}

export function mmapLine(p: string, a: MmapArgs): string {
  const extra = `${a.offset ? ` offset=${a.offset}` : ""}${a.noreserve ? " noreserve" : ""}`;
  return `${p} mmap ${a.seg} ${a.source} ${a.size} ${a.prot} ${a.share}${extra}`;
}
