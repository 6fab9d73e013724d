import type { ArchInfo } from "./arch";

/**
 * The standard image every spawned process gets (os/exec.c; documented in README and
 * docs/engine.md). Its layout lives apart from exec because brk needs to know where the heap of
 * this image starts even for a process that was spawned empty.
 *   text   4 pages r-x  MAP_PRIVATE from /usr/bin/demo offset 0
 *   data   2 pages rw-  MAP_PRIVATE from /usr/bin/demo offset 4 (reserves 2 pages)
 *   heap   4 pages rw-  brk area right after data, untouched
 *   stack  2 pages rw-  just below p_usrstack; exec writes the arguments into its top page
 */

export const PROGRAM = "/usr/bin/demo";
export const PROGRAM_PAGES = 6;
export const HEAP_PAGES = 4;
export const STACK_PAGES = 2;
/** Gap between the end of text and the start of data, in pages (64 KiB on x86). */
const DATA_GAP = 16;

/** Where the image's data segment starts: after the 4 text pages and the gap. */
export const imageDataVpn = (a: ArchInfo): number => a.textVpn + 4 + DATA_GAP;

/** Where the image's heap (p_brkbase) starts: right after the 2 data pages. */
export const imageBrkbase = (a: ArchInfo): number => imageDataVpn(a) + 2;
