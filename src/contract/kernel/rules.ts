import { SRC } from "./source";

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
    text: "mmap of /dev/zero or MAP_ANON reserves swap for the whole mapping at once, whatever its protection (unless MAP_NORESERVE); no anon exists until a page is touched.",
    fn: "segvn_create",
    src: SRC.seg_vn,
    oracles: ["o01-untouched-private-zero.vms"],
  },
  {
    id: "reserve-private-writable-file",
    text: "A MAP_PRIVATE file mapping reserves swap at mmap only when it is writable (a read-only one reserves later if mprotect makes it writable: segvn_setprot); a MAP_SHARED file mapping never reserves.",
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
    text: "A slot array of more than one page of pointers is two-level; a chunk is allocated the first time a slot in it is locked or stored. Every fault on a segment with an anon_map locks its page's slot first (segvn_faultpage → anon_array_enter → anon_get_slot), so the first fault in a chunk allocates it, even a read of a private file page that stores nothing.",
    fn: "anon_array_enter",
    src: SRC.vm_anon,
    oracles: ["o31-anon-hdr-two-level.vms", "o81-anon-hdr-chunk-paths.vms"],
  },
  {
    id: "anon-hdr-chunks-mprotect-split",
    text: "A partial mprotect of a private segment locks the slot of every page in its range (segvn_setprot), and a middle munmap's anon_copy_ptr allocates a destination chunk for every source chunk that exists: both can allocate chunks that hold no anon.",
    fn: "anon_copy_ptr",
    src: SRC.vm_anon,
    oracles: ["o81-anon-hdr-chunk-paths.vms"],
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
    text: "A write to a private page whose anon has other holders copies it into a new anon (anon_private), drops the old anon (anon_decref), and only then stores the new one in the slot (anon_set_ptr).",
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
    text: "A read of a page shared copy-on-write maps it read-only and copies nothing; a later write copies it only if the anon still has other holders by then.",
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
    text: "Pageout of a modified anon page gives the anon a swap device slot (swap_newphysname), writes the page there, unloads it from every process and frees it to the cachelist under its swapfs name; the anon, its an_refcnt and swap -s do not change.",
    fn: "swap_putapage",
    src: SRC.swap_vnops,
    oracles: ["o18-pageout.vms", "o20-pageout-shared-cow.vms", "o76-pageout-cachelist-reclaim.vms"],
  },
  {
    id: "pageout-clean",
    text: "A clean page at pageout (an unmodified file page, or an anon page taken back from the cachelist with its swap slot) is not written: checkpage unloads it from every process (hat_pageunload) and frees it to the cachelist at once.",
    fn: "checkpage",
    src: SRC.pageout,
    oracles: ["o64-pageout-file-cachelist.vms"],
  },
  {
    id: "cachelist-reclaim",
    text: "A touch before a paged-out page's frame is reused takes it back from the cachelist with no I/O (page_lookup): the anon keeps its swap slot and the page is clean. Meanwhile pmap's RSS still counts it.",
    fn: "anon_getpage",
    src: SRC.vm_anon,
    oracles: ["o76-pageout-cachelist-reclaim.vms"],
  },
  {
    id: "page-create-order",
    text: "A new page takes a frame from the free list, else a page from the cachelist (which loses its name, with no I/O); page_create_va waits for the page daemon only when both are empty. The real page daemon also scans on its own whenever free memory falls below lotsfree; the simulator runs it only at that wait, or when a scenario says pageout.",
    fn: "page_create_va",
    src: SRC.vm_page,
    oracles: ["o77-page-create-order.vms", "o66-cachelist-before-pageout.vms"],
  },
  {
    id: "pagein-frees-slot",
    text: "Once the frame has been reused, page-in reads the page back from its swap slot and frees the slot (a read as well as a write); the page, with no disk copy left, is marked modified. It is mapped writable only if an_refcnt is 1.",
    fn: "swap_getapage",
    src: SRC.swap_vnops,
    oracles: ["o19-pagein.vms", "o20-pageout-shared-cow.vms", "o76-pageout-cachelist-reclaim.vms"],
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
    text: "Unmapping the end of a private segment runs anon_free over those slots, which drops one holder from each anon (an anon other processes still hold survives) and gives the pages' reservation back; for a shared anon_map still used by other segments nothing is freed or unreserved. The anon_map keeps its array.",
    fn: "segvn_unmap",
    src: SRC.seg_vn,
    oracles: ["o25-munmap-tail.vms", "o27-munmap-cow-shared.vms", "o61-shared-fork-munmap-part.vms"],
  },
  {
    id: "munmap-file-pages",
    text: "File pages nobody maps after munmap are released (free_vp_pages → page_release): a clean one goes to the cachelist under its name; a modified one is only unlocked, off the cachelist until it is written back.",
    fn: "free_vp_pages",
    src: SRC.vm_page,
    oracles: ["o83-modified-file-page-not-cached.vms", "o64-pageout-file-cachelist.vms"],
    event: false,
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
    id: "refused-access-leftovers",
    text: "Under per-page protections (after a partial mprotect) the page's own protection is checked only in segvn_faultpage, so a refused access still leaves what segvn_fault did first: the anon_map it made and the file page it read into the page cache.",
    fn: "segvn_faultpage",
    src: SRC.seg_vn,
    oracles: ["o82-refused-access-leftovers.vms"],
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
    text: "A touch below the stack faults (FC_NOMAP) and trap calls grow: the new pages are merged into the stack segment and every one is pre-faulted.",
    fn: "grow",
    src: SRC.grow,
    oracles: ["o30b-stack-grow.vms"],
  },
  {
    id: "stack-limit",
    text: "The stack may grow to DFLSSIZ: 10 MiB on x86 (8 MiB plus USRSTACK & 0x3FFFFF), 8 MiB on sparc; past it grow_internal fails with ENOMEM and the touch is SIGSEGV.",
    fn: "grow_internal",
    src: SRC.grow,
    oracles: ["o84-stack-limit-x86.vms", "o85-stack-limit-sparc.vms"],
  },
  {
    id: "brk-stack-holes",
    text: "A touch in a hole of the brk or stack area: on sparc pagefault maps a new zero-fill segment over the hole and the access succeeds; on x86 only 32-bit processes get that, so for a 64-bit one a brk-area hole is SIGSEGV, and a stack-area hole makes grow report success with nothing mapped: the real process would fault there forever (the simulator stops it with SIGSEGV).",
    fn: "pagefault",
    src: SRC.vm_dep_sun4,
    oracles: ["o87-brk-stack-holes-sparc.vms", "o86-brk-stack-holes-x86.vms"],
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
    id: "pmap-file-eof",
    text: "pmap -x shows a file mapping only up to the end of its file (pr_getsegsize); a mapping wholly past the end prints no row at all.",
    fn: "pr_getsegsize",
    src: SRC.prsubr,
    oracles: ["o44-past-eof.vms"],
    event: false,
  },
  {
    id: "pmap-noreserve-rows",
    text: "pmap -x shows a MAP_NORESERVE anonymous segment only where a page backs it (pr_getprot with check_noreserve): one row per run of such pages, nothing for untouched ones or ones whose data is on the swap device only.",
    fn: "pr_getprot",
    src: SRC.prsubr,
    oracles: ["o24-noreserve.vms", "o80-pmap-noreserve-runs.vms"],
    event: false,
  },
  {
    id: "swapfs-minfree",
    text: "Memory backs swap reservations only above swapfs_minfree, min(512 MiB, physmem/8), which swapadd raises to swapfs_desfree (3.5 MiB) when it adds a device; an unprivileged process must also leave swapfs_reserve (the larger of 4 MiB and physmem/128, at most 128 MiB).",
    fn: "swapfs_recalc",
    src: SRC.swap_subr,
    oracles: ["o78-swapfs-minfree-raised.vms", "o79-swap-one-page-no-device.vms", "o22-mmap-out-of-swap.vms"],
    event: false,
  },
  {
    id: "swap-device-label",
    text: "swapadd skips the first page of a swap device (its label), so a device of one page is refused: no device at all, as with none.",
    fn: "swapadd",
    src: SRC.vm_swap,
    oracles: ["o79-swap-one-page-no-device.vms", "o45-no-swap-device.vms"],
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

export { sourceLink } from "./source";
