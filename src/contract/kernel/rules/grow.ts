import { SRC } from "../source";
import type { Rule } from "./rule";

/**
 * The heap and the stack growing (os/grow.c): brk merging into the heap, stack growth that
 * pre-faults, the stack limit and the holes pagefault refills.
 */
export const growRules: Rule[] = [
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
];
