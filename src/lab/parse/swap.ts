import type { Problem } from "./pmap";

/**
 * `swap -s`, as illumos swap.c:doswap prints it (real-tool-output.md §2.2): one line,
 * `total: <a>k bytes allocated + <r>k reserved = <u>k used, <v>k available`, where u is
 * exactly a + r. A copy that was wrapped after "used," (as in a web page) is read too.
 */

export interface SwapS {
  readonly allocatedKb: number;
  readonly reservedKb: number;
  readonly usedKb: number;
  readonly availableKb: number;
  readonly line: number;
}

export const RE_SWAP_S =
  /^total: (\d{1,16})k bytes allocated \+ (\d{1,16})k reserved = (\d{1,16})k used,(?: (\d{1,16})k available)?$/;
const RE_AVAILABLE = /^(\d{1,16})k available$/;

/** The swap -s line at lines[i]; `end` is the index just past it. */
export function parseSwapS(
  lines: readonly string[],
  i: number,
): { ok: true; swap: SwapS; end: number } | { ok: false; problem: Problem } {
  const m = RE_SWAP_S.exec((lines[i] ?? "").trim());
  if (!m)
    return {
      ok: false,
      problem: {
        line: i + 1,
        column: 1,
        message:
          'expected swap -s: "total: <n>k bytes allocated + <n>k reserved = <n>k used, <n>k available"',
      },
    };
  let avail = m[4];
  let end = i + 1;
  if (avail === undefined) {
    const next = RE_AVAILABLE.exec((lines[i + 1] ?? "").trim());
    if (!next)
      return {
        ok: false,
        problem: { line: i + 2, column: 1, message: 'expected "<n>k available" to end the swap -s line' },
      };
    avail = next[1];
    end = i + 2;
  }
  const [a, r, u, v] = [m[1], m[2], m[3], avail].map(Number) as [number, number, number, number];
  if (![a, r, u, v].every(Number.isSafeInteger))
    return { ok: false, problem: { line: i + 1, message: "a swap -s figure is too large" } };
  if (a + r !== u) {
    return {
      ok: false,
      problem: {
        line: i + 1,
        message: `used (${u}k) is not allocated + reserved (${a + r}k), which swap -s always prints: was it retyped?`,
      },
    };
  }
  return { ok: true, swap: { allocatedKb: a, reservedKb: r, usedKb: u, availableKb: v, line: i + 1 }, end };
}
