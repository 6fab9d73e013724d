import type { Snapshot } from "./protocol";

/* Both sides of the worker boundary count a snapshot's bytes the same way, so the scrubber's
 * cache on the main thread and its filler in the worker agree on what fits. */

/** At most this many bytes of snapshots are kept for the scrubber (~190 positions of the 1 GB preset). */
export const SCRUB_BUDGET_BYTES = 24 << 20;

/**
 * Bytes a snapshot holds, roughly as a structured clone does: typed arrays by length, strings two
 * bytes a character, a few bytes an object or number. Both sides count with it.
 */
export function snapshotBytes(snap: Snapshot): number {
  let n = 0;
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") n += 8 + v.length * 2;
    else if (typeof v === "number" || typeof v === "boolean") n += 8;
    else if (v && typeof v === "object") {
      if (seen.has(v)) return;
      seen.add(v);
      if (ArrayBuffer.isView(v)) {
        n += 32 + v.byteLength;
        return;
      }
      n += 16;
      for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
    }
  };
  walk(snap);
  return n;
}
