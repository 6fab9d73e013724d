import { hex, swapfsOff } from "./anon";
import { emit, type K } from "./events";
import { hat_pageunload } from "./hat";
import { page_destroy, page_get_free, page_hashin, pageName } from "./page";
import { SRC } from "./src";
import { swap_phys_alloc } from "./swap";
import { P_ANON, P_FILE } from "./types";

/**
 * Where frames come from (vm/vm_page.c: page_create_va) and how the page daemon gets them
 * back (os/vm_pageout.c: the two-handed clock, checkpage; swapfs putpage). The simulator
 * treats a page that is written out as reused at once, so its name goes with it
 * (anon-layer.md e.7: "write and immediately reuse").
 */

/** page_create_va: a frame for a new identity, from the free list or else the page daemon. 0: none. */
export function page_create_va(k: K, kind: number, owner: number, index: number): number {
  let pfn = page_get_free(k.st);
  if (pfn < 0) pfn = page_get_cachelist(k);
  if (pfn < 0) pfn = pageScanner(k);
  if (pfn < 0) return 0;
  return page_hashin(k.st, pfn, kind, owner, index);
}

/**
 * page_get_cachelist: a clean file page that nobody maps is on the cachelist, which is free
 * memory (vm_page.c: page_free keeps its name so page_lookup can still reclaim it). When the
 * free list is empty, page_create_va takes the oldest such page and drops its name before the
 * page daemon is ever asked to push anything out. -1: the cachelist is empty.
 */
function page_get_cachelist(k: K): number {
  const st = k.st;
  const pg = st.page;
  let oldest = 0;
  for (let pfn = 0; pfn < pg.nextPfn; pfn++) {
    const id = pg.byPfn[pfn]!;
    if (!id || k.busy.has(id)) continue;
    if (pg.kind[id] === P_FILE && pg.mapping[id] === 0 && !pg.mod[id] && (!oldest || id < oldest))
      oldest = id;
  }
  if (!oldest) return -1;
  emit(
    k,
    "page_get_cachelist",
    SRC.vm_pagelist,
    `The free list is empty, so the page comes off the cachelist: ${pageName(st, oldest)}, which nobody maps, loses its name and its frame is reused, with no I/O and no pageout.`,
    { frame: oldest },
  );
  page_destroy(k, oldest);
  return page_get_free(st);
}

/**
 * The page daemon, run because no frame is free and the cachelist is empty: sweep frames with the clock hand, give each
 * recently referenced page a second chance, and push the first cold one out. Returns the frame
 * it freed, or -1 when nothing can be freed (every page busy, or anon pages with no swap slot).
 */
function pageScanner(k: K): number {
  const st = k.st;
  const pg = st.page;
  emit(
    k,
    "page_create_va",
    SRC.vm_page,
    "No frame is free: the page daemon (pageout_scanner) must free one before this page can be made.",
  );
  // Every frame is in use here (none free, none never used), so the hand sweeps them all.
  for (let tries = 0; tries < 2 * pg.nextPfn; tries++) {
    const pfn = st.hand;
    st.hand = (st.hand + 1) % pg.nextPfn;
    const id = pg.byPfn[pfn]!;
    if (!id || k.busy.has(id)) continue;
    if (pg.ref[id]) {
      pg.ref[id] = 0; // second chance
      continue;
    }
    if (pushPage(k, id, "the page daemon's clock hand found it not recently used")) return page_get_free(st);
  }
  emit(
    k,
    "page_create_va",
    SRC.vm_page,
    "The page daemon could find no page to free (swap is full or every page is in use); the real kernel would wait here for memory.",
  );
  return -1;
}

/**
 * Push one page out and free its frame: an anon page gets a swap slot and is written there;
 * a file page is written back if modified, else just dropped. Every translation to it, in every
 * process, is unloaded. false: it could not be pushed (no swap slot).
 */
export function pushPage(k: K, id: number, why: string): boolean {
  const st = k.st;
  const pg = st.page;
  emit(k, "checkpage", SRC.pageout, `checkpage picks ${pageName(st, id)}: ${why}.`, { frame: id });
  if (pg.kind[id] === P_ANON) {
    const ap = pg.owner[id]!;
    let slot = st.anon.an_pslot[ap]!;
    if (!slot) {
      slot = swap_phys_alloc(st);
      if (!slot) {
        emit(
          k,
          "swap_newphysname",
          SRC.vm_swap,
          `No swap device slot is free for anon:${ap}: the page stays dirty in memory (SE_NOSWAP).`,
          { anon: ap },
        );
        return false;
      }
      st.anon.an_pslot[ap] = slot;
    }
    emit(
      k,
      "swap_putapage",
      SRC.swap_vnops,
      `swap_newphysname gives anon:${ap} (swapfs, ${hex(swapfsOff(k, ap))}) the physical swap slot ${slot}, and the page is written there. The anon and its an_refcnt do not change, nor does swap -s.`,
      { anon: ap, swapSlot: slot, frame: id },
    );
  } else if (pg.mod[id]) {
    emit(
      k,
      "ufs_putpage",
      SRC.ufs_vnops,
      `${pageName(st, id)} was modified through a shared mapping: it is written back to the file first.`,
      { frame: id },
    );
  }
  const procs = hat_pageunload(st, id);
  const who = procs.length
    ? `its translations in ${[...new Set(procs)].map((i) => st.procs[i]!.name).join(", ")} are unloaded (hat_pageunload), `
    : "";
  page_destroy(k, id);
  emit(
    k,
    "pvn_write_done",
    SRC.vm_pvn,
    `${who}the page is freed and its frame reused at once, so its name is lost.`,
    { frame: id },
  );
  return true;
}
