import { SCRUB_BUDGET_BYTES, snapshotBytes } from "../contract/wire/bytes";
import type { Position, Snapshot } from "../contract/wire/protocol";

/**
 * The snapshots the worker built before they were asked for, kept on the main thread so a step
 * or a jump is shown in the next frame: the neighbours of the position on screen (a few, the
 * oldest dropped first) and the scrubber's cache (bounded by bytes; the worker decides what it
 * holds and names what it dropped, worker/scrub.ts).
 */

/** How many snapshots sent ahead are kept (both neighbours, and a push or two). */
const NEAR_KEPT = 4;
const key = (gen: number, p: Position): string => `${gen}/${p.step}/${p.event}`;

export class AheadCache {
  /** by gen/step/event, oldest first */
  private readonly near = new Map<string, Snapshot>();
  /** the scrubber's, with their bytes, oldest first */
  private readonly scrub = new Map<string, { snap: Snapshot; bytes: number }>();
  private scrubBytes = 0;

  keepNear(snaps: readonly Snapshot[]): void {
    for (const s of snaps) {
      const k = key(s.gen, s.pos);
      this.near.delete(k);
      this.near.set(k, s);
    }
    for (const k of [...this.near.keys()].slice(0, Math.max(0, this.near.size - NEAR_KEPT)))
      this.near.delete(k);
  }

  keepScrub(snaps: readonly Snapshot[], drop: readonly Position[]): void {
    for (const p of drop) this.forget(key(snaps[0]?.gen ?? -1, p));
    for (const snap of snaps) {
      const k = key(snap.gen, snap.pos);
      this.forget(k);
      const bytes = snapshotBytes(snap);
      this.scrub.set(k, { snap, bytes });
      this.scrubBytes += bytes;
    }
    // the worker keeps it within the budget; should the two ever disagree, the oldest go
    for (const k of this.scrub.keys()) {
      if (this.scrubBytes <= 2 * SCRUB_BUDGET_BYTES) break;
      this.forget(k);
    }
  }

  private forget(k: string): void {
    const had = this.scrub.get(k);
    if (!had) return;
    this.scrubBytes -= had.bytes;
    this.scrub.delete(k);
  }

  clear(): void {
    this.near.clear();
    this.scrub.clear();
    this.scrubBytes = 0;
  }

  stats(): { count: number; bytes: number } {
    return { count: this.scrub.size, bytes: this.scrubBytes };
  }

  /** A near one is handed out once; the scrubber's are kept (a drag comes back over them). */
  take(gen: number, pos: Position): Snapshot | null {
    const k = key(gen, pos);
    const s = this.near.get(k) ?? null;
    this.near.delete(k);
    return s ?? this.scrub.get(k)?.snap ?? null;
  }

  has(gen: number, pos: Position): boolean {
    const k = key(gen, pos);
    return this.near.has(k) || this.scrub.has(k);
  }
}
