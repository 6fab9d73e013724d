import { SRC } from "../source";
import type { Rule } from "./rule";

/**
 * Giving memory back or taking rights away: exit, munmap whole, at an end and in the middle,
 * mprotect, and what a refused access leaves behind (vm/seg_vn.c segvn_unmap, segvn_setprot).
 */
export const unmapRules: Rule[] = [
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
];
