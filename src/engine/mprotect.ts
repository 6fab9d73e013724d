import { emit, type K } from "./events";
import { hat_setprot_range, hat_unload_range } from "./hat";
import { protName, segLabel } from "./segs";
import { SRC } from "./src";
import { anon_resvmem, anon_unresvmem, pl } from "./swap";
import { PROT_WRITE, VPP_PROT, VPP_SWAPRES, type Seg, type StepResult } from "./types";

/**
 * segvn_setprot (vm/seg_vn.c, anon-layer.md b.9) for pages [i, i+n) of one segment. Adding
 * write to a private mapping may reserve swap; taking it away gives the reservation back only
 * for a file mapping never written. The segment is never split: per-page prots go in vpage.
 */
export function segvn_setprot(k: K, pi: number, seg: Seg, i: number, n: number, prot: number): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const refs = { proc: p.name, seg: seg.name };
  if ((prot & seg.maxprot) !== prot) {
    emit(
      k,
      "segvn_setprot",
      SRC.seg_vn,
      `${protName(prot)} is more than the mapping's maxprot ${protName(seg.maxprot)}: EACCES.`,
      refs,
    );
    return "EACCES";
  }
  // Every page already has this protection: nothing to do (not even the HAT is touched).
  if (!seg.pageprot && seg.prot === prot) {
    emit(
      k,
      "segvn_setprot",
      SRC.seg_vn,
      `${segLabel(seg, st)} is already ${protName(prot)}: nothing to do.`,
      refs,
    );
    return "ok";
  }
  const whole = i === 0 && n === seg.pages;
  if (!seg.shared) {
    if (prot & PROT_WRITE && !seg.noreserve) {
      const need = whole ? seg.pages - seg.swresv : unreservedIn(seg, i, n);
      if (need > 0) {
        if (!anon_resvmem(k, need, `making ${seg.name} writable`)) {
          emit(
            k,
            "as_setprot",
            SRC.vm_as,
            "The reservation failed (IE_NOMEM), which as_setprot turns into EAGAIN.",
            refs,
          );
          return "EAGAIN";
        }
        if (whole && !seg.pageswap) seg.swresv = seg.pages;
        else {
          ensureVpage(seg);
          for (let j = i; j < i + n; j++) seg.vpage![j]! |= VPP_SWAPRES;
          seg.pageswap = true;
          seg.swresv += need;
        }
      }
    } else if (!(prot & PROT_WRITE) && seg.vp >= 0 && !seg.amp && whole && !seg.pageprot && seg.swresv) {
      const back = seg.swresv;
      seg.swresv = 0;
      anon_unresvmem(k, back, `${seg.name} maps a file, was never written, and can no longer be`);
    }
  }
  if (whole && !seg.pageprot) {
    seg.prot = prot;
    if (seg.vpage) for (let j = 0; j < seg.pages; j++) seg.vpage[j] = (seg.vpage[j]! & ~VPP_PROT) | prot;
  } else {
    ensureVpage(seg);
    for (let j = i; j < i + n; j++) seg.vpage![j] = (seg.vpage![j]! & ~VPP_PROT) | prot;
    seg.pageprot = true;
    seg.prot = protUnion(seg.vpage!);
  }
  // Granting write (where COW must be decided again) or removing all access unloads the
  // translations; anything else changes them in place.
  if ((prot & PROT_WRITE && (!seg.shared || seg.vp >= 0)) || prot === 0) {
    const c = hat_unload_range(st, pi, seg.base + i, n);
    emit(
      k,
      "segvn_setprot",
      SRC.seg_vn,
      `${segLabel(seg, st)} pages ${seg.first + i}..${seg.first + i + n - 1} now ${protName(prot)}: ${c} ${pl(c, "translation is", "translations are")} unloaded, so the next access faults and decides again.`,
      refs,
    );
  } else {
    const c = hat_setprot_range(p, seg.base + i, n, 0, prot);
    emit(
      k,
      "segvn_setprot",
      SRC.seg_vn,
      `${segLabel(seg, st)} pages ${seg.first + i}..${seg.first + i + n - 1} now ${protName(prot)}: ${c} ${pl(c, "translation is", "translations are")} changed in place (hat_chgattr).`,
      refs,
    );
  }
  return "ok";
}

/** The union of the page prots (a plain loop: vpage can hold millions of pages). */
function protUnion(vpage: Uint8Array): number {
  let m = 0;
  for (let j = 0; j < vpage.length && m !== VPP_PROT; j++) m |= vpage[j]! & VPP_PROT;
  return m;
}

function ensureVpage(seg: Seg): void {
  if (seg.vpage) return;
  const resv = seg.swresv === seg.pages ? VPP_SWAPRES : 0;
  seg.vpage = new Uint8Array(seg.pages).fill(seg.prot | resv);
}

function unreservedIn(seg: Seg, i: number, n: number): number {
  if (seg.swresv === seg.pages) return 0;
  // Without a vpage array a private segment is reserved all or nothing.
  if (!seg.vpage) return n;
  let c = 0;
  for (let j = i; j < i + n; j++) if (!(seg.vpage[j]! & VPP_SWAPRES)) c++;
  return c;
}
