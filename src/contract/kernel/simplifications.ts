/**
 * What the simulator leaves out or does differently from illumos (anon-layer.md part (e), and
 * the simulator's own choices). The rules dialog lists them all; `said` names the event whose
 * narration also says it where it shows (test/rules.test.ts checks that event says so).
 */

export interface Simplification {
  id: string;
  /** what is simplified, and how the real kernel does it, in plain sentences */
  text: string;
  /** the event (fn) whose sentence says it when it shows, or null: the rules dialog only */
  said: { fn: string; words: string } | null;
}

export const SIMPLIFICATIONS: Simplification[] = [
  {
    id: "no-klustering",
    text: "A file fault reads only the faulting page. A real file system may read neighbouring pages too (klustering, up to 8), and segvn maps the spare ones read-only.",
    said: { fn: "ufs_getpage", words: "klustering" },
  },
  {
    id: "placement",
    text: "mmap places each mapping top-down, 64 KiB aligned, with a gap so that mappings never touch or merge. The real map_addr chooses differently and ASLR may randomize it; compatible neighbours would merge (segvn_create's concatenation).",
    said: { fn: "smmap_common", words: "simulator's placement" },
  },
  {
    id: "pageout-chosen",
    text: "The scenario names the pages the page daemon pushes out (pageout). The real scanner chooses them itself with its two-handed clock and the lotsfree / desfree thresholds; under memory pressure the simulator runs a one-handed clock with a second chance for referenced pages.",
    said: { fn: "pageout", words: "the scenario names" },
  },
  {
    id: "memory-wait",
    text: "When no page can be freed at all, the simulator stops the access with ENOMEM; the real kernel would wait for memory (page_create_va with PG_WAIT).",
    said: { fn: "trap", words: "would wait for memory" },
  },
  {
    id: "no-reclaim-mem",
    text: "A reservation that does not fit fails at once. The real anon_resvmem first tries page_reclaim_mem, which may reap kernel caches and wait a few seconds for availrmem to rise.",
    said: { fn: "anon_resvmem", words: "page_reclaim_mem" },
  },
  {
    id: "no-fsflush",
    text: "A modified file page is written back only when the page daemon pushes it out. fsflush, which writes modified pages back on its own every few seconds, is not modelled.",
    said: { fn: "segvn_unmap", words: "fsflush" },
  },
  {
    id: "no-steal",
    text: "A copy-on-write from a file page always copies. When memory is very short (freemem < minfree) illumos may instead rename the file page into the new anon (STEAL_PAGE in anon_private).",
    said: null,
  },
  {
    id: "sparc-large-pages",
    text: "Pages are always base pages. On sparc with 1 GiB of RAM or more, illumos may give heaps and stacks 4 MiB pages (szc > 0); those paths are not modelled.",
    said: { fn: "exec_common", words: "large pages" },
  },
  {
    id: "pmap-read-only",
    text: "pmap here only looks: the real incore scan locks each slot and so allocates missing anon_hdr chunks of the target.",
    said: null,
  },
  {
    id: "no-kernel-memory",
    text: "The machine's RAM holds only the scenario's pages: the kernel's own memory (its text, kmem caches, page tables, the page_t array) takes no frame, and availrmem starts at all of physmem. A real kernel sets availrmem from freemem once its own boot allocations are made, so memory can back a little less swap reservation.",
    said: null,
  },
  {
    id: "swapfs-names",
    text: "An anon's swapfs name is shown as (swapfs, 0xN000), N being its anon number: one vnode, offsets in creation order. illumos makes the name from the anon struct's kernel address (swap_alloc in anon_alloc): some of its bits pick one of 2,048 swapfs vnodes (swapfs_getvp), the higher bits give the offset. Either way the name is unique, fixed for the anon's life, and costs no disk space.",
    said: { fn: "anon_alloc", words: "the simulator numbers" },
  },
  {
    id: "no-guard",
    text: "There is no stack guard segment below the stack, and no RLIMIT_DATA check at brk.",
    said: null,
  },
  {
    id: "not-modelled",
    text: "Not modelled at all: zones and zone.max-swap, SysV shared memory, ISM/DISM (pmap -a), text replication and shared HAT regions, mlock, 32-bit processes, vfork.",
    said: null,
  },
  {
    id: "snapshot",
    text: "The engine follows one reading of illumos-gate (2021); later changes to these files were not compared.",
    said: null,
  },
];
