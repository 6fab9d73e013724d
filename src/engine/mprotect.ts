import { anon_array_enter } from "./anon_hdr";
import { emit, nest, type K } from "./events";
import { hat_setprot_range, hat_unload_range } from "./hat";
import { protName, segLabel } from "./segs";
import { SRC } from "../contract/kernel/source";
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
  // Reservation (private only): adding write reserves what is not reserved yet; taking it away
  // gives back only a never-written file mapping's whole reservation.
  const need =
    !seg.shared && prot & PROT_WRITE && !seg.noreserve && !(seg.swresv && !seg.pageswap)
      ? whole && !seg.pageswap
        ? seg.pages
        : unreservedIn(seg, i, n)
      : 0;
  const giveBack =
    !seg.shared && !(prot & PROT_WRITE) && seg.vp >= 0 && !seg.amp && whole && !seg.pageprot && seg.swresv
      ? seg.swresv
      : 0;
  // The whole segment with no vpage array just gets a new svd->prot; anything else goes page
  // by page (vpage, pageprot = 1), and a private segment's pages each have their slot locked.
  const perPage = !(whole && !seg.vpage);
  const unload = (prot & PROT_WRITE && (!seg.shared || seg.vp >= 0)) || prot === 0;
  const range = `pages ${seg.first + i}..${seg.first + i + n - 1}`;
  emit(
    k,
    "segvn_setprot",
    SRC.seg_vn,
    `${segLabel(seg, st)} ${range} become ${protName(prot)}${need ? `; ${need} ${pl(need)} not reserved yet must be reserved first` : ""}${giveBack ? `; it maps a file, was never written and can no longer be, so its ${giveBack}-page reservation goes back` : ""}${perPage ? "; the protections are kept page by page (vpage)" : ""}. Then ${unload ? "the translations are unloaded, so the next access faults and decides again" : "the translations are changed in place (hat_chgattr)"}.`,
    refs,
  );
  return nest(k, (): StepResult => {
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
    if (giveBack) {
      seg.swresv = 0;
      anon_unresvmem(k, giveBack, `${seg.name} maps a file, was never written, and can no longer be`);
    }
    if (!perPage) seg.prot = prot;
    else {
      ensureVpage(seg);
      for (let j = i; j < i + n; j++) seg.vpage![j] = (seg.vpage![j]! & ~VPP_PROT) | prot;
      seg.pageprot = true;
      seg.prot = protUnion(seg.vpage!);
      if (!seg.shared) lockSlots(k, seg, i, n);
    }
    if (unload) {
      const c = hat_unload_range(st, pi, seg.base + i, n);
      emit(
        k,
        "hat_unload",
        hatSrc(k),
        `${c} ${pl(c, "translation", "translations")} of ${p.name} in ${range} unloaded.`,
        refs,
      );
    } else {
      const c = hat_setprot_range(p, seg.base + i, n, 0, prot);
      emit(
        k,
        "hat_chgattr",
        hatSrc(k),
        `${c} ${pl(c, "translation", "translations")} of ${p.name} in ${range} changed in place to ${protName(prot)}.`,
        refs,
      );
    }
    return "ok";
  });
}

const hatSrc = (k: K): string => (k.st.a.arch === "x86" ? SRC.hat_i86 : SRC.hat_sfmmu);

/**
 * segvn_setprot's per-page loop locks every page's slot (anon_array_enter), which allocates
 * the missing chunks of a two-level array in the range, even where no anon is stored.
 */
function lockSlots(k: K, seg: Seg, i: number, n: number): void {
  const amp = seg.amp ? k.st.amps.get(seg.amp) : undefined;
  if (!amp || amp.ahp.levels === 1) return;
  const chunk = k.st.a.anonChunkSize;
  const made: number[] = [];
  for (let j = seg.anon_index + i; j < seg.anon_index + i + n; j++)
    if (anon_array_enter(amp.ahp, j, chunk)) made.push(Math.floor(j / chunk));
  if (made.length)
    emit(
      k,
      "anon_array_enter",
      SRC.vm_anon,
      `segvn_setprot locks each page's slot of amp:${amp.id} (anon_array_enter): ${pl(made.length, "chunk", "chunks")} ${made.join(", ")} did not exist and ${pl(made.length, "is", "are")} allocated (one page of ${chunk} slot pointers each, all empty).`,
      { amp: amp.id },
    );
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
