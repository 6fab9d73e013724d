/**
 * The scrubber's cache: while a big timeline is on screen and the worker is idle, it builds the
 * snapshots of positions all along the timeline slider and pushes them to the client, which keeps
 * them (not once, as the step keys' neighbours: a drag goes back and forth over the same ones).
 * A jump on the slider then shows a kept snapshot in the same task, so the very next frame paints
 * it: building one for a 1 GiB state costs ~10 ms in the worker on a quiet box (and a restore of
 * a checkpoint plus a replay before that), more than the rest of a frame can wait for.
 *
 * What is kept is bounded by bytes (SCRUB_BUDGET_BYTES, both sides count the same way): the
 * positions nearest the slider come first, then the rest of the timeline by halving the gaps, so
 * a partly filled cache covers it evenly. Once full, a position nearer the slider than the
 * farthest one kept replaces it (the worker names the dropped ones in the same reply).
 */
import type { Timeline } from "../engine/timeline";
import type { Position } from "../contract/wire/protocol";
import { SCRUB_BUDGET_BYTES } from "../contract/wire/bytes";

/** Positions on either side of the slider filled first (a drag's neighbourhood). */
const SCRUB_NEAR = 8;

/** Every position of the timeline in slider order (as the client's positions.ts counts them). */
export function allPositions(tl: Timeline): Position[] {
  const out: Position[] = [{ step: 0, event: -1 }];
  tl.steps.forEach((s, i) => {
    for (let e = 0; e < s.events.length - 1; e++) out.push({ step: i + 1, event: e });
    out.push({ step: i + 1, event: -1 });
  });
  return out;
}

/** 0, n-1, then the middles of ever smaller gaps: an even cover however far the fill got. */
export function halvingOrder(n: number): number[] {
  if (n <= 0) return [];
  const out = n > 1 ? [0, n - 1] : [0];
  const gaps: [number, number][] = [[0, n - 1]];
  for (let g = 0; g < gaps.length; g++) {
    const [a, b] = gaps[g]!;
    if (b - a < 2) continue;
    const m = (a + b) >> 1;
    out.push(m);
    gaps.push([a, m], [m, b]);
  }
  return out;
}

/** The worker's account of what the client keeps, for one timeline (and view). */
export class ScrubPlan {
  private readonly order: number[];
  /** kept: position index → its bytes */
  private readonly kept = new Map<number, number>();
  private bytes = 0;
  /** positions that could not be built (an engine bug there): never tried again */
  private readonly skip = new Set<number>();

  constructor(
    readonly positions: readonly Position[],
    private readonly budget = SCRUB_BUDGET_BYTES,
  ) {
    this.order = halvingOrder(positions.length);
  }

  /** The index of a position, or -1. */
  indexOf(p: Position): number {
    // positions are in order: a binary search on (step, event with -1 last)
    const rank = (q: Position): number => q.step * 1e9 + (q.event === -1 ? 1e9 - 1 : q.event);
    let lo = 0;
    let hi = this.positions.length - 1;
    const want = rank(p);
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rank(this.positions[mid]!);
      if (r === want) return mid;
      if (r < want) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  has(p: Position): boolean {
    return this.kept.has(this.indexOf(p));
  }

  get keptBytes(): number {
    return this.bytes;
  }

  get keptCount(): number {
    return this.kept.size;
  }

  /** The next position to build with the slider at index `at`, or null when nothing is worth it. */
  next(at: number): number | null {
    const free = (i: number): boolean =>
      i >= 0 && i < this.positions.length && !this.kept.has(i) && !this.skip.has(i);
    for (let d = 1; d <= SCRUB_NEAR; d++) {
      if (free(at + d)) return this.worth(at, at + d);
      if (free(at - d)) return this.worth(at, at - d);
    }
    for (const i of this.order) if (free(i) && i !== at) return this.worth(at, i);
    return null;
  }

  /** i, unless the cache is full of positions at least as near the slider. */
  private worth(at: number, i: number): number | null {
    if (this.bytes < this.budget) return i;
    const far = this.farthest(at);
    return far !== null && Math.abs(far - at) > Math.abs(i - at) ? i : null;
  }

  private farthest(at: number): number | null {
    let best: number | null = null;
    for (const k of this.kept.keys()) if (best === null || Math.abs(k - at) > Math.abs(best - at)) best = k;
    return best;
  }

  /** Record that position i (`bytes` big) was sent; returns the positions the client must drop. */
  add(i: number, bytes: number, at: number): Position[] {
    const dropped: Position[] = [];
    while (this.bytes + bytes > this.budget && this.kept.size > 0) {
      const far = this.farthest(at)!;
      if (Math.abs(far - at) <= Math.abs(i - at)) break;
      this.bytes -= this.kept.get(far)!;
      this.kept.delete(far);
      dropped.push(this.positions[far]!);
    }
    this.kept.set(i, bytes);
    this.bytes += bytes;
    return dropped;
  }

  fail(i: number): void {
    this.skip.add(i);
  }
}
