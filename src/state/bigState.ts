/**
 * A state too big for per-event extras: one with more than BIG_PAGES pages in mapped segments
 * (the 1 GB presets). Its diff walks every slot (tens of ms), so What changed asks only once the
 * user stops on a position (changes.ts); it is drawn as density, so a step is not animated
 * (ui/motion): its transitions moved a few density bars and cost the 1 GB preset's steps two
 * to three frames at p95 (bench/README.md).
 */
import type { Snapshot } from "../contract/wire/protocol";

export const BIG_PAGES = 50_000;

/** Pages of every mapped segment of every process. */
export const mappedPages = (snap: Snapshot): number =>
  snap.procs.reduce((n, p) => n + p.segs.reduce((m, g) => m + g.pages, 0), 0);

export const isBigState = (snap: Snapshot): boolean => mappedPages(snap) > BIG_PAGES;
