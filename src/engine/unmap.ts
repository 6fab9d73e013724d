import { anon_free } from "./anon";
import { anon_copy_ptr, anon_create, anon_pages, chunkCount } from "./anon_hdr";
import { emit, nest, type K } from "./events";
import { hat_unload_range } from "./hat";
import { page_free_cached, page_lookup_file } from "./page";
import { removeSeg, insertSeg, segLabel } from "./segs";
import { SRC } from "../contract/kernel/source";
import { anon_unresvmem, pl } from "./swap";
import { VPP_SWAPRES, type AnonHdr, type AnonMap, type Seg, type VmState } from "./types";

/**
 * segvn_unmap and segvn_free (vm/seg_vn.c, anon-layer.md b.8): unload the translations, free
 * the anon slots this process no longer maps, and give back what was reserved for them. A
 * range in the middle splits the segment in two.
 */

/** Unmap pages [i, i+n) of seg in process pi. */
export function segvn_unmap(k: K, pi: number, seg: Seg, i: number, n: number): void {
  const st = k.st;
  const p = st.procs[pi]!;
  const released = { cached: 0, kept: 0 };
  const unloaded = hat_unload_range(st, pi, seg.base + i, n, (vpn) =>
    free_vp_page(st, seg, vpn - seg.base, released),
  );
  const files =
    released.cached || released.kept
      ? ` File pages nobody maps now are released (free_vp_pages → page_release): ${[
          released.cached
            ? `${released.cached} clean ${pl(released.cached, "one goes", "ones go")} to the cachelist under ${pl(released.cached, "its name", "their names")}`
            : "",
          released.kept
            ? `${released.kept} modified ${pl(released.kept, "one is", "ones are")} only unlocked, off the cachelist until written back (here by the page daemon only: fsflush, which would write it back on its own, is not modelled)`
            : "",
        ]
          .filter(Boolean)
          .join("; ")}.`
      : "";
  emit(
    k,
    "segvn_unmap",
    SRC.seg_vn,
    `Unmap ${n} ${pl(n)} of ${segLabel(seg, st)} from ${p.name}: ${unloaded} ${pl(unloaded, "translation is", "translations are")} unloaded.${files} ${shapeOf(k, seg, i, n)}`,
    { proc: p.name, seg: seg.name },
  );
  nest(k, () => unmapSlots(k, pi, seg, i, n));
}

/** What segvn_unmap does with the segment and its slots, said before it does it. */
function shapeOf(k: K, seg: Seg, i: number, n: number): string {
  if (i === 0 && n === seg.pages) return "The whole segment goes (seg_free, segvn_free).";
  const amp = seg.amp ? k.st.amps.get(seg.amp)! : null;
  const freeing = !amp
    ? ""
    : amp.refcnt === 1 || !seg.shared
      ? " Those pages' slots are emptied and each anon loses a holder (anon_free)."
      : ` amp:${amp.id} has other segments (refcnt ${amp.refcnt}), so its slots are not freed and no reservation goes back.`;
  if (i === 0) return `The start of the segment goes.${freeing}`;
  if (i + n === seg.pages) return `The end of the segment goes; its anon_map keeps its array size.${freeing}`;
  const split = !amp
    ? "neither piece has an anon_map yet"
    : seg.shared
      ? `both pieces keep the one shared amp:${amp.id}, whose refcnt becomes ${amp.refcnt + 1}`
      : "the high piece gets a new anon_map and the slot pointers move over (anon_copy_ptr)";
  return `A hole in the middle splits the segment in two: ${split}.${freeing}`;
}

/**
 * free_vp_pages for one unloaded page of a file segment: the file's page at that offset, if
 * nobody maps it any more and it is not free already, goes through page_release: a clean one to
 * the cachelist, a modified one only unlocked.
 */
function free_vp_page(st: VmState, seg: Seg, i: number, out: { cached: number; kept: number }): void {
  if (seg.vp < 0) return;
  const fp = page_lookup_file(st, seg.vp, seg.offset + i);
  if (!fp || st.page.cached[fp] || st.page.mapping[fp]) return;
  if (st.page.mod[fp]) out.kept++;
  else {
    page_free_cached(st, fp);
    out.cached++;
  }
}

/** The anon side of segvn_unmap: free the slots, shrink or split the segment, unreserve. */
function unmapSlots(k: K, pi: number, seg: Seg, i: number, n: number): void {
  const st = k.st;
  const p = st.procs[pi]!;
  if (i === 0 && n === seg.pages) {
    segvn_free(k, pi, seg);
    removeSeg(p, seg);
    return;
  }
  const amp = seg.amp ? st.amps.get(seg.amp)! : null;
  const freeSlots = amp !== null && (amp.refcnt === 1 || !seg.shared);
  if (freeSlots) {
    anon_free(k, amp.ahp, seg.anon_index + i, n, `the unmapped pages of ${seg.name}`);
    if (seg.shared) {
      amp.swresv -= n;
      anon_unresvmem(k, n, `${n} unmapped ${pl(n)} of a shared anon object`);
    }
  }
  const oldResv = seg.swresv;
  if (i === 0) {
    seg.anon_index += n;
    // Only a file offset moves: an anonymous segment's svd->offset means nothing and stays.
    if (seg.vp >= 0) seg.offset += n;
    seg.base += n;
    seg.first += n;
    seg.pages -= n;
    if (seg.vpage) seg.vpage = seg.vpage.slice(n);
    seg.swresv = resvOf(k, seg, amp, seg.pages);
  } else if (i + n === seg.pages) {
    seg.pages -= n;
    if (seg.vpage) seg.vpage = seg.vpage.slice(0, seg.pages);
    seg.swresv = resvOf(k, seg, amp, seg.pages);
    // The amp's array is not shrunk (amp->size stays).
  } else {
    const high = split(k, pi, seg, i, n, amp);
    seg.swresv = resvOf(k, seg, seg.amp ? st.amps.get(seg.amp)! : null, seg.pages);
    high.swresv = resvOf(k, high, high.amp ? st.amps.get(high.amp)! : null, high.pages);
    const given = oldResv - seg.swresv - high.swresv;
    if (given) anon_unresvmem(k, given, `the ${n} unmapped ${pl(n)} of ${seg.name}`);
    return;
  }
  if (oldResv - seg.swresv)
    anon_unresvmem(k, oldResv - seg.swresv, `the ${n} unmapped ${pl(n)} of ${seg.name}`);
}

/**
 * What a private segment of `pages` pages keeps reserved after a partial unmap: all of it,
 * or for MAP_NORESERVE the slots still used, or for per-page reservations the marked pages.
 */
function resvOf(k: K, seg: Seg, amp: AnonMap | null, pages: number): number {
  if (seg.shared || seg.swresv === 0) return 0;
  if (seg.noreserve) return amp ? anon_pages(amp.ahp, seg.anon_index, pages, k.st.a.anonChunkSize) : 0;
  if (seg.pageswap && seg.vpage) {
    let c = 0;
    for (let j = 0; j < pages; j++) if (seg.vpage[j]! & VPP_SWAPRES) c++;
    return c;
  }
  return pages;
}

/** The middle case: seg keeps [0, i), a new segment takes [i+n, end). */
function split(k: K, pi: number, seg: Seg, i: number, n: number, amp: AnonMap | null): Seg {
  const st = k.st;
  const chunk = st.a.anonChunkSize;
  const hi = i + n;
  const high: Seg = {
    ...seg,
    base: seg.base + hi,
    first: seg.first + hi,
    pages: seg.pages - hi,
    offset: seg.offset + hi,
    vpage: seg.vpage ? seg.vpage.slice(hi) : null,
    amp: 0,
    anon_index: 0,
  };
  if (seg.vpage) seg.vpage = seg.vpage.slice(0, i);
  if (amp && seg.shared) {
    high.amp = amp.id;
    high.anon_index = seg.anon_index + hi;
    amp.refcnt++;
  } else if (amp) {
    // Private: the low part gets a new array of its own size, the high part a new anon_map;
    // slot pointers move (anon_copy_ptr), refcounts unchanged. Between two-level arrays every
    // source chunk that exists gets its destination chunk, even an empty one.
    const lowHdr = anon_create(i, chunk);
    anon_copy_ptr(amp.ahp, seg.anon_index, lowHdr, 0, i, chunk);
    const nid = st.nextAmp++;
    const nAmp: AnonMap = {
      id: nid,
      refcnt: 1,
      size: high.pages,
      swresv: 0,
      ahp: anon_create(high.pages, chunk),
    };
    anon_copy_ptr(amp.ahp, seg.anon_index + hi, nAmp.ahp, 0, high.pages, chunk);
    st.amps.set(nid, nAmp);
    amp.ahp = lowHdr;
    amp.size = i;
    seg.anon_index = 0;
    high.amp = nid;
    const chunks = (h: AnonHdr): string =>
      h.levels === 2 ? ` (two-level: ${chunkCount(h)} ${pl(chunkCount(h), "chunk", "chunks")})` : "";
    emit(
      k,
      "anon_copy_ptr",
      SRC.vm_anon,
      `The low piece gets a new ${i}-slot array in amp:${amp.id}${chunks(lowHdr)}, the high piece a new amp:${nid} of ${high.pages} slots${chunks(nAmp.ahp)}; the slot pointers are copied over (a destination chunk is allocated for every source chunk that exists, even an empty one) and no an_refcnt changes.`,
      { seg: seg.name, amp: nid },
    );
  }
  seg.pages = i;
  insertSeg(st.procs[pi]!, high);
  return high;
}

/** segvn_free: the segment goes away whole (munmap of all of it, or exit). */
export function segvn_free(k: K, pi: number, seg: Seg): void {
  const st = k.st;
  const p = st.procs[pi]!;
  const amp = seg.amp ? st.amps.get(seg.amp)! : null;
  const last = amp !== null && amp.refcnt === 1;
  const plan = !amp
    ? "it has no anon_map"
    : last
      ? seg.shared
        ? `it is the last segment of shared amp:${amp.id}: anon_free over all the amp's slots, its reservation goes back, and the anon_map is freed`
        : `anon_free over its slots, then its anon_map amp:${amp.id} is freed`
      : seg.shared
        ? `amp:${amp.id} is still used by ${amp.refcnt - 1} other ${pl(amp.refcnt - 1, "segment", "segments")}: its refcnt drops to ${amp.refcnt - 1} and nothing is freed, no reservation goes back`
        : `anon_free over its slots (amp:${amp.id} has other segments)`;
  emit(
    k,
    "segvn_free",
    SRC.seg_vn,
    `${segLabel(seg, st)} goes from ${p.name}'s address space: ${plan}${seg.swresv ? `; the ${seg.swresv} ${pl(seg.swresv)} it reserved go back` : ""}.`,
    { proc: p.name, seg: seg.name, ...(amp ? { amp: amp.id } : {}) },
  );
  nest(k, () => {
    if (amp) {
      amp.refcnt--;
      if (amp.refcnt === 0) {
        if (seg.shared) {
          anon_free(k, amp.ahp, 0, amp.ahp.size, `the last holder of shared amp:${amp.id}`);
          anon_unresvmem(k, amp.swresv, `the shared anon object amp:${amp.id}`);
        } else anon_free(k, amp.ahp, seg.anon_index, seg.pages, `${p.name}'s ${seg.name} goes away`);
        st.amps.delete(amp.id);
        emit(
          k,
          "anonmap_free",
          SRC.vm_anon,
          `amp:${amp.id} has no segment left (refcnt 0): its anon_hdr and the anon_map are freed.`,
          { amp: amp.id },
        );
      } else if (!seg.shared)
        anon_free(k, amp.ahp, seg.anon_index, seg.pages, `${p.name}'s ${seg.name} goes away`);
    }
    if (seg.swresv) anon_unresvmem(k, seg.swresv, `${p.name}'s ${seg.name}`);
  });
}
