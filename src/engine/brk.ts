import { emit, nest, type K } from "./events";
import { imageBrkbase } from "./image";
import { roomFor } from "./room";
import { segvn_create } from "./seg_vn";
import { overlaps } from "./segs";
import { SRC } from "../contract/kernel/source";
import { pl } from "./swap";
import { PROT_ALL, PROT_READ, PROT_WRITE, type StepResult } from "./types";

/** brk (os/grow.c): the heap grows up by whole zero-fill pages that nothing touches yet. */

/** brk_internal: grow the heap by `pages`; no page is touched. */
export function sbrk(k: K, pi: number, pages: number): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  if (p.brkbase < 0) p.brkbase = imageBrkbase(st.a);
  const base = p.brkbase + p.brksize;
  emit(
    k,
    "brk_internal",
    SRC.grow,
    `${p.name} asks brk for ${pages} more ${pl(pages)}: map them as zero-fill-on-demand right after the heap's end.`,
    { proc: p.name, seg: "heap" },
  );
  if (overlaps(p, base, pages)) {
    emit(k, "brk_internal", SRC.grow, "Another mapping is in the way of the heap: ENOMEM.", { proc: p.name });
    return "ENOMEM";
  }
  const heapSegs = p.segs.some((s) => s.name === "heap") ? 0 : 1;
  if (!roomFor(k, pi, heapSegs, pages, "brk_internal", "growing the heap")) {
    emit(k, "brk_internal", SRC.grow, "brk fails with ENOMEM.", { proc: p.name });
    return "ENOMEM";
  }
  const rw = PROT_READ | PROT_WRITE;
  const r = nest(k, () =>
    segvn_create(
      k,
      pi,
      base,
      pages,
      {
        name: "heap",
        first: p.brksize,
        vp: -1,
        offset: 0,
        shared: false,
        prot: rw,
        maxprot: PROT_ALL,
        noreserve: false,
        source: "heap",
      },
      "brk maps the new heap pages",
    ),
  );
  if (!r.ok) {
    emit(
      k,
      "brk_internal",
      SRC.grow,
      "brk fails with EAGAIN (the code returns segvn_create's error; the man page says ENOMEM).",
      { proc: p.name },
    );
    return "EAGAIN";
  }
  p.brksize += pages;
  return "ok";
}
