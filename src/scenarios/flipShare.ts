/**
 * The same scenario with every mmap's SHARE swapped (`private` ↔ `shared`): the second scenario
 * of a side-by-side comparison (MAP_PRIVATE beside MAP_SHARED, the same steps). Only the SHARE
 * field of `mmap` statements changes; comments, header lines and every other statement stay as
 * they are, so the two scenarios' steps line up one for one. Null when no mmap has a SHARE to
 * swap.
 */
const MMAP = /^(\s*\S+\s+mmap\s+\S+\s+\S+\s+\S+\s+\S+\s+)(private|shared)(?=\s|$)/;

export function flipShare(text: string): string | null {
  let flipped = 0;
  const out = text.split("\n").map((line) => {
    const m = MMAP.exec(line);
    if (!m) return line;
    flipped++;
    return m[1] + (m[2] === "private" ? "shared" : "private") + line.slice(m[0].length);
  });
  return flipped ? out.join("\n") : null;
}

/** What the first mmap of a scenario shares, in the words of mmap(2): the side-by-side labels. */
export function shareOf(text: string): "MAP_PRIVATE" | "MAP_SHARED" | null {
  for (const line of text.split("\n")) {
    const m = MMAP.exec(line);
    if (m) return m[2] === "private" ? "MAP_PRIVATE" : "MAP_SHARED";
  }
  return null;
}
