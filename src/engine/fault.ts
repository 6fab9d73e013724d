import { anon_decref, anonmap_alloc } from "./anon";
import { anon_array_enter, anon_get_ptr, anon_set_ptr } from "./anon_hdr";
import { anon_getpage, anon_private, anon_zero, file_getpage } from "./anon_page";
import { emit, nest, type K } from "./events";
import { hat_memload } from "./hat";
import { pageNamer } from "./page";
import { segLabel, segPageProt, protName } from "./segs";
import { SRC } from "../contract/kernel/source";
import { anon_resvmem } from "./swap";
import { PROT_ALL, PROT_READ, PROT_WRITE, type AnonMap, type Seg } from "./types";

/**
 * segvn_fault and segvn_faultpage for one page (vm/seg_vn.c, anon-layer.md b.6, table F1–F11),
 * in the kernel's order: the segment's protection, the lazy anon_map, the file page (read with
 * S_READ for a private mapping), then per page: its own protection, the slot lock, and the
 * decision. The trap that leads here is in trap.ts.
 */

export type Rw = "read" | "write";

/**
 * What a fault came to: "ok", or the fault code trap turns into a signal (FC_PROT: SIGSEGV
 * SEGV_ACCERR; FC_OBJERR: SIGBUS), or NOMEM when no frame could be had (the simulator stops
 * there; the real kernel would wait for memory).
 */
type FaultCode = "ok" | "FC_PROT" | "FC_OBJERR" | "NOMEM";

export interface FaultResult {
  code: FaultCode;
  /** for the trap's last event: why, and what the fault left behind */
  why: string;
}

const OK: FaultResult = { code: "ok", why: "" };

const hatSrc = (k: K): string => (k.st.a.arch === "x86" ? SRC.hat_i86 : SRC.hat_sfmmu);

/** segvn_fault for one page of seg in process pi. */
export function segvn_fault(k: K, pi: number, seg: Seg, vpn: number, rw: Rw): FaultResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const i = vpn - seg.base;
  const need = rw === "write" ? PROT_WRITE : PROT_READ;
  const refs = { proc: p.name, seg: seg.name, page: seg.first + i };
  // brkcow: a write to a MAP_PRIVATE segment may have to break copy-on-write.
  const brkcow = rw === "write" && !seg.shared;
  if (!seg.pageprot && !(seg.prot & need)) {
    emit(
      k,
      "segvn_fault",
      SRC.seg_vn,
      () =>
        `${segLabel(seg, st)} allows ${protName(seg.prot)}: a ${rw} is not allowed, so segvn_fault returns FC_PROT at once.`,
      refs,
    );
    return { code: "FC_PROT", why: "the access violates the mapping's protection. Nothing changes" };
  }
  const amp0 = seg.amp ? st.amps.get(seg.amp)! : null;
  const idx = seg.anon_index + i;
  const lazyAmp = !amp0 && (seg.vp < 0 || brkcow);
  const slotted = amp0 ? anon_get_ptr(amp0.ahp, idx, st.a.anonChunkSize) !== 0 : false;
  const fileIdx = seg.offset + i;
  const filePage = seg.vp >= 0 && !slotted;
  const steps = [
    `${seg.name} allows ${protName(seg.prot)}${seg.pageprot ? " (its pages' own protections are checked later, page by page)" : ""}`,
    lazyAmp
      ? seg.vp < 0
        ? "the segment is anonymous and has no anon_map yet, so make one (anonmap_alloc)"
        : "a write to a private file mapping needs an anon_map for its copies, so make one (anonmap_alloc)"
      : "",
    filePage
      ? `the page has no anon slot, so get the file's page first (VOP_GETPAGE${!seg.shared && rw === "write" ? " with S_READ: a private mapping never writes its file" : ""})`
      : "",
  ].filter(Boolean);
  emit(
    k,
    "segvn_fault",
    SRC.seg_vn,
    () =>
      `segvn_fault (${rw === "write" ? "S_WRITE" : "S_READ"}${brkcow ? "; brkcow: a write to a private mapping may have to copy" : ""}): ${steps.join("; ")}; then segvn_faultpage handles the page.`,
    refs,
  );
  const outer = k.at;
  k.at = refs;
  const r = nest(k, (): FaultResult => {
    let amp = amp0;
    if (lazyAmp) {
      amp = anonmap_alloc(
        k,
        seg.pages,
        0,
        seg.vp < 0
          ? "The segment is anonymous and has no anon_map yet"
          : "A write to a private file mapping needs an anon_map for its copies",
      );
      seg.amp = amp.id;
      seg.anon_index = 0;
    }
    let fp = 0;
    if (filePage) {
      if (fileIdx >= st.files[seg.vp]!.pages) return beyondEof(k, seg.vp, fileIdx);
      fp = file_getpage(
        k,
        seg.vp,
        fileIdx,
        !seg.shared && rw === "write" ? "S_READ" : rw === "write" ? "S_WRITE" : "S_READ",
      );
      if (!fp) return noMemory;
    }
    return segvn_faultpage(k, pi, seg, i, rw, brkcow, amp, fp, lazyAmp);
  });
  k.at = outer;
  return r;
}

export const noMemory: FaultResult = {
  code: "NOMEM",
  why: "no frame could be had (the page daemon freed none); the simulator stops the access with ENOMEM where the real kernel would wait for memory",
};

/**
 * segvn_faultpage for page i of seg. `fp` is the file page segvn_fault got (0 when the page has
 * an anon slot or the segment is anonymous).
 */
function segvn_faultpage(
  k: K,
  pi: number,
  seg: Seg,
  i: number,
  rw: Rw,
  brkcow: boolean,
  amp: AnonMap | null,
  fp: number,
  madeAmp: boolean,
): FaultResult {
  const st = k.st;
  const vpn = seg.base + i;
  const prot = segPageProt(seg, i);
  const need = rw === "write" ? PROT_WRITE : PROT_READ;
  const idx = seg.anon_index + i;
  const chunk = st.a.anonChunkSize;
  const where = `${seg.name} page ${seg.first + i}`;
  if (seg.pageprot && !(prot & need)) {
    const left = [
      madeAmp && amp ? `the anon_map amp:${amp.id} it made` : "",
      fp
        ? `the file page ${pageNamer(st, fp)()} it got, in the page cache but unmapped (only unlocked: not on the cachelist)`
        : "",
    ].filter(Boolean);
    const stays = left.length ? `What segvn_fault did first stays: ${left.join("; ")}` : "Nothing changes";
    emit(
      k,
      "segvn_faultpage",
      SRC.seg_vn,
      () =>
        `${where} has its own protection ${protName(prot)} (a partial mprotect), checked only now: a ${rw} is not allowed, so segvn_faultpage returns FC_PROT. ${stays}.`,
    );
    return { code: "FC_PROT", why: `the access violates the page's protection. ${stays}` };
  }
  const ap = amp ? anon_get_ptr(amp.ahp, idx, chunk) : 0;
  const refcnt = ap ? st.anon.an_refcnt[ap]! : 0;
  const plan = !ap
    ? seg.vp < 0
      ? `slot ${idx} of amp:${amp!.id} holds no anon and the segment is anonymous: zero-fill on demand (F1), read or write alike (seg_vn has no shared zero page): anon_zero makes the page, anon_set_ptr stores the new anon in the slot, hat_memload maps it`
      : seg.shared
        ? `MAP_SHARED file page (F9): map the file's own page${rw === "write" ? "; the write changes the page cache page, which goes back to the file later" : ""}. No anon is involved`
        : brkcow
          ? `a write to a private file page with no anon (F7): copy it into a new anon (anon_private), store that in slot ${idx} (anon_set_ptr) and map it writable`
          : `a read of a private file page with no anon (F6): map the file's page with write taken out (vpprot)${prot & PROT_WRITE ? ", so a later write faults and copies it" : ""}`
    : seg.shared
      ? `slot ${idx} holds anon:${ap} (an_refcnt ${refcnt}) of a MAP_SHARED object (F8): every process maps the one page, never a copy`
      : brkcow && refcnt > 1
        ? `slot ${idx} holds anon:${ap} with an_refcnt ${refcnt}: other processes hold it too, so anon_getpage leaves write out of vpprot and this write is copy-on-write (F4): anon_private copies it, anon_decref drops the old anon, anon_set_ptr stores the new one`
        : refcnt === 1
          ? `slot ${idx} holds anon:${ap} with an_refcnt 1: this process is its only holder, so anon_getpage grants write and the page is used in place${rw === "write" ? ", mapped writable: no copy (F5)" : " (F3)"}`
          : `slot ${idx} holds anon:${ap} with an_refcnt ${refcnt}: other processes hold it too, so a read maps it read-only (F2); a later write faults and copies it, unless by then the others have let go of it (an_refcnt back to 1)`;
  emit(k, "segvn_faultpage", SRC.seg_vn, () => `${where}: ${plan}.`, ap ? { anon: ap } : undefined);
  return nest(k, (): FaultResult => {
    // The slot is locked before anything else (anon_array_enter → anon_get_slot), which
    // allocates its chunk of a two-level array if missing, even when nothing is stored.
    if (amp && anon_array_enter(amp.ahp, idx, chunk)) {
      const ci = Math.floor(idx / chunk);
      emit(
        k,
        "anon_array_enter",
        SRC.vm_anon,
        () =>
          `Lock slot ${idx} of amp:${amp.id}: it lies in chunk ${ci}, which does not exist yet, so anon_get_slot allocates it (one page of ${chunk} slot pointers, all empty).`,
        { amp: amp.id },
      );
    }
    if (!ap && seg.vp < 0) {
      if (seg.noreserve && !reserveOne(k, seg)) return sigbusNoreserve;
      const nap = anon_zero(k);
      if (!nap) return noMemory;
      setSlot(k, amp!, idx, nap, 0);
      return load(k, pi, vpn, st.anon.an_page[nap]!, prot);
    }
    if (ap) {
      const pp = anon_getpage(k, ap);
      if (!pp) return noMemory;
      if (seg.shared) {
        if (rw === "write") st.page.mod[pp] = 1;
        return load(k, pi, vpn, pp, prot);
      }
      if (brkcow && refcnt > 1) {
        const nap = anon_private(k, pi, vpn, pp);
        if (!nap) return noMemory;
        anon_decref(k, ap);
        setSlot(k, amp!, idx, nap, ap);
        return load(k, pi, vpn, st.anon.an_page[nap]!, prot);
      }
      if (rw === "write") st.page.mod[pp] = 1;
      return load(k, pi, vpn, pp, prot & (refcnt === 1 ? PROT_ALL : PROT_ALL & ~PROT_WRITE));
    }
    // A file page with no anon slot: F6, F7, F9.
    if (seg.shared) {
      if (rw === "write") st.page.mod[fp] = 1;
      return load(k, pi, vpn, fp, prot);
    }
    if (!brkcow) return load(k, pi, vpn, fp, prot & ~PROT_WRITE);
    if (seg.noreserve && !reserveOne(k, seg)) return sigbusNoreserve;
    const nap = anon_private(k, pi, vpn, fp);
    if (!nap) return noMemory;
    setSlot(k, amp!, idx, nap, 0);
    return load(k, pi, vpn, st.anon.an_page[nap]!, prot);
  });
}

/** anon_set_ptr: store the new anon in its slot (the slot held `old`, or nothing). */
function setSlot(k: K, amp: AnonMap, idx: number, ap: number, old: number): void {
  anon_set_ptr(amp.ahp, idx, ap, k.st.a.anonChunkSize);
  emit(
    k,
    "anon_set_ptr",
    SRC.vm_anon,
    () =>
      old
        ? `Store the new anon:${ap} in slot ${idx} of amp:${amp.id}, where anon:${old} was: this process now has its own copy.`
        : `Store anon:${ap} in slot ${idx} of amp:${amp.id}: this page is now anonymous memory.`,
    { amp: amp.id, anon: ap },
  );
}

/** hat_memload with its event. */
function load(k: K, pi: number, vpn: number, pp: number, prot: number): FaultResult {
  const st = k.st;
  const p = st.procs[pi]!;
  hat_memload(st, pi, vpn, pp, prot);
  const ppName = pageNamer(st, pp);
  emit(
    k,
    "hat_memload",
    hatSrc(k),
    () => `Load ${p.name}'s translation to ${ppName()} with prot ${protName(prot)}; the access completes.`,
    { proc: p.name, frame: pp },
  );
  return OK;
}

/** MAP_NORESERVE: reserve the one page at the fault that allocates it. */
function reserveOne(k: K, seg: Seg): boolean {
  if (!anon_resvmem(k, 1, `the first touch of a MAP_NORESERVE page of ${seg.name}`)) return false;
  seg.swresv += 1;
  return true;
}

const sigbusNoreserve: FaultResult = {
  code: "FC_OBJERR",
  why: "the MAP_NORESERVE page cannot be reserved (segvn_faultpage returns FC_MAKE_ERR(ENOMEM)), so it is SIGBUS (BUS_OBJERR, si_errno ENOMEM)",
};

/**
 * A page of a file mapping past the end of the file (mmap allows the mapping): the file system's
 * getpage refuses it with EFAULT, segvn_fault turns that into FC_OBJERR and trap into SIGBUS.
 */
function beyondEof(k: K, file: number, index: number): FaultResult {
  const f = k.st.files[file]!;
  emit(
    k,
    "ufs_getpage",
    SRC.ufs_vnops,
    `Page ${index} of ${f.path} lies past the end of the file (${f.pages} ${f.pages === 1 ? "page" : "pages"}): VOP_GETPAGE returns EFAULT and segvn_fault returns FC_OBJERR.`,
  );
  return {
    code: "FC_OBJERR",
    why: "the page lies beyond the end of the file, so it is SIGBUS (BUS_OBJERR, si_errno EFAULT)",
  };
}
