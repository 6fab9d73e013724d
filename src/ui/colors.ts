import { protBits, protText } from "../contract/prot";

/** Process colours: by order of creation (--p0 … --p5, then around again). */
export const procColor = (i: number): string => `var(--p${i % 6})`;

/** "rw" → "rw-", as pmap's mode column spells the first three letters. */
export const protLetters = (prot: string): string => protText(protBits(prot), "dashes");
