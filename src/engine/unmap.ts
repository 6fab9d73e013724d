import { anon_free } from "./anon";
import { anon_create, anon_pages, anon_set_ptr, forEachUsed } from "./anon_hdr";
import { emit, type K } from "./events";
import { hat_unload_range } from "./hat";
import { removeSeg, insertSeg, segLabel } from "./segs";
import { SRC } from "./src";
import { anon_unresvmem, pl } from "./swap";
import { VPP_SWAPRES, type AnonMap, type Seg } from "./types";

/**
 * segvn_unmap and segvn_free (vm/seg_vn.c, anon-layer.md b.8): unload the translations, free
 * the anon slots this process no longer maps, and give back what was reserved for them. A
 * range in the middle splits the segment in two.
 */

/** Unmap pages [i, i+n) of seg in process pi. */
export function segvn_unmap(k: K, pi: number, seg: Seg, i: number, n: number): void {
  const st = k.st;
  const p = st.procs[pi]!;
  const unloaded = hat_unload_range(st, pi, seg.base + i, n);
  emit(
    k,
    "segvn_unmap",
    SRC.seg_vn,
    `Unmap ${n} ${pl(n)} of ${segLabel(seg, st)} from ${p.name}: ${unloaded} ${pl(unloaded, "translation is", "translations are")} unloaded.`,
    { proc: p.name, seg: seg.name },
  );
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
    emit(
      k,
      "segvn_unmap",
      SRC.seg_vn,
      `Split ${seg.name}: both pieces keep the one shared amp:${amp.id}, whose refcnt becomes ${amp.refcnt}; the high piece starts at slot ${high.anon_index}.`,
      { seg: seg.name, amp: amp.id },
    );
  } else if (amp) {
    // Private: the low part gets a new array of its own size, the high part a new anon_map;
    // slot pointers move (anon_copy_ptr), refcounts unchanged.
    const lowHdr = anon_create(i, chunk);
    forEachUsed(amp.ahp, seg.anon_index, i, chunk, (j, ap) =>
      anon_set_ptr(lowHdr, j - seg.anon_index, ap, chunk),
    );
    const nid = st.nextAmp++;
    const nAmp: AnonMap = {
      id: nid,
      refcnt: 1,
      size: high.pages,
      swresv: 0,
      ahp: anon_create(high.pages, chunk),
    };
    forEachUsed(amp.ahp, seg.anon_index + hi, high.pages, chunk, (j, ap) =>
      anon_set_ptr(nAmp.ahp, j - seg.anon_index - hi, ap, chunk),
    );
    st.amps.set(nid, nAmp);
    amp.ahp = lowHdr;
    amp.size = i;
    seg.anon_index = 0;
    high.amp = nid;
    emit(
      k,
      "anon_copy_ptr",
      SRC.vm_anon,
      `Split ${seg.name}: the low piece gets a new ${i}-slot array in amp:${amp.id}, the high piece a new amp:${nid} of ${high.pages} slots; the slot pointers move over and no an_refcnt changes.`,
      { seg: seg.name, amp: nid },
    );
  } else {
    emit(
      k,
      "segvn_unmap",
      SRC.seg_vn,
      `Split ${seg.name} into two segments around the hole; neither has an anon_map yet.`,
      { seg: seg.name },
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
  if (amp) {
    amp.refcnt--;
    if (amp.refcnt === 0) {
      if (seg.shared) {
        anon_free(k, amp.ahp, 0, amp.ahp.size, `the last holder of shared amp:${amp.id} frees all its slots`);
        anon_unresvmem(k, amp.swresv, `the shared anon object amp:${amp.id}`);
      } else {
        anon_free(k, amp.ahp, seg.anon_index, seg.pages, `${p.name}'s ${seg.name} goes away`);
      }
      st.amps.delete(amp.id);
      emit(
        k,
        "anonmap_free",
        SRC.vm_anon,
        `amp:${amp.id} has no segment left (refcnt 0): its anon_hdr and the anon_map are freed.`,
        { amp: amp.id },
      );
    } else if (!seg.shared) {
      anon_free(k, amp.ahp, seg.anon_index, seg.pages, `${p.name}'s ${seg.name} goes away`);
    } else {
      emit(
        k,
        "segvn_free",
        SRC.seg_vn,
        `amp:${amp.id} is still used by ${amp.refcnt} other ${pl(amp.refcnt, "segment", "segments")}: its slots and reservation stay.`,
        { amp: amp.id },
      );
    }
  }
  if (seg.swresv) anon_unresvmem(k, seg.swresv, `${p.name}'s ${seg.name}`);
  emit(k, "segvn_free", SRC.seg_vn, `${segLabel(seg, st)} is gone from ${p.name}'s address space.`, {
    proc: p.name,
    seg: seg.name,
  });
}
