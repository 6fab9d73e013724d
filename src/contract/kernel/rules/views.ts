import { SRC } from "../source";
import type { Rule } from "./rule";

/**
 * What the views count, not steps: pmap -x columns (fs/proc) and swap -s with swapfs's minfree
 * and the device label (vm/vm_swap.c, fs/swapfs). Their functions are not events of a step.
 */
export const viewRules: Rule[] = [
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
