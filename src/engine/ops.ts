import type { PageRange, Prot } from "../contract/ast";
import { hexAddr } from "./arch";
import { anon_get_ptr } from "./anon_hdr";
import { beginPage, emit, endPage, nest, type K } from "./events";
import { userAccess, type Rw } from "./trap";
import { segvn_setprot } from "./mprotect";
import { page_lookup_file, pageName } from "./page";
import { checkpage, reuseFrame } from "./pageout";
import { segvn_create } from "./seg_vn";
import { roomFor } from "./room";
import { mappingVpn, parseProt, piecesOf, segAt } from "./segs";
import { SRC } from "../contract/kernel/source";
import { pl } from "./swap";
import { segvn_unmap } from "./unmap";
import { PROT_ALL, type Seg, type StepResult } from "./types";

/** The mapping system calls and page-range statements of the scenario language. */

const ALIGN_BYTES = 64 * 1024;

export interface MmapArgs {
  seg: string;
  source: string;
  pages: number;
  prot: Prot;
  shared: boolean;
  offset: number;
  noreserve: boolean;
}

export function mmap(k: K, pi: number, m: MmapArgs): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  if (p.segs.some((s) => s.name === m.seg)) {
    emit(
      k,
      "smmap_common",
      SRC.grow,
      `${p.name} already has a mapping named ${m.seg}: the simulator refuses to reuse the name (EINVAL).`,
      { proc: p.name },
    );
    return "EINVAL";
  }
  const anonymous = m.source === "/dev/zero" || m.source === "anon";
  const vp = anonymous ? -1 : st.files.findIndex((f) => f.path === m.source);
  if (vp < 0 && !anonymous) {
    emit(
      k,
      "smmap_common",
      SRC.grow,
      `The scenario has no file named ${m.source}, so the simulator refuses the mmap (EINVAL); a real program would already have failed at open (ENOENT).`,
      { proc: p.name },
    );
    return "EINVAL";
  }
  if (!roomFor(k, pi, 1, m.pages, "smmap_common", `mapping ${m.seg}`)) {
    emit(k, "smmap_common", SRC.grow, "mmap returns MAP_FAILED with errno ENOMEM.", { proc: p.name });
    return "ENOMEM";
  }
  // Top-down placement, 64 KiB aligned, with a gap so separate mappings never touch or merge.
  const align = Math.max(1, ALIGN_BYTES / st.a.pageSize);
  const base = Math.floor((p.mmapTop - m.pages) / align) * align;
  if (p.segs.some((s) => s.base < base + m.pages && base < s.base + s.pages) || base <= st.a.textVpn) {
    emit(
      k,
      "choose_addr",
      SRC.grow,
      `No free range of ${m.pages} pages is left in ${p.name}'s address space: ENOMEM.`,
      { proc: p.name },
    );
    return "ENOMEM";
  }
  const how =
    m.source === "/dev/zero"
      ? "mmsegmap (the /dev/zero driver) asks for anonymous memory: vp NULL, amp NULL"
      : m.source === "anon"
        ? "MAP_ANON: zmap asks for anonymous memory: vp NULL, amp NULL"
        : `${m.source} is a file: ufs_map maps it with vp set`;
  emit(
    k,
    "smmap_common",
    SRC.grow,
    `${p.name} calls mmap for ${m.seg} (${m.pages} ${pl(m.pages)}); the address chosen is ${hexAddr(base, st.a)} (the simulator's placement: top-down, 64 KiB aligned, never next to another mapping; the real map_addr differs). ${how}.`,
    { proc: p.name },
  );
  const r = nest(k, () =>
    segvn_create(
      k,
      pi,
      base,
      m.pages,
      {
        name: m.seg,
        first: 0,
        vp,
        offset: m.offset,
        shared: m.shared,
        prot: parseProt(m.prot.r, m.prot.w, m.prot.x),
        maxprot: PROT_ALL,
        noreserve: m.noreserve,
        source: m.source === "/dev/zero" ? "zero" : m.source === "anon" ? "anon" : "file",
      },
      `segvn_create for ${m.seg}`,
    ),
  );
  if (!r.ok) {
    emit(
      k,
      "smmap_common",
      SRC.grow,
      "mmap returns MAP_FAILED with errno EAGAIN: the swap reservation could not be made.",
      { proc: p.name },
    );
    return "EAGAIN";
  }
  p.mmapTop = base - align;
  return "ok";
}

/** Pieces of the mapping that [from,to] touches, with the page range inside each. */
function overlapping(
  k: K,
  pi: number,
  name: string,
  range: PageRange | null,
): { seg: Seg; i: number; n: number }[] | null {
  const p = k.st.procs[pi]!;
  const pieces = piecesOf(p, name);
  if (pieces.length === 0) {
    emit(k, "as_unmap", SRC.vm_as, `${p.name} has no mapping named ${name}: EINVAL.`, { proc: p.name });
    return null;
  }
  const out = [];
  for (const seg of pieces) {
    const lo = range ? Math.max(range.from, seg.first) : seg.first;
    const hi = range ? Math.min(range.to, seg.first + seg.pages - 1) : seg.first + seg.pages - 1;
    if (lo <= hi) out.push({ seg, i: lo - seg.first, n: hi - lo + 1 });
  }
  return out;
}

export function munmap(k: K, pi: number, name: string, range: PageRange | null): StepResult {
  const parts = overlapping(k, pi, name, range);
  if (!parts) return "EINVAL";
  const p = k.st.procs[pi]!;
  emit(
    k,
    "as_unmap",
    SRC.vm_as,
    `${p.name} calls munmap on ${name}${range ? ` pages ${range.from}..${range.to}` : ""}: as_unmap calls segvn_unmap for each segment in the range${parts.length ? "" : " (none: the range is already a hole)"}.`,
    { proc: p.name, seg: name },
  );
  // A hole in the middle of a segment splits it in two (one segment more).
  const splits = parts.filter(({ seg, i, n }) => i > 0 && i + n < seg.pages).length;
  if (!roomFor(k, pi, splits, 0, "as_unmap", `splitting ${name} around the hole`)) {
    emit(k, "as_unmap", SRC.vm_as, "munmap fails with ENOMEM; nothing is unmapped.", { proc: p.name });
    return "ENOMEM";
  }
  nest(k, () => {
    for (const { seg, i, n } of parts) segvn_unmap(k, pi, seg, i, n);
  });
  return "ok";
}

export function mprotect(k: K, pi: number, name: string, prot: Prot, range: PageRange | null): StepResult {
  const parts = overlapping(k, pi, name, range);
  if (!parts) return "EINVAL";
  const p = k.st.procs[pi]!;
  emit(
    k,
    "as_setprot",
    SRC.vm_as,
    `${p.name} calls mprotect on ${name}${range ? ` pages ${range.from}..${range.to}` : ""}: as_setprot calls segvn_setprot for each segment in the range.`,
    { proc: p.name, seg: name },
  );
  // as_setprot walks a range segment by segment and stops with ENOMEM at the first unmapped
  // page: the segments before the hole keep their new protection (vm/vm_as.c). Without a
  // range the statement names every piece of the mapping, so holes between pieces don't count.
  const bits = parseProt(prot.r, prot.w, prot.x);
  let next = range ? range.from : 0;
  for (const { seg, i, n } of parts) {
    if (range && seg.first + i !== next) return holeAt(k, p.name, next);
    const r = nest(k, () => segvn_setprot(k, pi, seg, i, n, bits));
    if (r !== "ok") return r;
    next = seg.first + i + n;
  }
  if (range && next <= range.to) return holeAt(k, p.name, next);
  return "ok";
}

function holeAt(k: K, proc: string, page: number): StepResult {
  emit(
    k,
    "as_setprot",
    SRC.vm_as,
    `Page ${page} of the range is not mapped: as_setprot stops there with ENOMEM; the pages before it keep their new protection.`,
    { proc },
  );
  return "ENOMEM";
}

/** read/write: touch each page in turn; the first page that faults fatally ends the step. */
export function touch(k: K, pi: number, name: string, range: PageRange, rw: Rw): StepResult {
  const p = k.st.procs[pi]!;
  // the addresses are fixed when the statement starts: a touch below the stack renumbers the
  // stack's pages, but the next page of the range is still the next address
  const v0 = mappingVpn(p, name, range.from);
  if (v0 === null) {
    emit(k, "as_fault", SRC.vm_as, `${p.name} has no mapping named ${name}: EINVAL.`, { proc: p.name });
    return "EINVAL";
  }
  for (let n = range.from; n <= range.to; n++) {
    beginPage(k);
    const r = userAccess(k, pi, v0 + (n - range.from), rw);
    endPage(k, n);
    if (r !== "ok") return r;
  }
  return "ok";
}

/**
 * pageout P SEG A-B [reuse]: push out the pages behind those slots, as the page daemon would:
 * each goes to the cachelist under its name; with `reuse` its frame is then taken at once.
 */
export function pageout(k: K, pi: number, name: string, range: PageRange, reuse: boolean): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  if (mappingVpn(p, name, range.from) === null) {
    emit(k, "pageout", SRC.pageout, `${p.name} has no mapping named ${name}: EINVAL.`, { proc: p.name });
    return "EINVAL";
  }
  emit(
    k,
    "pageout",
    SRC.pageout,
    `The page daemon is told to push out the pages behind ${p.name}'s ${name} pages ${range.from}..${range.to}${reuse ? ", and their frames are then taken for other uses at once (reuse: memory is short)" : ""}. (Here the scenario names the pages; the real page scanner chooses them itself.)`,
    { proc: p.name, seg: name },
  );
  nest(k, () => {
    for (let n = range.from; n <= range.to; n++) {
      beginPage(k);
      const vpn = mappingVpn(p, name, n)!;
      const seg = segAt(p, vpn);
      const pp = seg ? pageBehind(k, seg, vpn - seg.base) : 0;
      const refs = { proc: p.name, seg: name, page: n };
      if (!pp)
        emit(
          k,
          "checkpage",
          SRC.pageout,
          `Page ${n} of ${name}: ${seg ? "no page in memory stands behind it" : "not mapped"}; nothing to push out.`,
          refs,
        );
      else if (st.page.cached[pp])
        emit(
          k,
          "checkpage",
          SRC.pageout,
          `Page ${n} of ${name}: its page ${pageName(st, pp)} is already free, on the cachelist; checkpage skips free pages.`,
          { ...refs, frame: pp },
        );
      else
        checkpage(
          k,
          pp,
          `the pageout statement names ${name} page ${n} of ${p.name}, whose backing page it is`,
        );
      if (pp && reuse) reuseFrame(k, pp);
      endPage(k, n);
    }
  });
  return "ok";
}

/** The page a slot stands for: the anon's page when the slot is used, else the file's page. */
function pageBehind(k: K, seg: Seg, i: number): number {
  const st = k.st;
  const amp = seg.amp ? st.amps.get(seg.amp) : undefined;
  const ap = amp ? anon_get_ptr(amp.ahp, seg.anon_index + i, st.a.anonChunkSize) : 0;
  if (ap) return st.anon.an_page[ap]!;
  if (seg.vp >= 0) return page_lookup_file(st, seg.vp, seg.offset + i);
  return 0;
}
