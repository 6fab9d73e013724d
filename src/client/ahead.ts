import { SCRUB_BUDGET_BYTES, snapshotBytes } from "../contract/wire/bytes";
import {
  answers,
  type Position,
  type Snapshot,
  type ViewQuery,
  type ViewWindow,
} from "../contract/wire/protocol";

/**
 * The snapshots the worker built before they were asked for, kept on the main thread so a step
 * or a jump is shown in the next frame: the neighbours of the position on screen (a few, the
 * oldest dropped first) with the windows of the zoomed views the move that planned them named,
 * and the scrubber's cache (bare snapshots, bounded by bytes; the worker decides what it holds
 * and names what it dropped, worker/scrub.ts).
 */

/** How many snapshots sent ahead are kept (both neighbours, and a push or two). */
const NEAR_KEPT = 4;
const key = (gen: number, p: Position): string => `${gen}/${p.step}/${p.event}`;

/** A snapshot sent ahead, with the zoomed views' windows at its position. */
export interface Ahead {
  readonly snapshot: Snapshot;
  readonly views: readonly ViewWindow[];
}

export class AheadCache {
  /** by gen/step/event, oldest first */
  private readonly near = new Map<string, Ahead>();
  /** the scrubber's, with their bytes, oldest first */
  private readonly scrub = new Map<string, { snap: Snapshot; bytes: number }>();
  private scrubBytes = 0;

  /** `views`: windows at the snapshots' positions (each names its own). */
  keepNear(snaps: readonly Snapshot[], views: readonly ViewWindow[] = []): void {
    for (const s of snaps) {
      const k = key(s.gen, s.pos);
      this.near.delete(k);
      const own = views.filter((v) => key(v.window.gen, v.window.pos) === k);
      this.near.set(k, { snapshot: s, views: own });
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
    return this.takeWith(gen, pos, [])?.snapshot ?? null;
  }

  /**
   * The snapshot at pos with windows answering every view of `need`, or null when none was
   * sent ahead, or when it came without one of them (a view zoomed since: the move then goes to
   * the engine, whose reply brings both in one frame).
   */
  takeWith(gen: number, pos: Position, need: readonly ViewQuery[]): Ahead | null {
    const found = this.peek(gen, pos, need);
    if (found) this.near.delete(key(gen, pos));
    return found;
  }

  /** Whether takeWith would hand one out (nothing is taken). */
  has(gen: number, pos: Position, need: readonly ViewQuery[] = []): boolean {
    return this.peek(gen, pos, need) !== null;
  }

  private peek(gen: number, pos: Position, need: readonly ViewQuery[]): Ahead | null {
    const k = key(gen, pos);
    const s = this.scrub.get(k);
    const found = this.near.get(k) ?? (s ? { snapshot: s.snap, views: [] } : null);
    return found && need.every((q) => found.views.some((w) => answers(w, q))) ? found : null;
  }
}
