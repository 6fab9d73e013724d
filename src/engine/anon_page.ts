import { anon_alloc, anon_decref } from "./anon";
import { emit, nest, type K } from "./events";
import { hat_get, hat_unload } from "./hat";
import { page_free_cached, page_lookup_file, page_reclaim, pageName, pageNamer } from "./page";
import { page_create_va } from "./pageout";
import { SRC } from "../contract/kernel/source";
import { swap_phys_free } from "./swap";
import { P_ANON, P_FILE } from "./types";

/**
 * Getting the page behind a fault (vm/vm_anon.c: anon_zero, anon_private, anon_getpage;
 * fs/swapfs/swap_vnops.c: swap_getapage; the file system's getpage): each makes or finds one
 * page and returns its id, or 0 when no frame can be had (the real kernel would wait for one).
 * Storing the anon in its slot and loading the translation are the caller's (segvn_faultpage).
 */

const hatSrc = (k: K): string => (k.st.a.arch === "x86" ? SRC.hat_i86 : SRC.hat_sfmmu);

/** anon_zero: a new anon and a zero-filled page under its swapfs name. 0: no memory. */
export function anon_zero(k: K): number {
  emit(
    k,
    "anon_zero",
    SRC.vm_anon,
    "anon_zero (zero-fill on demand): a new anon (anon_alloc) and a page made under its swapfs name with no I/O, filled with zeros and marked referenced and modified (zfod), so pageout would write it out.",
  );
  return nest(k, () => {
    const ap = anon_alloc(k);
    const pp = page_create_va(k, P_ANON, ap, 0);
    if (!pp) {
      anon_decref(k, ap);
      return 0;
    }
    k.st.page.mod[pp] = 1;
    return ap;
  });
}

/**
 * anon_private: copy `src` (a file page or a shared anon page) into a new anon's page, unload
 * this process's translation at vpn and release the source page. Returns the new anon, 0 when
 * no memory. The old anon, if any, is the caller's to drop (anon_decref).
 */
export function anon_private(k: K, pi: number, vpn: number, src: number): number {
  const st = k.st;
  const srcName = pageNamer(st, src);
  emit(
    k,
    "anon_private",
    SRC.vm_anon,
    () =>
      `Copy-on-write (anon_private): a new anon (anon_alloc) and a page under its name get a copy of ${srcName()} (ppcopy); then ${st.procs[pi]!.name}'s translation to the old page is unloaded and the old page released.`,
    { from: src },
  );
  k.busy.add(src);
  const ap = nest(k, () => {
    const ap = anon_alloc(k);
    const pp = page_create_va(k, P_ANON, ap, 0, src);
    if (!pp) {
      anon_decref(k, ap);
      return 0;
    }
    st.page.mod[pp] = 1;
    const p = st.procs[pi]!;
    if (hat_get(p, vpn)) {
      hat_unload(st, pi, vpn);
      emit(k, "hat_unload", hatSrc(k), () => `Unload ${p.name}'s translation to the old page ${srcName()}.`, {
        proc: p.name,
        frame: src,
      });
    }
    page_release(k, src);
    return ap;
  });
  k.busy.delete(src);
  return ap;
}

/**
 * page_release(opp, 1) in anon_private: a file page nobody maps now goes to the cachelist if it
 * is clean, and is only unlocked if it is modified; an anon page (page_release skips swap
 * vnodes) is only unlocked, for the anon's other holders.
 */
function page_release(k: K, src: number): void {
  const st = k.st;
  const pg = st.page;
  const file = pg.kind[src] === P_FILE;
  const mapped = pg.mapping[src] !== 0;
  const toCache = file && !mapped && !pg.mod[src];
  if (toCache) page_free_cached(st, src);
  emit(
    k,
    "page_release",
    SRC.vm_page,
    !file
      ? "Release the old page: it stays in memory, unchanged, for the anon's other holders."
      : mapped
        ? "Release the file page: it stays in the page cache, unchanged, and other processes still map it. The file itself is never written."
        : toCache
          ? "Release the file page: it stays in the page cache, unchanged; nobody maps it now and it is clean, so it goes to the cachelist under its name. The file itself is never written."
          : "Release the file page: nobody maps it now, but it is modified (a shared mapping wrote it), so page_release only unlocks it: it stays in memory, off the cachelist, until it is written back.",
    { frame: src },
  );
}

/** anon_getpage: the anon's page, from memory (the cachelist included) or paged in. 0: no memory. */
export function anon_getpage(k: K, ap: number): number {
  const st = k.st;
  const pp = st.anon.an_page[ap]!;
  const refcnt = st.anon.an_refcnt[ap]!;
  if (pp && st.page.cached[pp]) {
    page_reclaim(st, pp);
    const ppName = pageNamer(st, pp);
    const slot = st.anon.an_pslot[ap];
    emit(
      k,
      "anon_getpage",
      SRC.vm_anon,
      () =>
        `page_lookup finds anon:${ap}'s page ${ppName()} on the cachelist and takes it back: no I/O; swap slot ${slot} stays allocated (an_pvp is kept) and the page is clean.`,
      { anon: ap, frame: pp },
    );
    return pp;
  }
  if (pp) {
    const ppName = pageNamer(st, pp);
    emit(
      k,
      "anon_getpage",
      SRC.vm_anon,
      () => `anon:${ap} (an_refcnt ${refcnt}) has its page in memory: ${ppName()}.`,
      { anon: ap, frame: pp },
    );
    return pp;
  }
  emit(
    k,
    "anon_getpage",
    SRC.vm_anon,
    () => `No page has anon:${ap}'s name: ask swapfs for it (VOP_GETPAGE, swap_getpage).`,
    { anon: ap },
  );
  return nest(k, () => swap_getapage(k, ap));
}

/** swap_getapage: a page under the anon's name, read from its swap slot, which is then freed. */
function swap_getapage(k: K, ap: number): number {
  const st = k.st;
  const slot = st.anon.an_pslot[ap]!;
  emit(
    k,
    "swap_getapage",
    SRC.swap_vnops,
    slot
      ? `Make a page under anon:${ap}'s name and read it from swap slot ${slot}; the anon still points at that slot, so the slot is then freed (swap_phys_free) and an_pvp cleared. The page has no disk copy any more, so it is marked modified.`
      : `Make a page under anon:${ap}'s name; the anon has no swap slot, so the page is zero-filled.`,
    { anon: ap, ...(slot ? { swapSlot: slot } : {}) },
  );
  return nest(k, () => {
    const np = page_create_va(k, P_ANON, ap, 0);
    if (!np) return 0;
    if (slot) {
      swap_phys_free(st, slot);
      st.anon.an_pslot[ap] = 0;
    }
    st.page.mod[np] = 1;
    return np;
  });
}

/** VOP_GETPAGE on a file: the page from the page cache (the cachelist included), or read from disk. */
export function file_getpage(k: K, file: number, index: number, how: string): number {
  const st = k.st;
  const found = page_lookup_file(st, file, index);
  const at = `the page at offset 0x${(index * st.a.pageSize).toString(16)} of ${st.files[file]!.path}`;
  if (found) {
    const cached = st.page.cached[found] === 1;
    page_reclaim(st, found);
    emit(
      k,
      "ufs_getpage",
      SRC.ufs_vnops,
      `VOP_GETPAGE (${how}): ${at} is in the page cache${cached ? ", on the cachelist: page_lookup takes it back with no I/O" : ""}: ${pageName(st, found)}.`,
      { frame: found },
    );
    return found;
  }
  emit(
    k,
    "ufs_getpage",
    SRC.ufs_vnops,
    `VOP_GETPAGE (${how}): ${at} is not in the page cache: read it from disk into a new page (only this page: the simulator leaves out klustering, where a real file system may read neighbouring pages too).`,
  );
  return nest(k, () => page_create_va(k, P_FILE, file, index));
}
