import { hexAddr } from "./arch";
import { anon_grow } from "./anon_hdr";
import { emit, nest, type K } from "./events";
import { anonmap_alloc } from "./anon";
import { insertSeg, protName } from "./segs";
import { SRC } from "../contract/kernel/source";
import { anon_resvmem, pl } from "./swap";
import { PROT_WRITE, VPP_SWAPRES, type Seg, type SegSource } from "./types";

/**
 * segvn_create (vm/seg_vn.c, anon-layer.md b.3): reserve swap, then either grow a compatible
 * neighbour (segvn_extend_prev / segvn_extend_next: how the heap and the stack stay one
 * segment) or make a new segment. Shared anonymous memory gets its anon_map at once.
 */

export interface CrArgs {
  name: string;
  first: number;
  vp: number;
  offset: number;
  shared: boolean;
  prot: number;
  maxprot: number;
  noreserve: boolean;
  source: SegSource;
}

export type CreateResult = { ok: true; seg: Seg } | { ok: false; errno: "EAGAIN" };

export function segvn_create(
  k: K,
  pi: number,
  base: number,
  pages: number,
  a: CrArgs,
  why: string,
): CreateResult {
  const st = k.st;
  const p = st.procs[pi]!;
  // MAP_SHARED drops MAP_NORESERVE.
  const noreserve = a.noreserve && !a.shared;
  const mustReserve = !noreserve && (a.vp < 0 || (!a.shared && (a.prot & PROT_WRITE) !== 0));
  const kind =
    a.vp < 0
      ? "anonymous memory (vp NULL)"
      : a.shared
        ? "a shared file mapping"
        : a.prot & PROT_WRITE
          ? "a private writable file mapping"
          : "a private read-only file mapping";
  emit(
    k,
    "segvn_create",
    SRC.seg_vn,
    `${why}: ${pages} ${pl(pages)} at ${hexAddr(base, st.a)} for ${p.name}, ${kind}, prot ${protName(a.prot)}, ${a.shared ? "MAP_SHARED" : "MAP_PRIVATE"}${noreserve ? ", MAP_NORESERVE" : a.noreserve ? " (segvn_create drops MAP_NORESERVE for MAP_SHARED)" : ""}. ${mustReserve ? "Swap must be reserved for the whole range now." : noreserve ? "MAP_NORESERVE: nothing is reserved now; each page is reserved when first touched." : a.shared ? "No swap is reserved: a MAP_SHARED file mapping writes to the file itself and never needs an anon page." : "No swap is reserved now: a read-only private mapping reserves only if an mprotect makes it writable (segvn_setprot)."}`,
    { proc: p.name },
  );
  if (mustReserve && !nest(k, () => anon_resvmem(k, pages, `${p.name}'s ${a.name}`))) {
    emit(
      k,
      "segvn_create",
      SRC.seg_vn,
      "The reservation failed, so segvn_create returns EAGAIN and nothing is created.",
      { proc: p.name },
    );
    return { ok: false, errno: "EAGAIN" };
  }
  return nest(k, () => create(k, pi, base, pages, a, noreserve, mustReserve));
}

function create(
  k: K,
  pi: number,
  base: number,
  pages: number,
  a: CrArgs,
  noreserve: boolean,
  mustReserve: boolean,
): CreateResult {
  const p = k.st.procs[pi]!;
  const swresv = mustReserve ? pages : 0;
  const merged = tryExtend(k, pi, base, pages, a, noreserve, swresv);
  if (merged) return { ok: true, seg: merged };
  const seg: Seg = {
    name: a.name,
    first: a.first,
    base,
    pages,
    vp: a.vp,
    offset: a.vp < 0 ? 0 : a.offset,
    shared: a.shared,
    prot: a.prot,
    maxprot: a.maxprot,
    vpage: null,
    pageprot: false,
    pageswap: false,
    amp: 0,
    anon_index: 0,
    swresv: a.shared ? 0 : swresv,
    noreserve,
    source: a.source,
  };
  if (a.shared && a.vp < 0) {
    // Shared anonymous memory: the anon_map is made now and owns the reservation, so every
    // process that later shares this mapping (fork) shares the same slots.
    const amp = anonmap_alloc(
      k,
      pages,
      swresv,
      "Shared anonymous memory gets its anon_map at once, holding the reservation",
    );
    seg.amp = amp.id;
  }
  insertSeg(p, seg);
  return { ok: true, seg };
}

/** segvn_extend_prev / segvn_extend_next. Returns the grown segment, or null if none fits. */
function tryExtend(
  k: K,
  pi: number,
  base: number,
  pages: number,
  a: CrArgs,
  noreserve: boolean,
  swresv: number,
): Seg | null {
  const p = k.st.procs[pi]!;
  const prev = p.segs.find((s) => s.base + s.pages === base);
  const next = p.segs.find((s) => s.base === base + pages);
  for (const [old, up] of [
    [prev, true],
    [next, false],
  ] as const) {
    if (!old || !compatible(old, a, noreserve, up, pages)) continue;
    const amp = old.amp ? k.st.amps.get(old.amp)! : null;
    if (amp && (old.shared || amp.refcnt > 1)) continue;
    if (amp) {
      old.anon_index = anon_grow(amp.ahp, old.anon_index, old.pages, pages, !up, k.st.a.anonChunkSize);
      amp.size = amp.ahp.size;
    }
    if (old.vpage) {
      const v = new Uint8Array(old.pages + pages).fill(a.prot | (swresv ? VPP_SWAPRES : 0));
      v.set(old.vpage, up ? 0 : pages);
      old.vpage = v;
    }
    if (!up) {
      old.base -= pages;
      old.first -= pages;
      if (old.vp >= 0) old.offset -= pages;
    }
    old.pages += pages;
    old.swresv += swresv;
    emit(
      k,
      up ? "segvn_extend_prev" : "segvn_extend_next",
      SRC.seg_vn,
      `The new range ${up ? "starts where" : "ends where"} ${old.name} ${up ? "ends" : "begins"} and matches it, so ${old.name} grows by ${pages} ${pl(pages)} instead of a new segment being made${amp ? `; its anon_hdr grows with anon_grow to ${amp.ahp.size} slots${up ? "" : " (growing down)"}` : ""}.`,
      { proc: p.name, seg: old.name, ...(amp ? { amp: amp.id } : {}) },
    );
    return old;
  }
  return null;
}

function compatible(old: Seg, a: CrArgs, noreserve: boolean, up: boolean, pages: number): boolean {
  if (old.vp !== a.vp || old.maxprot !== a.maxprot || old.shared !== a.shared || old.noreserve !== noreserve)
    return false;
  if (!old.pageprot && old.prot !== a.prot) return false;
  if (old.vp >= 0 && (up ? old.offset + old.pages !== a.offset : a.offset + pages !== old.offset))
    return false;
  return true;
}
