import { SRC } from "./src";

/**
 * Every modelling rule the engine follows, with the illumos function it comes from and the
 * oracles that exercise it. The rules panel lists these; test/rules.test.ts fails when a rule has
 * no oracle, names a missing one, or (for rules shown as events) never shows its function.
 */

export interface Rule {
  id: string;
  /** the rule, in one plain sentence */
  text: string;
  fn: string;
  src: string;
  /** oracle files (test/oracles or test/oracles-extra) that check the rule */
  oracles: string[];
  /** false when the function works in a view (pmap, swap -s) and is not an event of a step */
  event?: false;
}

export const RULES: Rule[] = [
  {
    id: "reserve-anon-at-mmap",
    text: "mmap of /dev/zero or MAP_ANON reserves swap for the whole mapping at once, whatever its protection; no anon exists until a page is touched.",
    fn: "segvn_create",
    src: SRC.seg_vn,
    oracles: ["o01-untouched-private-zero.vms"],
  },
  {
    id: "reserve-private-writable-file",
    text: "A MAP_PRIVATE file mapping reserves swap only when it is writable; a MAP_SHARED file mapping never reserves.",
    fn: "segvn_create",
    src: SRC.seg_vn,
    oracles: ["o14-file-private-read.vms", "o15-file-private-write.vms", "o16-shared-file-write.vms"],
  },
  {
    id: "mmap-eagain",
    text: "An mmap whose swap cannot be reserved fails with EAGAIN and creates nothing; with MAP_NORESERVE it succeeds.",
    fn: "anon_resvmem",
    src: SRC.vm_anon,
    oracles: ["o22-mmap-out-of-swap.vms"],
  },
  {
    id: "noreserve-per-fault",
    text: "MAP_NORESERVE reserves one page at the first fault that allocates it (SIGBUS if it cannot).",
    fn: "anon_resvmem",
    src: SRC.vm_anon,
    oracles: ["o24-noreserve.vms"],
  },
  {
    id: "lazy-amp",
    text: "A private segment gets its anon_map at the first fault that needs one, not at mmap.",
    fn: "anonmap_alloc",
    src: SRC.vm_anon,
    oracles: ["o02-read-fault-zfod.vms"],
  },
  {
    id: "shared-amp-at-mmap",
    text: "MAP_SHARED anonymous memory gets its anon_map at mmap, and the reservation lives in it.",
    fn: "anonmap_alloc",
    src: SRC.vm_anon,
    oracles: ["o11-shared-zero-fork.vms"],
  },
  {
    id: "zfod-any-access",
    text: "A read or a write of an untouched anonymous page allocates a zero-filled anon page (seg_vn has no shared zero page); a read maps it writable when the segment is.",
    fn: "anon_zero",
    src: SRC.vm_anon,
    oracles: ["o02-read-fault-zfod.vms", "o03-write-all.vms"],
  },
  {
    id: "anon-hdr-two-level",
    text: "A slot array of more than one page of pointers is two-level; its chunks are allocated when a slot in them is first stored.",
    fn: "anon_set_ptr",
    src: SRC.vm_anon,
    oracles: ["o31-anon-hdr-two-level.vms"],
  },
  {
    id: "fork-anon-dup",
    text: "fork gives the child a new anon_map whose slots point at the parent's anons; each an_refcnt goes up by one; no page is copied.",
    fn: "anon_dup",
    src: SRC.vm_anon,
    oracles: ["o04-fork-shares-slots.vms", "o10-three-holders.vms"],
  },
  {
    id: "fork-clrattr",
    text: "fork makes every translation of the parent in a private segment read-only, so the next write faults.",
    fn: "hat_clrattr",
    src: SRC.hat_i86,
    oracles: ["o04-fork-shares-slots.vms"],
  },
  {
    id: "fork-no-child-translations",
    text: "The child starts with no translations at all (hat_dup copies none on x86).",
    fn: "hat_dup",
    src: SRC.hat_i86,
    oracles: ["o04-fork-shares-slots.vms"],
  },
  {
    id: "fork-reserves",
    text: "fork reserves for the child what each private segment had reserved; a shared segment reserves nothing again.",
    fn: "segvn_dup",
    src: SRC.seg_vn,
    oracles: ["o04-fork-shares-slots.vms", "o11-shared-zero-fork.vms"],
  },
  {
    id: "fork-enomem",
    text: "A fork whose reservation fails returns ENOMEM; what was copied is undone, but the parent's pages already write-protected stay so.",
    fn: "cfork",
    src: SRC.fork,
    oracles: ["o23-fork-enomem.vms"],
  },
  {
    id: "fork-shared-amp",
    text: "For MAP_SHARED anonymous memory the child shares the parent's anon_map itself (its refcnt goes up).",
    fn: "segvn_dup",
    src: SRC.seg_vn,
    oracles: ["o11-shared-zero-fork.vms", "o12-shared-anon-lifetime.vms"],
  },
  {
    id: "cow-copy",
    text: "A write to a private page whose anon has other holders copies it into a new anon (anon_private), then drops the old one (anon_decref).",
    fn: "anon_private",
    src: SRC.vm_anon,
    oracles: ["o05-child-write-cow.vms", "o07-parent-write-still-shared.vms"],
  },
  {
    id: "cow-last-holder",
    text: "The last holder of an anon (an_refcnt 1) writes it in place: no copy.",
    fn: "segvn_faultpage",
    src: SRC.seg_vn,
    oracles: ["o06-parent-write-after-copy.vms", "o08-write-after-exit.vms", "o10-three-holders.vms"],
  },
  {
    id: "cow-read-maps-readonly",
    text: "A read of a page shared copy-on-write maps it read-only and copies nothing.",
    fn: "anon_getpage",
    src: SRC.vm_anon,
    oracles: ["o09-child-read-then-write.vms"],
  },
  {
    id: "shared-anon-never-cow",
    text: "MAP_SHARED anonymous pages are never copied on write: every process maps the one page.",
    fn: "segvn_faultpage",
    src: SRC.seg_vn,
    oracles: ["o11-shared-zero-fork.vms"],
  },
  {
    id: "file-private-read",
    text: "A read of a private file mapping maps the file's own page read-only; no anon is made.",
    fn: "ufs_getpage",
    src: SRC.ufs_vnops,
    oracles: ["o14-file-private-read.vms"],
  },
  {
    id: "file-private-write-copies",
    text: "A write to a private file mapping copies the file page into a new anon; the file page stays cached and unchanged.",
    fn: "anon_private",
    src: SRC.vm_anon,
    oracles: ["o15-file-private-write.vms", "o17-file-private-fork.vms"],
  },
  {
    id: "pageout-anon",
    text: "Pageout gives an anon a swap device slot, writes the page there and unloads it from every process; the anon, its an_refcnt and swap -s do not change.",
    fn: "swap_putapage",
    src: SRC.swap_vnops,
    oracles: ["o18-pageout.vms", "o20-pageout-shared-cow.vms"],
  },
  {
    id: "pagein-frees-slot",
    text: "Page-in reads the page back, frees its swap slot and marks it modified; it is mapped writable only if an_refcnt is 1.",
    fn: "swap_getapage",
    src: SRC.swap_vnops,
    oracles: ["o19-pagein.vms", "o20-pageout-shared-cow.vms"],
  },
  {
    id: "exit-frees",
    text: "exit unmaps every segment: anons whose an_refcnt reaches 0 are freed with their pages and swap slots, and the reservation goes back.",
    fn: "anon_decref",
    src: SRC.vm_anon,
    oracles: ["o08-write-after-exit.vms", "o21-exit-while-on-disk.vms", "o12-shared-anon-lifetime.vms"],
  },
  {
    id: "munmap-end",
    text: "Unmapping the end of a segment frees those anons and their reservation, but the anon_map keeps its array.",
    fn: "segvn_unmap",
    src: SRC.seg_vn,
    oracles: ["o25-munmap-tail.vms", "o27-munmap-cow-shared.vms"],
  },
  {
    id: "munmap-middle-private",
    text: "Unmapping the middle of a private segment splits it; the high piece gets a new anon_map and the slot pointers move, refcounts unchanged.",
    fn: "anon_copy_ptr",
    src: SRC.vm_anon,
    oracles: ["o26-munmap-middle.vms"],
  },
  {
    id: "munmap-middle-shared",
    text: "Unmapping the middle of a shared anonymous segment splits it; both pieces keep the one anon_map (refcnt 2).",
    fn: "segvn_unmap",
    src: SRC.seg_vn,
    oracles: ["o13-shared-munmap-middle.vms"],
  },
  {
    id: "mprotect-anon-keeps-reservation",
    text: "mprotect never gives back the reservation of anonymous memory; a write without write permission is SIGSEGV.",
    fn: "segvn_setprot",
    src: SRC.seg_vn,
    oracles: ["o28-mprotect-then-write.vms"],
  },
  {
    id: "mprotect-file-gives-back",
    text: "Taking write away from a private file mapping never written gives its reservation back; giving it again reserves again.",
    fn: "segvn_setprot",
    src: SRC.seg_vn,
    oracles: ["o29-mprotect-file-reservation.vms"],
  },
  {
    id: "mprotect-partial",
    text: "A partial mprotect keeps one segment with per-page protections (vpage); pmap shows one line per run of equal protection.",
    fn: "segvn_setprot",
    src: SRC.seg_vn,
    oracles: ["o28b-partial-mprotect.vms"],
  },
  {
    id: "brk-merges",
    text: "brk reserves the new heap pages and merges them into the heap segment; no page is touched.",
    fn: "segvn_extend_prev",
    src: SRC.seg_vn,
    oracles: ["o30a-sbrk.vms"],
  },
  {
    id: "stack-grow-prefaults",
    text: "A touch below the stack grows it (merged into the stack segment) and pre-faults every new page.",
    fn: "grow",
    src: SRC.grow,
    oracles: ["o30b-stack-grow.vms"],
  },
  {
    id: "pmap-anon-writable",
    text: "pmap's Anon column counts resident anon pages this process maps writable right now, so it drops to - after fork.",
    fn: "segvn_incore",
    src: SRC.seg_vn,
    oracles: ["o04-fork-shares-slots.vms", "o05-child-write-cow.vms"],
    event: false,
  },
  {
    id: "pmap-rss-resident",
    text: "pmap's RSS counts every page of the mapping whose backing page is in memory, touched by this process or not.",
    fn: "segvn_incore",
    src: SRC.seg_vn,
    oracles: ["o11-shared-zero-fork.vms", "o15-file-private-write.vms"],
    event: false,
  },
  {
    id: "swap-s-figures",
    text: "swap -s: allocated counts anon structs, used counts reservations, reserved is the difference.",
    fn: "swapctl",
    src: SRC.vm_swap,
    oracles: ["o03-write-all.vms", "o04-fork-shares-slots.vms"],
    event: false,
  },
];

/** A link to the function's definition in the public illumos source browser. */
export function sourceLink(fn: string): string {
  return `https://src.illumos.org/source/search?project=illumos-gate&defs=${encodeURIComponent(fn)}`;
}
