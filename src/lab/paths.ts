import type { Op } from "../contract/ast";

/**
 * What each statement does on a real illumos machine, in the words the generated C program's
 * comments use: who runs it, and the kernel path it takes (anon-layer.md, section b). Only
 * facts the simulator also follows; where a real run differs, the sentence says so.
 */

export interface StepWords {
  /** who runs the statement and how */
  readonly runs: string;
  /** the kernel path on illumos */
  readonly path: string;
}

const zeroFill = "segvn_create with no vnode and no anon_map yet (the anon_map comes at the first fault)";

function mmapPath(op: Extract<Op, { op: "mmap" }>, pages: string): string {
  const reserve = `it reserves swap for all ${pages} now (anon_resvmem)`;
  const noreserve =
    "MAP_NORESERVE: nothing is reserved now; segvn_faultpage reserves one page at each first touch (SIGBUS BUS_OBJERR when it cannot)";
  if (op.source === "/dev/zero" || op.source === "anon") {
    const entry =
      op.source === "anon"
        ? "MAP_ANON: smmap_common → zmap → as_map →"
        : "mmap of /dev/zero: smmap_common → VOP_MAP → mmsegmap → as_map →";
    if (op.shared)
      return `${entry} segvn_create, which makes the anon_map at once (anonmap_alloc) and keeps the reservation of all ${pages} in it; fork will share that anon_map${op.noreserve ? " (MAP_SHARED drops MAP_NORESERVE)" : ""}.`;
    return `${entry} ${zeroFill}; ${op.noreserve ? noreserve : reserve}.`;
  }
  const entry = `mmap of a file: smmap_common → the file system's VOP_MAP → as_map → segvn_create with the file's vnode`;
  if (op.shared)
    return `${entry}. MAP_SHARED: no swap is reserved and there is never an anon_map: writes change the file's own pages.`;
  if (!op.prot.w)
    return `${entry}. MAP_PRIVATE without PROT_WRITE: no copy can be made, so no swap is reserved.`;
  return `${entry}. MAP_PRIVATE with PROT_WRITE: a write makes a private copy, so ${op.noreserve ? noreserve : reserve}.`;
}

export function stepWords(op: Op): StepWords {
  const n = (pages: number): string => `${pages} ${pages === 1 ? "page" : "pages"}`;
  switch (op.op) {
    case "spawn":
      return {
        runs: `The coordinator forks and then execs this program, which starts as ${op.proc}: a fresh process, not a copy of a scenario process.${op.empty ? ` The scenario calls ${op.proc} empty; a real process always has its program's text, data, heap and stack, so here they exist but are not among ${op.proc}'s segments.` : ` Its text and data are this program's, its heap is grown by 4 pages and its stack is the real one.`}`,
        path: "cfork copies the coordinator's address space (as_dup), then exec_common replaces it with the new image: text and data mapped from the program file, a zero-fill heap and stack (segvn_create).",
      };
    case "mmap":
      return {
        runs: `${op.proc} calls mmap for ${op.seg} (${n(op.pages)}), placed with a free page on each side so that the kernel keeps it a segment of its own, as the simulator does.`,
        path: mmapPath(op, n(op.pages)),
      };
    case "munmap":
      return {
        runs: `${op.proc} calls munmap on ${op.range ? `pages ${op.range.from}..${op.range.to} of ` : ""}${op.seg}, one call per piece of it.`,
        path: "munmap → as_unmap → segvn_unmap: the translations are unloaded, the slots' anons are released (anon_free → anon_decref) and the reservation is given back; a hole in the middle splits the segment in two.",
      };
    case "mprotect":
      return {
        runs: `${op.proc} calls mprotect on ${op.range ? `pages ${op.range.from}..${op.range.to} of ` : ""}${op.seg}${op.range ? " (one call for the range)" : " (one call per piece)"}.`,
        path: "mprotect → as_setprot → segvn_setprot: taking write away changes the translations in place (hat_chgattr); giving it back unloads them, so the next write faults and copy-on-write is decided again. A range that crosses a hole fails with ENOMEM.",
      };
    case "read":
    case "write":
      return {
        runs: `${op.proc} ${op.op === "read" ? "reads" : "writes"} one byte of each of pages ${op.range.from}..${op.range.to} of ${op.seg}, in order${op.op === "write" ? " (it stores back the byte it read)" : ""}; a SIGSEGV or SIGBUS is caught and ends the statement, as in the simulator.`,
        path: `Each page: trap → pagefault → as_fault → segvn_fault → segvn_faultpage, unless a translation already allows the access. A first touch of anonymous memory gets a zero-filled page (anon_zero)${op.op === "read" ? ", a read too: illumos has no shared zero page" : ""}; a write to a page still shared after fork is copied (anon_private); a file page comes from the file system (VOP_GETPAGE).`,
      };
    case "fork":
      return {
        runs: `${op.proc} calls fork(); the child connects to the coordinator as ${op.child}.`,
        path: "fork → cfork → as_dup → segvn_dup for each segment: a private segment reserves its swap again for the child (ENOMEM when it cannot), anon_dup points the child's new anon_map at the same anons (an_refcnt + 1), and hat_clrattr makes the parent's writable translations read-only; a shared anon segment shares one anon_map.",
      };
    case "exit":
      return {
        runs: `${op.proc} calls _exit(); the coordinator waits until the process is a zombie, when its memory is freed.`,
        path: "exit → proc_exit → relvm → as_free: segvn_free for every segment (anon_free drops each anon's an_refcnt, a shared anon_map only when its last user leaves) and the reservations are given back.",
      };
    case "sbrk":
      return {
        runs: `${op.proc} calls sbrk for ${n(op.pages)} more heap.`,
        path: "brk → brk_internal → as_map → segvn_create for the new pages, which segvn_extend_prev merges into the heap: swap is reserved, no page is touched.",
      };
    case "stack":
      return {
        runs: `${op.proc} writes the address ${n(op.pages)} below the bottom of its stack, as a deep call would.`,
        path: "trap → pagefault → as_fault finds no segment there (FC_NOMAP); back in trap, grow → grow_internal → as_map extends the stack segment (segvn_extend_next), and grow pre-faults every new page.",
      };
    case "pageout":
      return { runs: "Not run: a user program cannot do it.", path: pageoutWhy(op) };
  }
}

/** Why a pageout statement is printed as skipped. */
export function pageoutWhy(op: Extract<Op, { op: "pageout" }>): string {
  const reuse = "reuse" in op && (op as { reuse?: boolean }).reuse === true;
  return `a user program cannot make the page daemon push chosen pages out${reuse ? " and reuse their frames" : ""}, as a pageout does: the page daemon picks pages itself when memory is short (checkpage, then VOP_PUTPAGE -> swap_putpage). Here the pages stay mapped and resident: no translation is unloaded and no swap slot is written.`;
}
