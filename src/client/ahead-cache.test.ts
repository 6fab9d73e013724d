import { describe, expect, it } from "vitest";
import { SCRUB_BUDGET_BYTES } from "../contract/wire/bytes";
import type { Position, Snapshot } from "../contract/wire/protocol";
import { AheadCache } from "./ahead";

/** A stand-in snapshot: only gen, pos and a payload of a chosen size matter to the cache. */
const snap = (gen: number, step: number, bytes = 16): Snapshot =>
  ({ gen, pos: { step, event: -1 }, payload: new Uint8Array(bytes) }) as unknown as Snapshot;
const at = (step: number): Position => ({ step, event: -1 });

describe("the ahead cache, alone", () => {
  it("hands a near snapshot out once and keeps only the newest four", () => {
    const c = new AheadCache();
    c.keepNear([1, 2, 3, 4, 5].map((s) => snap(7, s)));
    expect(c.has(7, at(1))).toBe(false);
    expect(c.take(7, at(5))?.pos).toEqual(at(5));
    expect(c.take(7, at(5))).toBeNull();
    expect(c.take(8, at(4))).toBeNull(); // another generation's position is not this one
    expect(c.has(7, at(2))).toBe(true);
  });

  it("keeps the scrubber's snapshots after they are taken, drops what the worker names, counts bytes", () => {
    const c = new AheadCache();
    c.keepScrub([snap(1, 1, 1000), snap(1, 2, 1000)], []);
    expect(c.take(1, at(1))).not.toBeNull();
    expect(c.take(1, at(1))).not.toBeNull();
    const before = c.stats();
    expect(before.count).toBe(2);
    expect(before.bytes).toBeGreaterThan(2000);
    c.keepScrub([snap(1, 3, 1000)], [at(1)]);
    expect(c.has(1, at(1))).toBe(false);
    expect(c.stats().count).toBe(2);
    c.clear();
    expect(c.stats()).toEqual({ count: 0, bytes: 0 });
  });

  it("drops the oldest if the worker ever sends past twice the budget", () => {
    const c = new AheadCache();
    const big = SCRUB_BUDGET_BYTES;
    c.keepScrub([snap(1, 1, big), snap(1, 2, big), snap(1, 3, big)], []);
    expect(c.has(1, at(1))).toBe(false);
    expect(c.has(1, at(3))).toBe(true);
    expect(c.stats().bytes).toBeLessThanOrEqual(2 * big + 1024);
  });
});
