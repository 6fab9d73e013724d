/** Process colours: by order of creation (--p0 … --p5, then around again). */
export const procColor = (i: number): string => `var(--p${i % 6})`;

/** "rw" → "rw-", as pmap's mode column spells the first three letters. */
export function protLetters(prot: string): string {
  if (prot === "none") return "---";
  return `${prot.includes("r") ? "r" : "-"}${prot.includes("w") ? "w" : "-"}${prot.includes("x") ? "x" : "-"}`;
}
