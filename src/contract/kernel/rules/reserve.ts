import { SRC } from "../source";
import type { Rule } from "./rule";

/**
 * mmap and the first touch: what is reserved when, when an anon_map appears, the zero-filled
 * page a first access gets and the chunks of the slot array it locks (vm/seg_vn.c, vm/vm_anon.c).
 * Apart from the other rules so that each group reads in one sitting.
 */
export const reserveRules: Rule[] = [
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
];
