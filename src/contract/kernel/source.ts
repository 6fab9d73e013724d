/**
 * Paths inside illumos-gate of the files whose functions the events name, so a student can
 * open the same function beside the simulator (`fn` + `src` in every event).
 */
export const SRC = {
  seg_vn: "usr/src/uts/common/vm/seg_vn.c",
  vm_anon: "usr/src/uts/common/vm/vm_anon.c",
  vm_as: "usr/src/uts/common/vm/vm_as.c",
  vm_page: "usr/src/uts/common/vm/vm_page.c",
  vm_pagelist: "usr/src/uts/common/vm/vm_pagelist.c",
  vm_pvn: "usr/src/uts/common/vm/vm_pvn.c",
  vm_swap: "usr/src/uts/common/vm/vm_swap.c",
  swap_vnops: "usr/src/uts/common/fs/swapfs/swap_vnops.c",
  swap_subr: "usr/src/uts/common/fs/swapfs/swap_subr.c",
  prsubr: "usr/src/uts/common/fs/proc/prsubr.c",
  ufs_vnops: "usr/src/uts/common/fs/ufs/ufs_vnops.c",
  fork: "usr/src/uts/common/os/fork.c",
  exit: "usr/src/uts/common/os/exit.c",
  exec: "usr/src/uts/common/os/exec.c",
  pid: "usr/src/uts/common/os/pid.c",
  grow: "usr/src/uts/common/os/grow.c",
  pageout: "usr/src/uts/common/os/vm_pageout.c",
  mem: "usr/src/uts/common/io/mem.c",
  hat_i86: "usr/src/uts/i86pc/vm/hat_i86.c",
  vm_machdep_i86: "usr/src/uts/i86pc/vm/vm_machdep.c",
  vm_dep_sun4: "usr/src/uts/sun4/vm/vm_dep.c",
  hat_sfmmu: "usr/src/uts/sfmmu/vm/hat_sfmmu.c",
  trap_i86: "usr/src/uts/i86pc/os/trap.c",
  trap_sun4: "usr/src/uts/sun4/os/trap.c",
} as const;

/** The public source browser that events link to. */
export const SOURCE_BROWSER = "https://src.illumos.org/source/xref/illumos-gate/";

/** A link to the function's definition in the public illumos source browser. */
export function sourceLink(fn: string): string {
  return `https://src.illumos.org/source/search?project=illumos-gate&defs=${encodeURIComponent(fn)}`;
}
