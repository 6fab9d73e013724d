import { SRC } from "../source";
import type { Rule } from "./rule";

/**
 * fork: what the child shares, what it reserves and what it does not get (os/fork.c,
 * vm/seg_vn.c segvn_dup, vm/vm_anon.c anon_dup, the hat's hat_dup and hat_clrattr).
 */
export const forkRules: Rule[] = [
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
];
