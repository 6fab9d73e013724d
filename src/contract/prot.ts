/**
 * Protection as text, the one way every layer spells it: bits as the engine keeps them
 * (PROT_READ 1, PROT_WRITE 2, PROT_EXEC 4, as <sys/mman.h> has them; a HAT entry's too).
 * "letters": "rw" ("none" when empty, as the scenario language writes it); "dashes": "rw-"
 * ("---"), as pmap's Mode column spells its first three letters.
 */
export function protText(bits: number, style: "letters" | "dashes" = "letters"): string {
  const r = bits & 1 ? "r" : "";
  const w = bits & 2 ? "w" : "";
  const x = bits & 4 ? "x" : "";
  if (style === "dashes") return `${r || "-"}${w || "-"}${x || "-"}`;
  return bits & 7 ? `${r}${w}${x}` : "none";
}

/** The bits of a protection written as letters ("rw", "none"). */
export const protBits = (text: string): number =>
  (text.includes("r") ? 1 : 0) | (text.includes("w") ? 2 : 0) | (text.includes("x") ? 4 : 0);
