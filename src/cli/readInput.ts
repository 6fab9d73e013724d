import { closeSync, openSync, readSync } from "node:fs";
import { LIMITS } from "../contract/limits";

/**
 * The most bytes a scenario's file may have: LIMITS.scenarioChars UTF-16 code units take at
 * most 3 bytes each in UTF-8 (a surrogate pair: 2 units, 4 bytes), plus a byte-order mark.
 * Past this the text is over the limit whatever it holds, so reading stops there: an endless
 * input (/dev/zero, `yes |`) costs one small buffer, never the machine's memory.
 */
export const MAX_INPUT_BYTES = LIMITS.scenarioChars * 3 + 3;

type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly tooBig: true; readonly bytes: number };

const CHUNK = 64 * 1024;

/** Sleep a little on this thread (a non-blocking standard input that has nothing yet). */
const nap = (ms: number): void => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) as never;

/**
 * Read a file (or standard input, "-") as UTF-8, at most MAX_INPUT_BYTES of it. Throws what
 * the file system throws (ENOENT, EISDIR…), for the caller to put in words.
 */
export function readScenarioInput(path: string, max = MAX_INPUT_BYTES): ReadResult {
  const fd = path === "-" ? 0 : openSync(path, "r");
  const buf = Buffer.allocUnsafe(max + 1);
  let got = 0;
  try {
    while (got <= max) {
      let n: number;
      try {
        n = readSync(fd, buf, got, Math.min(CHUNK, max + 1 - got), null);
      } catch (e) {
        // a pipe or terminal opened non-blocking: wait for more
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
          nap(5);
          continue;
        }
        throw e;
      }
      if (n === 0) return { ok: true, text: buf.toString("utf8", 0, got) };
      got += n;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return { ok: false, tooBig: true, bytes: got };
}
