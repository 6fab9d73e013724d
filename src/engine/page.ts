import type { K } from "./events";
import { grown } from "./state";
import { P_ANON, P_FILE, P_FREE, type VmState } from "./types";

/**
 * page_t identities (vm/vm_page.c). A physical frame (pfn) holds at most one identity at a
 * time, named (vnode, offset): a file page by its file and offset, an anon page by its anon's
 * swapfs name. A page freed with its name kept sits on the cachelist (page_free): still in the
 * page hash, so page_lookup takes it back with no I/O, until page_create_va reuses the frame.
 * Destroying the identity (B_INVAL) puts the frame on the free list. Allocation policy (free
 * list, cachelist, page daemon) lives in pageout.ts.
 */

const FILE_KEY = 2 ** 25;
const fileKey = (file: number, index: number): number => file * FILE_KEY + index;

/** Give frame `pfn` a new identity; returns the page id. */
export function page_hashin(st: VmState, pfn: number, kind: number, owner: number, index: number): number {
  const pg = st.page;
  const id = pg.next++;
  if (id >= pg.kind.length) {
    pg.kind = grown(pg.kind, id);
    pg.owner = grown(pg.owner, id);
    pg.index = grown(pg.index, id);
    pg.pfn = grown(pg.pfn, id);
    pg.mapping = grown(pg.mapping, id);
    pg.mod = grown(pg.mod, id);
    pg.ref = grown(pg.ref, id);
    pg.cached = grown(pg.cached, id);
    pg.cqAt = grown(pg.cqAt, id);
  }
  pg.kind[id] = kind;
  pg.owner[id] = owner;
  pg.index[id] = index;
  pg.pfn[id] = pfn;
  pg.mapping[id] = 0;
  pg.mod[id] = 0;
  pg.ref[id] = 1;
  pg.cached[id] = 0;
  pg.byPfn[pfn] = id;
  pg.live++;
  if (kind === P_ANON) st.anon.an_page[owner] = id;
  else pg.fileHash.set(fileKey(owner, index), id);
  return id;
}

/** Take a free frame off the free list, or -1. */
export function page_get_free(st: VmState): number {
  const pg = st.page;
  if (pg.nFree > 0) return pg.freePfns[--pg.nFree]!;
  if (pg.nextPfn >= st.ramPages) return -1;
  const pfn = pg.nextPfn++;
  pg.byPfn = grown(pg.byPfn, pfn);
  return pfn;
}

/**
 * Remove a page's identity and put its frame on the free list. The caller has unloaded its
 * translations (hat_pageunload) first.
 */
export function page_destroy(k: K, id: number): void {
  const st = k.st;
  const pg = st.page;
  if (pg.kind[id] === P_ANON) {
    const ap = pg.owner[id]!;
    if (st.anon.an_page[ap] === id) st.anon.an_page[ap] = 0;
  } else if (pg.kind[id] === P_FILE) {
    pg.fileHash.delete(fileKey(pg.owner[id]!, pg.index[id]!));
  }
  pg.kind[id] = P_FREE;
  if (pg.cached[id]) {
    pg.cached[id] = 0;
    pg.nCached--;
  }
  const pfn = pg.pfn[id]!;
  pg.byPfn[pfn] = 0;
  pg.freePfns = grown(pg.freePfns, pg.nFree);
  pg.freePfns[pg.nFree++] = pfn;
  pg.live--;
  k.busy.delete(id);
}

/**
 * page_free with the name kept: the page goes to the tail of the cachelist. The caller has
 * unloaded every translation and the page is clean (its contents are on the file or the swap
 * device), so its frame may be reused at any time.
 */
export function page_free_cached(st: VmState, id: number): void {
  const pg = st.page;
  if (pg.cached[id]) return;
  pg.cached[id] = 1;
  pg.nCached++;
  if (pg.cqTail >= pg.cacheq.length) {
    // Full: keep only the entries still valid, in order (in place when they fill under half).
    const q = pg.nCached * 2 < pg.cacheq.length ? pg.cacheq : new Int32Array(pg.cacheq.length * 2);
    let n = 0;
    for (let i = pg.cqHead; i < pg.cqTail; i++) {
      const pid = pg.cacheq[i]!;
      if (pid !== id && pg.cached[pid] && pg.cqAt[pid] === i) {
        q[n] = pid;
        pg.cqAt[pid] = n++;
      }
    }
    pg.cacheq = q;
    pg.cqHead = 0;
    pg.cqTail = n;
  }
  pg.cqAt[id] = pg.cqTail;
  pg.cacheq[pg.cqTail++] = id;
}

/** page_lookup found the page on the cachelist: take it off (page_reclaim), name and all. */
export function page_reclaim(st: VmState, id: number): void {
  const pg = st.page;
  if (!pg.cached[id]) return;
  pg.cached[id] = 0;
  pg.nCached--;
}

/** The page at the head of the cachelist (freed longest ago), or 0 when it is empty. */
export function cachelistHead(st: VmState): number {
  const pg = st.page;
  while (pg.cqHead < pg.cqTail) {
    const id = pg.cacheq[pg.cqHead]!;
    if (pg.cached[id] && pg.cqAt[id] === pg.cqHead) return id;
    pg.cqHead++;
  }
  return 0;
}

/** page_lookup for a file page: its id, or 0 when not in the page cache. */
export function page_lookup_file(st: VmState, file: number, index: number): number {
  return st.page.fileHash.get(fileKey(file, index)) ?? 0;
}

/**
 * pageName later: the page's identity is read now, the text made only when asked (an event's
 * sentence is written only if the event is kept, by which time the page may be another's).
 */
export function pageNamer(st: VmState, id: number): () => string {
  const pg = st.page;
  const anon = pg.kind[id] === P_ANON;
  const owner = pg.owner[id]!;
  const off = (anon ? owner : pg.index[id]!) * st.a.pageSize;
  const vnode = anon ? "swapfs" : (st.files[owner]?.path ?? "?");
  return () => `pp:${id} (${vnode}, 0x${off.toString(16)})`;
}

/** "pp:12"-style label of a page, with its name. */
export function pageName(st: VmState, id: number): string {
  const pg = st.page;
  if (pg.kind[id] === P_ANON) return `pp:${id} (swapfs, 0x${(pg.owner[id]! * st.a.pageSize).toString(16)})`;
  const f = st.files[pg.owner[id]!];
  return `pp:${id} (${f?.path ?? "?"}, 0x${(pg.index[id]! * st.a.pageSize).toString(16)})`;
}
