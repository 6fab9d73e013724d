import { SRC } from "../source";
import type { Rule } from "./rule";

/**
 * Paging: pushing anon pages to swap, clean pages, the cachelist, page creation order and
 * page-in (os/vm_pageout.c, fs/swapfs/swap_vnops.c, vm/vm_page.c, vm/vm_anon.c).
 */
export const pageoutRules: Rule[] = [
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
];
