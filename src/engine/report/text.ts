import type { PmapLine } from "../../contract/doc";
import type { SwapFigures } from "../../contract/doc";
import { modeString, type XmapRow } from "./xmap";

/**
 * The real tools' text, byte for byte (real-tool-output.md §2): pmap -x for a 64-bit process,
 * swap -s and swap -l.
 */

/** One pmap -x size cell, 64-bit: a blank and the value in 10 columns; zero prints as "-". */
const cell = (kb: number): string => " " + (kb === 0 ? "-" : String(kb)).padStart(10);

/** The rows pmap -x prints, in KB (Anon is 0 for shared mappings: pmap without -a). */
export function pmapLines(rows: XmapRow[], pageSize: number, pageShift: number): PmapLine[] {
  const kb = pageSize / 1024;
  return rows.map((r) => ({
    addr: "0x" + (BigInt(r.vpn) << BigInt(pageShift)).toString(16).padStart(16, "0"),
    kbytes: r.pages * kb,
    rss: r.rss * kb,
    anon: r.shared ? 0 : r.anon * kb,
    locked: 0,
    mode: modeString(r),
    mapped: r.mapped,
    segment: r.segment,
  }));
}

export function pmapText(pid: number, psargs: string, lines: PmapLine[]): string {
  const out = [`${pid}:\t${psargs.slice(0, 70)}`];
  out.push(
    `${"Address".padStart(16)}${"Kbytes".padStart(11)}${"RSS".padStart(11)}${"Anon".padStart(11)}${"Locked".padStart(11)} Mode   Mapped File`,
  );
  const t = { kbytes: 0, rss: 0, anon: 0, locked: 0 };
  for (const l of lines) {
    const label = l.mapped.startsWith("[") ? `  ${l.mapped}` : l.mapped;
    out.push(
      `${l.addr.slice(2).toUpperCase()}${cell(l.kbytes)}${cell(l.rss)}${cell(l.anon)}${cell(l.locked)} ${(l.mode + " ").padEnd(6)} ${label}`,
    );
    t.kbytes += l.kbytes;
    t.rss += l.rss;
    t.anon += l.anon;
    t.locked += l.locked;
  }
  out.push(`${"-".repeat(16)}${" ----------".repeat(4)}`);
  out.push(`        total Kb${cell(t.kbytes)}${cell(t.rss)}${cell(t.anon)}${cell(t.locked)}`);
  return out.join("\n") + "\n";
}

/** %lu of a page count in KB, as ctok prints it (a negative count wraps as unsigned would). */
function ctok(pages: number, pageSize: number): string {
  const kb = BigInt(pages) * BigInt(pageSize / 1024);
  return (kb < 0n ? kb + 2n ** 64n : kb).toString();
}

export function swapSText(f: SwapFigures, pageSize: number): string {
  const a = ctok(f.allocated, pageSize);
  const r = ctok(f.reserved, pageSize);
  const u = ctok(f.reserved + f.allocated, pageSize);
  return `total: ${a}k bytes allocated + ${r}k reserved = ${u}k used, ${ctok(f.available, pageSize)}k available\n`;
}

const SWAP_DEVICE = "/dev/dsk/c1t0d0s1";

/**
 * `swap -l`. usablePages −1 means the machine has no swap device (swap=0 or 1, which swapadd
 * refuses): the real tool says so on stderr and exits 1; the text here is that message.
 */
export function swapLText(usablePages: number, freePages: number, pageSize: number): string {
  if (usablePages < 0) return "No swap devices configured\n";
  const blk = pageSize / 512;
  const n = (v: number): string => String(v).padStart(8);
  return `swapfile             dev    swaplo   blocks     free\n${SWAP_DEVICE.padEnd(19)} ${"30".padStart(2)},${"1".padEnd(2)} ${n(blk)} ${n(usablePages * blk)} ${n(freePages * blk)}\n`;
}
