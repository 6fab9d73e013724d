import { anon_alloc, anon_decref, hex, swapfsOff } from "./anon";
import { anon_create, anon_get_ptr, anon_set_ptr } from "./anon_hdr";
import { emit, type K } from "./events";
import { hat_get, hat_memload, hat_unload } from "./hat";
import { page_lookup_file, pageName, pageNamer } from "./page";
import { page_create_va } from "./pageout";
import { growStack } from "./proc";
import { segAt, segLabel, segPageProt, protName } from "./segs";
import { SRC } from "./src";
import { swap_phys_free, anon_resvmem } from "./swap";
import {
  P_ANON,
  P_FILE,
  PROT_ALL,
  PROT_READ,
  PROT_WRITE,
  type AnonMap,
  type Seg,
  type StepResult,
} from "./types";

/**
 * A user access to one page, and the fault that follows when the MMU cannot satisfy it:
 * trap → as_fault → segvn_fault → segvn_faultpage (anon-layer.md b.6, table F1–F11).
 */

export type Rw = "read" | "write";

const trapSrc = (k: K): string => (k.st.a.arch === "x86" ? SRC.trap_i86 : SRC.trap_sun4);

/** anonmap_alloc: a new anon_map of `pages` slots with refcnt 1. */
export function anonmap_alloc(k: K, pages: number, swresv: number, why: string): AnonMap {
  const st = k.st;
  const id = st.nextAmp++;
  const amp: AnonMap = { id, refcnt: 1, size: pages, swresv, ahp: anon_create(pages, st.a.anonChunkSize) };
  st.amps.set(id, amp);
  const h = amp.ahp;
  const shape =
    h.levels === 1
      ? `a flat anon_hdr of exactly ${h.size} slot ${h.size === 1 ? "pointer" : "pointers"}`
      : `a two-level anon_hdr: ${pages} pages need more than one page of slot pointers (${st.a.anonChunkSize}), so the size rounds up to ${h.size} slots in ${h.chunks.length} chunks, none allocated yet`;
  emit(k, "anonmap_alloc", SRC.vm_anon, () => `${why}: make amp:${id} (refcnt 1) with ${shape}.`, {
    amp: id,
  });
  return amp;
}

/** Store ap in slot idx, saying so when the store allocates a second-level chunk. */
function setSlot(k: K, amp: AnonMap, idx: number, ap: number): void {
  const chunk = k.st.a.anonChunkSize;
  const h = amp.ahp;
  const ci = Math.floor(idx / chunk);
  const newChunk = h.levels === 2 && !h.chunks[ci];
  anon_set_ptr(h, idx, ap, chunk);
  if (newChunk)
    emit(
      k,
      "anon_set_ptr",
      SRC.vm_anon,
      () =>
        `Slot ${idx} of amp:${amp.id} lies in chunk ${ci}, which does not exist yet: allocate that chunk (one page of ${chunk} slot pointers), then store anon:${ap} at entry ${idx % chunk}.`,
      { amp: amp.id, anon: ap },
    );
}

/** One access by process `pi` to page vpn. Returns the step result for this page. */
export function userAccess(k: K, pi: number, vpn: number, rw: Rw): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const need = rw === "write" ? PROT_WRITE : PROT_READ;
  const t = hat_get(p, vpn);
  const seg = segAt(p, vpn);
  // written only when an event that says it is kept (seg's fields are read now)
  const pageNo = seg ? seg.first + (vpn - seg.base) : -1;
  const segName = seg?.name;
  const where = (): string =>
    segName !== undefined ? `page ${pageNo} of ${segName}` : `address ${hex(vpn * st.a.pageSize)}`;
  if (t && t.prot & need) {
    st.page.ref[t.page] = 1;
    if (rw === "write") st.page.mod[t.page] = 1;
    emit(
      k,
      "trap",
      trapSrc(k),
      () =>
        `No fault: ${p.name}'s translation for ${where()} already allows a ${rw}, so the MMU completes it without entering the kernel.`,
      { proc: p.name, frame: t.page },
    );
    return "ok";
  }
  emit(
    k,
    "trap",
    trapSrc(k),
    () =>
      `${p.name} ${rw}s ${where()}: ${t ? `its translation allows only ${protName(t.prot)}` : "no translation is loaded"}, so the MMU raises a page fault and trap calls as_fault (${t ? "F_PROT" : "F_INVAL"}, ${rw === "write" ? "S_WRITE" : "S_READ"}).`,
    { proc: p.name, ...(seg ? { seg: seg.name } : {}) },
  );
  if (!seg) {
    emit(k, "as_fault", SRC.vm_as, () => `No segment of ${p.name} covers ${where()}: FC_NOMAP.`, {
      proc: p.name,
    });
    // trap tries stack growth first: an address below the stack, within its limit, grows it.
    const bottom = p.usrstack - p.stksize;
    if (vpn < bottom && vpn >= p.usrstack - st.a.stackLimitPages) {
      const r = growStack(k, pi, bottom - vpn);
      return r === "ok" ? userAccess(k, pi, vpn, rw) : r;
    }
    emit(k, "trap", trapSrc(k), () => `The fault cannot be resolved: ${p.name} gets SIGSEGV (SEGV_MAPERR).`, {
      proc: p.name,
    });
    return "SIGSEGV";
  }
  emit(
    k,
    "as_fault",
    SRC.vm_as,
    () => `as_fault finds the segment ${segLabel(seg, st)} and calls its fault routine, segvn_fault.`,
    { proc: p.name, seg: seg.name },
  );
  return segvn_fault(k, pi, seg, vpn, rw);
}

/** segvn_fault for one page: protection check, lazy amp, then the per-page decision. */
export function segvn_fault(k: K, pi: number, seg: Seg, vpn: number, rw: Rw): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const i = vpn - seg.base;
  const prot = segPageProt(seg, i);
  const need = rw === "write" ? PROT_WRITE : PROT_READ;
  const refs = { proc: p.name, seg: seg.name, page: seg.first + i };
  if (!(prot & need)) {
    emit(
      k,
      "segvn_fault",
      SRC.seg_vn,
      () =>
        `The page's protection is ${protName(prot)}: a ${rw} is not allowed, so segvn_fault returns FC_PROT.`,
      refs,
    );
    emit(
      k,
      "trap",
      trapSrc(k),
      () =>
        `${p.name} gets SIGSEGV (SEGV_ACCERR): the access violates the mapping's protection. Nothing changes.`,
      refs,
    );
    return "SIGSEGV";
  }
  const brkcow = rw === "write" && !seg.shared;
  if (!seg.amp && (seg.vp < 0 || brkcow)) {
    const why =
      seg.vp < 0
        ? "The segment is anonymous and has no anon_map yet"
        : "A write to a private file mapping needs an anon_map for its copies";
    const amp = anonmap_alloc(k, seg.pages, 0, why);
    seg.amp = amp.id;
    seg.anon_index = 0;
  }
  const outer = k.at;
  k.at = refs;
  const r = segvn_faultpage(k, pi, seg, i, rw, brkcow);
  k.at = outer;
  if (r === "ENOMEM")
    emit(
      k,
      "segvn_faultpage",
      SRC.seg_vn,
      () =>
        `No page of memory can be had for ${refs.seg} page ${refs.page} (the page daemon freed none): the simulator stops the access with ENOMEM where the real kernel would wait.`,
      refs,
    );
  return r;
}

function segvn_faultpage(k: K, pi: number, seg: Seg, i: number, rw: Rw, brkcow: boolean): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const vpn = seg.base + i;
  const prot = segPageProt(seg, i);
  const refs = { proc: p.name, seg: seg.name, page: seg.first + i };
  const amp = seg.amp ? st.amps.get(seg.amp)! : null;
  const idx = seg.anon_index + i;
  const ap = amp ? anon_get_ptr(amp.ahp, idx, st.a.anonChunkSize) : 0;

  if (seg.vp < 0 && !ap) {
    // F1: anonymous memory never touched: zero-fill on demand, read or write alike.
    if (seg.noreserve && !reserveOne(k, seg)) return sigbus(k, p.name);
    const nap = anon_zero(k, amp!, idx);
    if (!nap) return "ENOMEM";
    emit(
      k,
      "segvn_faultpage",
      SRC.seg_vn,
      () =>
        `Slot ${idx} of amp:${amp!.id} was empty: anon_zero made anon:${nap} for ${refs.seg} page ${refs.page}${rw === "read" ? " (a read fault also gets a real zero page: seg_vn has no shared zero page)" : ""}.`,
      { ...refs, anon: nap },
    );
    return load(k, pi, vpn, st.anon.an_page[nap]!, prot);
  }

  if (ap) {
    const pp = anon_getpage(k, ap);
    if (!pp) return "ENOMEM";
    const refcnt = st.anon.an_refcnt[ap]!;
    if (seg.shared) {
      emit(
        k,
        "segvn_faultpage",
        SRC.seg_vn,
        () =>
          `MAP_SHARED: every process maps the one page of anon:${ap} (an_refcnt ${refcnt}); a shared anon page is never copied on write.`,
        { ...refs, anon: ap },
      );
      if (rw === "write") st.page.mod[pp] = 1;
      return load(k, pi, vpn, pp, prot);
    }
    if (brkcow && refcnt > 1) return cow(k, pi, seg, i, amp!, ap, pp);
    const allow = refcnt === 1 ? PROT_ALL : PROT_ALL & ~PROT_WRITE;
    emit(
      k,
      "segvn_faultpage",
      SRC.seg_vn,
      refcnt === 1
        ? `anon:${ap} has an_refcnt 1: this process is its only holder, so the page is used in place${rw === "write" ? " and mapped writable: no copy" : ""}.`
        : `anon:${ap} has an_refcnt ${refcnt}: other processes share it, so a read maps it read-only (the next write will copy it).`,
      { ...refs, anon: ap },
    );
    if (rw === "write") st.page.mod[pp] = 1;
    return load(k, pi, vpn, pp, prot & allow);
  }

  // A file page with no anon slot: F6, F7, F9.
  const fileIdx = seg.offset + i;
  if (fileIdx >= st.files[seg.vp]!.pages) return beyondEof(k, p.name, seg.vp, fileIdx);
  const fp = file_getpage(k, seg.vp, fileIdx);
  if (!fp) return "ENOMEM";
  if (seg.shared) {
    if (rw === "write") st.page.mod[fp] = 1;
    emit(
      k,
      "segvn_faultpage",
      SRC.seg_vn,
      () =>
        `MAP_SHARED file mapping: ${p.name} maps the file's own page${rw === "write" ? "; the write changes the page cache page, which goes back to the file later" : ""}. No anon is involved.`,
      { ...refs, frame: fp },
    );
    return load(k, pi, vpn, fp, prot);
  }
  if (!brkcow) {
    emit(
      k,
      "segvn_faultpage",
      SRC.seg_vn,
      () =>
        `MAP_PRIVATE file page, read: map the file's page with write taken out of vpprot, so a later write will fault and copy it.`,
      { ...refs, frame: fp },
    );
    return load(k, pi, vpn, fp, prot & ~PROT_WRITE);
  }
  if (seg.noreserve && !reserveOne(k, seg)) return sigbus(k, p.name);
  const nap = anon_private(k, pi, vpn, fp, amp!, idx);
  if (!nap) return "ENOMEM";
  return load(k, pi, vpn, st.anon.an_page[nap]!, prot);
}

/** A write to a private page whose anon has other holders: copy it (F4). */
function cow(k: K, pi: number, seg: Seg, i: number, amp: AnonMap, old: number, pp: number): StepResult {
  const st = k.st;
  const vpn = seg.base + i;
  const refcnt = st.anon.an_refcnt[old]!;
  emit(
    k,
    "segvn_faultpage",
    SRC.seg_vn,
    () =>
      `anon:${old} has an_refcnt ${refcnt}: other processes hold it, so vpprot lacks write and this is a copy-on-write fault.`,
    { proc: st.procs[pi]!.name, seg: seg.name, page: seg.first + i, anon: old },
  );
  const nap = anon_private(k, pi, vpn, pp, amp, seg.anon_index + i);
  if (!nap) return "ENOMEM";
  anon_decref(k, old);
  return load(k, pi, vpn, st.anon.an_page[nap]!, segPageProt(seg, i));
}

/** hat_memload with its event. */
function load(k: K, pi: number, vpn: number, pp: number, prot: number): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  hat_memload(st, pi, vpn, pp, prot);
  const ppName = pageNamer(st, pp);
  emit(
    k,
    "hat_memload",
    st.a.arch === "x86" ? SRC.hat_i86 : SRC.hat_sfmmu,
    () => `Load ${p.name}'s translation to ${ppName()} with prot ${protName(prot)}; the access completes.`,
    { proc: p.name, frame: pp },
  );
  return "ok";
}

/** MAP_NORESERVE: reserve the one page at the fault that allocates it. */
function reserveOne(k: K, seg: Seg): boolean {
  if (!anon_resvmem(k, 1, `the first touch of a MAP_NORESERVE page of ${seg.name}`)) return false;
  seg.swresv += 1;
  return true;
}

function sigbus(k: K, name: string): StepResult {
  emit(
    k,
    "segvn_faultpage",
    SRC.seg_vn,
    () => `The page cannot be reserved (ENOMEM): ${name} gets SIGBUS (BUS_OBJERR).`,
    { proc: name },
  );
  return "SIGBUS";
}

/** anon_zero: a new anon and a zero-filled page under its name, stored in the slot. 0: no memory. */
function anon_zero(k: K, amp: AnonMap, idx: number): number {
  const ap = anon_alloc(k);
  const pp = page_create_va(k, P_ANON, ap, 0);
  if (!pp) {
    anon_decref(k, ap);
    return 0;
  }
  k.st.page.mod[pp] = 1;
  const ppName = pageNamer(k.st, pp);
  const pfn = k.st.page.pfn[pp];
  emit(
    k,
    "anon_zero",
    SRC.vm_anon,
    () =>
      `Create ${ppName()} in frame ${pfn}, fill it with zeros and mark it referenced and modified (zfod).`,
    { anon: ap, frame: pp },
  );
  setSlot(k, amp, idx, ap);
  return ap;
}

/**
 * anon_private: copy `src` (a file page or a shared anon page) into a new anon's page, unload
 * this process's old translation and release the source page; then segvn_faultpage stores the
 * new anon in the slot. The caller drops the old anon.
 */
function anon_private(k: K, pi: number, vpn: number, src: number, amp: AnonMap, idx: number): number {
  const st = k.st;
  k.busy.add(src);
  const ap = anon_alloc(k);
  const pp = page_create_va(k, P_ANON, ap, 0);
  if (!pp) {
    anon_decref(k, ap);
    k.busy.delete(src);
    return 0;
  }
  st.page.mod[pp] = 1;
  const ppName = pageNamer(st, pp);
  const srcName = pageNamer(st, src);
  emit(
    k,
    "anon_private",
    SRC.vm_anon,
    () => `Copy-on-write: create ${ppName()} and copy ${srcName()} into it (ppcopy).`,
    { anon: ap, frame: pp, from: src },
  );
  const p = st.procs[pi]!;
  if (hat_get(p, vpn)) {
    hat_unload(st, pi, vpn);
    emit(
      k,
      "hat_unload",
      st.a.arch === "x86" ? SRC.hat_i86 : SRC.hat_sfmmu,
      () => `Unload ${p.name}'s read-only translation to the old page ${srcName()}.`,
      { proc: p.name, frame: src },
    );
  }
  const fileSrc = st.page.kind[src] === P_FILE;
  const still = st.page.mapping[src] !== 0;
  emit(
    k,
    "page_release",
    SRC.vm_page,
    fileSrc
      ? `Release the file page: it stays in the page cache, unchanged${still ? " (other processes still map it)" : "; nobody maps it now, so it sits on the cachelist"}. The file itself is never written.`
      : `Release the old page: it stays in memory, unchanged, for the anon's other holders.`,
    { frame: src },
  );
  setSlot(k, amp, idx, ap);
  const old = fileSrc ? 0 : (st.page.owner[src] ?? 0);
  emit(
    k,
    "anon_set_ptr",
    SRC.vm_anon,
    old
      ? `segvn_faultpage re-points slot ${idx} of amp:${amp.id} from anon:${old} to the new anon:${ap}.`
      : `segvn_faultpage stores the new anon:${ap} in slot ${idx} of amp:${amp.id}: this page is now anonymous memory.`,
    { amp: amp.id, anon: ap },
  );
  k.busy.delete(src);
  return ap;
}

/** anon_getpage: the anon's page, from memory or paged in from its swap slot. 0: no memory. */
function anon_getpage(k: K, ap: number): number {
  const st = k.st;
  const pp = st.anon.an_page[ap]!;
  if (pp) {
    const refcnt = st.anon.an_refcnt[ap];
    const ppName = pageNamer(st, pp);
    emit(
      k,
      "anon_getpage",
      SRC.vm_anon,
      () => `anon:${ap} (an_refcnt ${refcnt}) has its page in memory: ${ppName()}.`,
      { anon: ap, frame: pp },
    );
    return pp;
  }
  const slot = st.anon.an_pslot[ap]!;
  emit(
    k,
    "anon_getpage",
    SRC.vm_anon,
    () => `anon:${ap}'s page is not in memory: ask swapfs for it (swap_getpage).`,
    { anon: ap },
  );
  const np = page_create_va(k, P_ANON, ap, 0);
  if (!np) return 0;
  if (slot) {
    swap_phys_free(st, slot);
    st.anon.an_pslot[ap] = 0;
  }
  st.page.mod[np] = 1;
  const npName = pageNamer(st, np);
  emit(
    k,
    "swap_getapage",
    SRC.swap_vnops,
    () =>
      `Create ${npName()}, read it from swap slot ${slot}, then free that slot and clear an_pvp: the page now has no disk copy, so it is marked modified.`,
    { anon: ap, frame: np, swapSlot: slot },
  );
  return np;
}

/** VOP_GETPAGE on a file: the page from the page cache, or read from disk. 0: no memory. */
/**
 * A page of a file mapping past the end of the file (mmap allows the mapping): the file system's
 * getpage refuses it with EFAULT, segvn_fault turns that into FC_OBJERR and trap into SIGBUS.
 */
function beyondEof(k: K, name: string, file: number, index: number): StepResult {
  const f = k.st.files[file]!;
  emit(
    k,
    "ufs_getpage",
    SRC.ufs_vnops,
    `Page ${index} of ${f.path} lies past the end of the file (${f.pages} ${f.pages === 1 ? "page" : "pages"}): VOP_GETPAGE returns EFAULT and segvn_fault returns FC_OBJERR.`,
  );
  emit(
    k,
    "trap",
    trapSrc(k),
    `${name} gets SIGBUS (BUS_OBJERR, si_errno EFAULT): the page lies beyond the end of the file. Nothing changes.`,
    { proc: name },
  );
  return "SIGBUS";
}

function file_getpage(k: K, file: number, index: number): number {
  const st = k.st;
  const found = page_lookup_file(st, file, index);
  const path = st.files[file]!.path;
  if (found) {
    emit(
      k,
      "ufs_getpage",
      SRC.ufs_vnops,
      `The page at offset ${hex(index * st.a.pageSize)} of ${path} is in the page cache: ${pageName(st, found)}.`,
      { frame: found },
    );
    return found;
  }
  const pp = page_create_va(k, P_FILE, file, index);
  if (!pp) return 0;
  emit(
    k,
    "ufs_getpage",
    SRC.ufs_vnops,
    `Read the page at offset ${hex(index * st.a.pageSize)} of ${path} from disk into ${pageName(st, pp)} (frame ${st.page.pfn[pp]}).`,
    { frame: pp },
  );
  return pp;
}

export { swapfsOff };
