import { SRC } from "../source";
import type { Rule } from "./rule";

/**
 * Faults on pages that already exist: copy-on-write, its last holder, shared anon, and private
 * file pages read and written (vm/seg_vn.c segvn_faultpage, vm/vm_anon.c anon_private).
 */
export const faultRules: Rule[] = [
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
];
