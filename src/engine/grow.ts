import { emit, beginPage, endPage, nest, type K } from "./events";
import { segvn_fault } from "./fault";
import { roomFor } from "./room";
import { segvn_create } from "./seg_vn";
import { overlaps, piecesOf, segAt } from "./segs";
import { SRC } from "../contract/kernel/source";
import { pl } from "./swap";
import { PROT_ALL, PROT_READ, PROT_WRITE } from "./types";

/**
 * Stack growth (os/grow.c): what trap calls on an FC_NOMAP below p_usrstack. It lives apart
 * from trap.ts so that trap calls down into it and nothing here calls back up into trap.
 */

/**
 * What grow came to: "spin" is grow reporting success with nothing mapped (a stack hole);
 * otherwise a failure's reason, said again by trap's last event.
 */
export type GrowResult = "ok" | "spin" | "nomem" | { fail: string };

/**
 * grow (os/grow.c), called by trap for an FC_NOMAP below p_usrstack: grow_internal maps the
 * stack down to vpn (merged into the stack segment), then every new page is pre-faulted.
 */
export function grow(k: K, pi: number, vpn: number): GrowResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const newsize = p.usrstack - vpn;
  const oldsize = p.stksize;
  emit(
    k,
    "grow",
    SRC.grow,
    `grow: the stack would have to reach down to this address, ${newsize} ${pl(newsize)} below p_usrstack (it has ${oldsize}).`,
    { proc: p.name, seg: "stack" },
  );
  return nest(k, (): GrowResult => {
    const mapped = grow_internal(k, pi, newsize);
    if (mapped !== "ok") return mapped;
    const pages = newsize - oldsize;
    const base = p.usrstack - newsize;
    emit(
      k,
      "as_fault",
      SRC.vm_as,
      `grow pre-faults all ${pages} new ${pl(pages)} (as_fault with F_INVAL, S_WRITE), so each gets a zero-filled anon page now (the stack's pages are numbered from its new bottom: these are pages 0 to ${pages - 1}).`,
      { proc: p.name, seg: "stack" },
    );
    return nest(k, (): GrowResult => {
      for (let v = base; v < base + pages; v++) {
        const seg = segAt(p, v)!;
        beginPage(k);
        const res = segvn_fault(k, pi, seg, v, "write");
        endPage(k, seg.first + (v - seg.base));
        if (res.code === "NOMEM") return "nomem";
      }
      return "ok";
    });
  });
}

/** grow_internal: check the limit, then map [usrstack - newsize, usrstack - stksize). */
function grow_internal(k: K, pi: number, newsize: number): GrowResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const limit = st.a.stackLimitPages;
  if (newsize > limit) {
    emit(
      k,
      "grow_internal",
      SRC.grow,
      `${newsize} pages is over the stack limit, ${limit} pages (DFLSSIZ: ${(limit * st.a.pageSize) / 2 ** 20} MiB on ${st.a.arch}): ENOMEM, grow fails.`,
      { proc: p.name },
    );
    return { fail: `the stack would pass its ${limit}-page limit` };
  }
  if (newsize <= p.stksize) {
    emit(
      k,
      "grow_internal",
      SRC.grow,
      `The address lies inside the stack area (p_stksize is ${p.stksize} pages), in a hole with no segment: the new size is not larger, so grow_internal maps nothing and returns success.`,
      { proc: p.name },
    );
    return "spin";
  }
  const pages = newsize - p.stksize;
  const base = p.usrstack - newsize;
  if (overlaps(p, base, pages)) {
    emit(k, "grow_internal", SRC.grow, "Another mapping is in the way: as_map fails, and so does grow.", {
      proc: p.name,
    });
    return { fail: "another mapping is in the way of the stack" };
  }
  const stackSegs = p.segs.some((s) => s.name === "stack") ? 0 : 1;
  if (!roomFor(k, pi, stackSegs, pages, "grow_internal", "growing the stack"))
    return { fail: "the simulator's limits would be passed" };
  emit(
    k,
    "grow_internal",
    SRC.grow,
    `Map the ${pages} new ${pl(pages)} below the stack as zero-fill-on-demand memory (as_map, segvn_create), growing down.`,
    { proc: p.name, seg: "stack" },
  );
  const r = nest(k, () =>
    segvn_create(
      k,
      pi,
      base,
      pages,
      {
        name: "stack",
        first: base - p.stackOrigin,
        vp: -1,
        offset: 0,
        shared: false,
        prot: PROT_READ | PROT_WRITE,
        maxprot: PROT_ALL,
        noreserve: false,
        source: "stack",
      },
      "grow maps the new stack pages",
    ),
  );
  if (!r.ok) {
    emit(
      k,
      "grow_internal",
      SRC.grow,
      `Console: "Sorry, no swap space to grow stack for pid ${p.pid} (${p.psargs})". grow fails.`,
      { proc: p.name },
    );
    return {
      fail: `no swap to reserve (console: "Sorry, no swap space to grow stack for pid ${p.pid} (${p.psargs})")`,
    };
  }
  p.stksize = newsize;
  // Page numbers count from the start of a mapping (scenario-format.md): the stack's start has
  // moved down, so its pages are numbered again from the new bottom.
  p.stackOrigin = base;
  for (const s of piecesOf(p, "stack")) s.first = s.base - base;
  return "ok";
}
