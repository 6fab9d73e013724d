import { hex, swapfsOff } from "./anon";
import { emit, nest, type K } from "./events";
import { hat_pageunload } from "./hat";
import {
  cachelistHead,
  page_destroy,
  page_free_cached,
  page_get_free,
  page_hashin,
  pageName,
  pageNamer,
} from "./page";
import { SRC } from "../contract/kernel/source";
import { swap_phys_alloc, swap_phys_free } from "./swap";
import { P_ANON } from "./types";

/**
 * Where frames come from (vm/vm_page.c: page_create_va; vm/vm_pagelist.c: page_get_freelist,
 * page_get_cachelist) and how the page daemon gets them back (os/vm_pageout.c: the two-handed
 * clock, checkpage; the file system's putpage; vm/vm_pvn.c: pvn_write_done). A page pushed out
 * is freed to the cachelist under its name (anon-layer.md b.10): a touch before its frame is
 * reused takes it back with no I/O (b.11 step 1).
 */

/**
 * page_create_va: a frame for a new identity, from the free list, else the oldest page of the
 * cachelist (which loses its name), else whatever the page daemon frees. 0: none to be had.
 */
export function page_create_va(
  k: K,
  kind: number,
  owner: number,
  index: number,
  /** a copy into the new page that follows at once (anon_private's ppcopy): its source page */
  copyFrom = 0,
): number {
  const st = k.st;
  let pfn = page_get_free(st);
  let from = "off the free list";
  if (pfn < 0) {
    emit(
      k,
      "page_create_va",
      SRC.vm_page,
      "No frame is on the free list: page_create_va takes one from the cachelist, and only when the cachelist is empty too does it wait for the page daemon to free one (the simulator runs the daemon right here).",
    );
    pfn = nest(k, () => {
      let f = page_get_cachelist(k);
      if (f < 0 && pageScanner(k)) f = page_get_cachelist(k);
      return f;
    });
    from = "that was just freed";
    if (pfn < 0) return 0;
  }
  const id = page_hashin(st, pfn, kind, owner, index);
  const name = pageNamer(st, id);
  const src = copyFrom ? pageNamer(st, copyFrom) : null;
  emit(
    k,
    "page_create_va",
    SRC.vm_page,
    () =>
      `${name()} is created in frame ${pfn}, ${from}${src ? `, and ${src()} is copied into it (ppcopy)` : ""}.`,
    // an anon page is created under its anon's name: the anon is what the event is about too
    { frame: id, ...(copyFrom ? { from: copyFrom } : {}), ...(kind === P_ANON ? { anon: owner } : {}) },
  );
  return id;
}

/**
 * page_get_cachelist: the page freed longest ago comes off the cachelist; its name goes
 * (page_hashout) and its frame is reused, with no I/O. -1: the cachelist is empty.
 */
function page_get_cachelist(k: K): number {
  const st = k.st;
  const id = cachelistHead(st);
  if (!id) return -1;
  const anon = st.page.kind[id] === P_ANON;
  const slot = anon ? st.anon.an_pslot[st.page.owner[id]!]! : 0;
  emit(
    k,
    "page_get_cachelist",
    SRC.vm_pagelist,
    `The cachelist page freed longest ago, ${pageName(st, id)}, which nobody maps, loses its name and its frame is reused, with no I/O${anon ? `: anon:${st.page.owner[id]}'s data is now only on swap slot ${slot}` : ": the file keeps the data"}.`,
    { frame: id },
  );
  page_destroy(k, id);
  return page_get_free(st);
}

/** With `pageout … reuse`: the frame of a page just freed to the cachelist is taken at once. */
export function reuseFrame(k: K, id: number): void {
  if (!k.st.page.cached[id]) return;
  const st = k.st;
  const anon = st.page.kind[id] === P_ANON;
  emit(
    k,
    "page_get_cachelist",
    SRC.vm_pagelist,
    `Memory is short (reuse): the frame of ${pageName(st, id)} is taken off the cachelist at once for another use, so the page loses its name${anon ? `; anon:${st.page.owner[id]}'s data is now only on swap slot ${st.anon.an_pslot[st.page.owner[id]!]}` : ""}.`,
    { frame: id },
  );
  page_destroy(k, id);
}

/**
 * The page daemon, run because no frame is free and the cachelist is empty: sweep frames with
 * the clock hand, give each recently referenced page a second chance, and push the first cold
 * one out to the cachelist. false: nothing could be pushed (every page busy or free, or dirty
 * anon pages with no swap slot to go to).
 */
function pageScanner(k: K): boolean {
  const st = k.st;
  const pg = st.page;
  emit(
    k,
    "pageout_scanner",
    SRC.pageout,
    "The cachelist is empty too: the page daemon's clock hand sweeps the frames for a page it can push out. (The simulator's clock has one hand and runs only now; the real pageout_scanner has two hands and runs whenever free memory is below lotsfree.)",
  );
  return nest(k, () => {
    // Every frame is in use here (none free, none never used), so the hand sweeps them all.
    for (let tries = 0; tries < 2 * pg.nextPfn; tries++) {
      const pfn = st.hand;
      st.hand = (st.hand + 1) % pg.nextPfn;
      const id = pg.byPfn[pfn]!;
      if (!id || k.busy.has(id) || pg.cached[id]) continue;
      if (pg.ref[id]) {
        pg.ref[id] = 0; // second chance
        continue;
      }
      if (checkpage(k, id, "the clock hand found it not referenced since its last pass")) return true;
    }
    emit(
      k,
      "pageout_scanner",
      SRC.pageout,
      "The page daemon could find no page to push out (every page is in use, or dirty anon pages have no swap slot to go to); the real kernel would wait here for memory.",
    );
    return false;
  });
}

/**
 * checkpage and what follows for one page (anon-layer.md b.10): a modified page is written out
 * (an anon page to a swap device slot, a file page back to its file) and freed by
 * pvn_write_done; a clean one is unloaded and freed at once, with no I/O. Either way it goes to
 * the cachelist under its name, unmapped in every process. false: it could not be written (no
 * swap slot) and stays as it was.
 */
export function checkpage(k: K, id: number, why: string): boolean {
  const st = k.st;
  const pg = st.page;
  if (!pg.mod[id]) {
    const who = unloadAll(k, id);
    page_free_cached(st, id);
    emit(
      k,
      "checkpage",
      SRC.pageout,
      `checkpage picks ${pageName(st, id)}: ${why}. It is clean (its data is already on ${pg.kind[id] === P_ANON ? `swap slot ${st.anon.an_pslot[pg.owner[id]!]}` : "the file"}), so nothing is written: ${who}it is freed to the cachelist under its name.`,
      { frame: id },
    );
    return true;
  }
  emit(
    k,
    "checkpage",
    SRC.pageout,
    `checkpage picks ${pageName(st, id)}: ${why}. It is modified, so it is queued to be written out (VOP_PUTPAGE with B_FREE).`,
    { frame: id },
  );
  return nest(k, () => {
    if (pg.kind[id] === P_ANON) {
      if (!swap_putapage(k, id)) return false;
    } else {
      pg.mod[id] = 0;
      emit(k, "ufs_putpage", SRC.ufs_vnops, `${pageName(st, id)} is written back to its file.`, {
        frame: id,
      });
    }
    const who = unloadAll(k, id);
    page_free_cached(st, id);
    emit(
      k,
      "pvn_write_done",
      SRC.vm_pvn,
      `The write is done (pvn_write_done, B_FREE): ${who}the page is freed to the cachelist, keeping its name, so a touch before its frame is reused takes it back with no I/O. pmap still counts it in RSS meanwhile.`,
      { frame: id },
    );
    return true;
  });
}

/** swap_putapage: a device slot for the anon (swap_newphysname), and the write. false: SE_NOSWAP. */
function swap_putapage(k: K, id: number): boolean {
  const st = k.st;
  const ap = st.page.owner[id]!;
  const old = st.anon.an_pslot[ap]!;
  // swap_newphysname: a new slot, the old one (if any) freed; the old one kept if none is free
  let slot = swap_phys_alloc(st);
  if (slot && old) swap_phys_free(st, old);
  if (!slot) slot = old;
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
  st.page.mod[id] = 0;
  const moved =
    old && old !== slot
      ? ` (its old slot ${old} is freed)`
      : old
        ? " (no other slot is free, so it keeps its old one)"
        : "";
  emit(
    k,
    "swap_putapage",
    SRC.swap_vnops,
    `swap_newphysname gives anon:${ap} (swapfs, ${hex(swapfsOff(k, ap))}) the swap device slot ${slot}${moved}, and the page is written there. The anon and its an_refcnt do not change, nor does swap -s.`,
    { anon: ap, swapSlot: slot, frame: id },
  );
  return true;
}

/** hat_pageunload, said: "its translations in P1, P2 are unloaded (hat_pageunload), " or "". */
function unloadAll(k: K, id: number): string {
  const st = k.st;
  const procs = hat_pageunload(st, id);
  return procs.length
    ? `its translations in ${[...new Set(procs)].map((i) => st.procs[i]!.name).join(", ")} are unloaded (hat_pageunload) and `
    : "";
}
