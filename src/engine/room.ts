import { LIMITS } from "../contract/limits";
import { emit, type K } from "./events";
import { SRC } from "../contract/kernel/source";
import type { VmState } from "./types";

/**
 * The simulator's own address-space limits (LIMITS.segments per process, LIMITS.mappedPages for
 * all live processes together). The kernel has limits of its own here (as_map's ENOMEM, rctls);
 * these are the simulator's, so that a crafted scenario cannot make every snapshot walk billions
 * of pages. A refusal is a step result, with an event that names the limit.
 */

/** Pages mapped by all live processes. */
export function mappedPages(st: VmState): number {
  let n = 0;
  for (const p of st.procs) if (p.alive) for (const s of p.segs) n += s.pages;
  return n;
}

/**
 * Whether process `pi` may get `segs` more segments and the system `pages` more mapped pages.
 * When not, emits why (naming the limit) and returns false; nothing has changed.
 */
export function roomFor(k: K, pi: number, segs: number, pages: number, fn: string, what: string): boolean {
  const p = k.st.procs[pi]!;
  if (segs > 0 && p.segs.length + segs > LIMITS.segments) {
    emit(
      k,
      fn,
      SRC.vm_as,
      `${p.name} already has ${p.segs.length} segments; ${what} would pass the simulator's limit of ${LIMITS.segments} segments in one address space (LIMITS.segments).`,
      { proc: p.name },
    );
    return false;
  }
  if (pages > 0) {
    const now = mappedPages(k.st);
    if (now + pages > LIMITS.mappedPages) {
      emit(
        k,
        fn,
        SRC.vm_as,
        `The live processes already map ${now} pages; ${what} would add ${pages} and pass the simulator's limit of ${LIMITS.mappedPages} mapped pages (LIMITS.mappedPages).`,
        { proc: p.name },
      );
      return false;
    }
  }
  return true;
}
