import type { SwapFigures } from "../contract/doc";
import { emit, type K } from "./events";
import { SRC } from "../contract/kernel/source";
import type { VmState } from "./types";

/**
 * Swap reservation (vm/vm_anon.c: anon_resvmem, anon_unresvmem) and the physical swap device
 * (vm/vm_swap.c: swap_phys_alloc, swap_phys_free). Reservation is a promise of backing store
 * made at mmap or fork; allocation is the anon struct made at first touch; a device slot is
 * taken only when pageout writes a page out.
 */

/** anon_resvmem with takemem: reserve n pages from disk swap, then memory. false: nothing changed. */
export function anon_resvmem(k: K, n: number, why: string): boolean {
  const sw = k.st.swap;
  if (n === 0) return true;
  const pswap = sw.ani_max - sw.ani_phys_resv;
  if (n <= pswap) {
    sw.ani_phys_resv += n;
    emit(
      k,
      "anon_resvmem",
      SRC.vm_anon,
      `Reserve ${n} ${pl(n)} of swap for ${why}: disk swap has ${pswap} unreserved, so it all comes from there.`,
    );
    return true;
  }
  const m = n - pswap;
  // Processes run unprivileged: swapfs_reserve is held back from them (strict comparison).
  if (sw.availrmem > sw.swapfs_minfree + sw.swapfs_reserve + m) {
    sw.ani_phys_resv += pswap;
    sw.availrmem -= m;
    sw.ani_mem_resv += m;
    emit(
      k,
      "anon_resvmem",
      SRC.vm_anon,
      `Reserve ${n} ${pl(n)} for ${why}: ${pswap} from disk swap and ${m} from memory (availrmem drops to ${sw.availrmem}).`,
    );
    return true;
  }
  emit(
    k,
    "anon_resvmem",
    SRC.vm_anon,
    `Cannot reserve ${n} ${pl(n)} for ${why}: disk swap has ${pswap} unreserved and memory can lend at most ${Math.max(0, sw.availrmem - sw.swapfs_minfree - sw.swapfs_reserve - 1)} more to an unprivileged process (availrmem ${sw.availrmem} must stay above swapfs_minfree ${sw.swapfs_minfree} + swapfs_reserve ${sw.swapfs_reserve}). Nothing is reserved. (The real kernel would first try page_reclaim_mem, which may free some memory; not modelled.)`,
  );
  return false;
}

/** anon_unresvmem: give n pages back, to memory first, then to disk swap. */
export function anon_unresvmem(k: K, n: number, why: string): void {
  if (n === 0) return;
  const sw = k.st.swap;
  const mem = Math.min(sw.ani_mem_resv, n);
  sw.availrmem += mem;
  sw.ani_mem_resv -= mem;
  sw.ani_phys_resv -= n - mem;
  emit(k, "anon_unresvmem", SRC.vm_anon, `Give back the reservation of ${n} ${pl(n)} (${why}).`);
}

/** swap_phys_alloc: take a free slot on the device, scanning from the hint; 0 when full. */
export function swap_phys_alloc(st: VmState): number {
  const sw = st.swap;
  if (sw.nfree === 0) return 0;
  const n = sw.slots.length;
  for (let j = 0; j < n - 1; j++) {
    const i = ((sw.hint - 1 + j) % (n - 1)) + 1;
    if (!sw.slots[i]) {
      sw.slots[i] = 1;
      sw.nfree--;
      sw.hint = i + 1 >= n ? 1 : i + 1;
      return i;
    }
  }
  return 0;
}

export function swap_phys_free(st: VmState, slot: number): void {
  st.swap.slots[slot] = 0;
  st.swap.nfree++;
}

/** Usable slots of the swap device (its size less the label page), or -1 when there is none. */
export const deviceUsable = (st: VmState): number => (st.swap.slots.length ? st.swap.slots.length - 1 : -1);

export function swapFigures(st: VmState): SwapFigures {
  const sw = st.swap;
  const used = sw.ani_phys_resv + sw.ani_mem_resv;
  const allocated = st.anon.live;
  return {
    allocated,
    reserved: used - allocated,
    used,
    available: sw.ani_max - sw.ani_phys_resv + Math.max(sw.availrmem - sw.swapfs_minfree, 0),
  };
}

export const pl = (n: number, one = "page", many = "pages"): string => (n === 1 ? one : many);
