import { hex } from "./anon";
import { emit, nest, type K } from "./events";
import { noMemory, segvn_fault, type FaultResult, type Rw } from "./fault";
import { hat_get } from "./hat";
import { grow } from "./grow";
import { segvn_create } from "./seg_vn";
import { segAt, segLabel, protName } from "./segs";
import { SRC } from "../contract/kernel/source";
import { PROT_ALL, PROT_READ, PROT_WRITE, type StepResult } from "./types";

/**
 * A user access to one page and, when the MMU cannot complete it, the trap that follows:
 * trap → pagefault → as_fault → segvn_fault (anon-layer.md b.6). When no segment covers the
 * address, pagefault may refill a hole in the brk or stack area (sparc; x86 only for 32-bit
 * processes) and trap tries to grow the stack (b.5).
 */

const trapSrc = (k: K): string => (k.st.a.arch === "x86" ? SRC.trap_i86 : SRC.trap_sun4);
const pagefaultSrc = (k: K): string => (k.st.a.arch === "x86" ? SRC.vm_machdep_i86 : SRC.vm_dep_sun4);

export type { Rw };

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
      `${p.name} ${rw}s ${where()}: ${t ? `its translation allows only ${protName(t.prot)}` : "no translation is loaded"}, so the MMU raises a page fault and trap calls pagefault (${t ? "F_PROT" : "F_INVAL"}, ${rw === "write" ? "S_WRITE" : "S_READ"}).`,
    { proc: p.name, ...(seg ? { seg: seg.name } : {}) },
  );
  const r = nest(k, () => pagefault(k, pi, vpn, rw));
  if (r === null) return noMap(k, pi, vpn, rw);
  return signalOf(k, p.name, r);
}

/** `P stack N`: touch the address N pages below the bottom of the stack (a write, as a push is). */
export function touchBelowStack(k: K, pi: number, pages: number): StepResult {
  const p = k.st.procs[pi]!;
  return userAccess(k, pi, p.usrstack - p.stksize - pages, "write");
}

/** The trap's last word on a fault that did not complete. */
function signalOf(k: K, name: string, r: FaultResult): StepResult {
  if (r.code === "ok") return "ok";
  if (r.code === "NOMEM") {
    emit(k, "trap", trapSrc(k), `Stopped: ${r.why}.`, { proc: name });
    return "ENOMEM";
  }
  const sig = r.code === "FC_PROT" ? "SIGSEGV (SEGV_ACCERR)" : "SIGBUS (BUS_OBJERR)";
  emit(k, "trap", trapSrc(k), `pagefault returns ${r.code}: ${name} gets ${sig}: ${r.why}.`, { proc: name });
  return r.code === "FC_PROT" ? "SIGSEGV" : "SIGBUS";
}

/**
 * pagefault: as_fault, and on FC_NOMAP a hole in the brk or stack area refilled (sparc only,
 * b.5 item 5). null: FC_NOMAP stands, for trap to deal with.
 */
function pagefault(k: K, pi: number, vpn: number, rw: Rw): FaultResult | null {
  const st = k.st;
  const p = st.procs[pi]!;
  emit(k, "pagefault", pagefaultSrc(k), () => `pagefault calls as_fault on ${p.name}'s address space.`, {
    proc: p.name,
  });
  const first = nest(k, () => as_fault(k, pi, vpn, rw));
  if (first !== null) return first;
  const hole = holeAt(k, pi, vpn);
  if (!hole) return null;
  if (st.a.arch === "x86") {
    emit(
      k,
      "pagefault",
      pagefaultSrc(k),
      `The address lies in a hole of ${p.name}'s ${hole.area} area, but x86's pagefault refills such holes only for 32-bit processes: FC_NOMAP stands.`,
      { proc: p.name },
    );
    return null;
  }
  emit(
    k,
    "pagefault",
    pagefaultSrc(k),
    `The address lies in a hole of ${p.name}'s ${hole.area} area: pagefault finds the hole (as_gap), maps a new zero-fill segment over it (as_map, rwx) and calls as_fault again.`,
    { proc: p.name },
  );
  return nest(k, () => {
    const r = segvn_create(
      k,
      pi,
      hole.base,
      hole.pages,
      {
        name: hole.area,
        first: hole.first,
        vp: -1,
        offset: 0,
        shared: false,
        prot: PROT_ALL,
        maxprot: PROT_ALL,
        noreserve: false,
        source: hole.area,
      },
      "pagefault refills the hole",
    );
    if (!r.ok) return { code: "FC_OBJERR", why: "the hole could not be refilled (no swap to reserve)" };
    return as_fault(k, pi, vpn, rw) ?? { code: "FC_OBJERR", why: "no segment after the refill" };
  });
}

/** as_fault: the segment at vpn does the fault. null: no segment (FC_NOMAP). */
function as_fault(k: K, pi: number, vpn: number, rw: Rw): FaultResult | null {
  const st = k.st;
  const p = st.procs[pi]!;
  const seg = segAt(p, vpn);
  if (!seg) {
    emit(
      k,
      "as_fault",
      SRC.vm_as,
      () => `No segment of ${p.name} covers address ${hex(vpn * st.a.pageSize)}: as_fault returns FC_NOMAP.`,
      { proc: p.name },
    );
    return null;
  }
  emit(
    k,
    "as_fault",
    SRC.vm_as,
    () => `as_fault finds the segment ${segLabel(seg, st)} and calls its fault routine, segvn_fault.`,
    { proc: p.name, seg: seg.name },
  );
  return nest(k, () => segvn_fault(k, pi, seg, vpn, rw));
}

interface Hole {
  area: "heap" | "stack";
  base: number;
  pages: number;
  /** the mapping page number of base (heap: from p_brkbase; stack: from its bottom) */
  first: number;
}

/** The unmapped run around vpn inside the brk area or the stack area, if vpn lies in one. */
function holeAt(k: K, pi: number, vpn: number): Hole | null {
  const p = k.st.procs[pi]!;
  const areas: [Hole["area"], number, number][] = [
    ["heap", p.brkbase, p.brkbase + p.brksize],
    ["stack", p.usrstack - p.stksize, p.usrstack],
  ];
  for (const [area, lo, hi] of areas) {
    if (lo < 0 || vpn < lo || vpn >= hi) continue;
    let base = lo;
    let end = hi;
    for (const s of p.segs) {
      if (s.base + s.pages <= vpn) base = Math.max(base, s.base + s.pages);
      else if (s.base > vpn) end = Math.min(end, s.base);
    }
    const first = area === "heap" ? base - p.brkbase : base - p.stackOrigin;
    return { area, base, pages: end - base, first };
  }
  return null;
}

/**
 * FC_NOMAP reached trap: an address below p_usrstack makes trap call grow; if grow succeeds the
 * instruction is retried, else (or for any other address) the process gets SIGSEGV.
 */
function noMap(k: K, pi: number, vpn: number, rw: Rw): StepResult {
  const p = k.st.procs[pi]!;
  if (vpn < p.usrstack) {
    emit(
      k,
      "trap",
      trapSrc(k),
      `FC_NOMAP at an address below p_usrstack: trap calls grow, in case the stack must grow down to it.`,
      { proc: p.name },
    );
    const g = nest(k, () => grow(k, pi, vpn));
    if (g === "ok") {
      emit(k, "trap", trapSrc(k), "grow succeeded: trap returns and the access is retried.", {
        proc: p.name,
      });
      return userAccess(k, pi, vpn, rw);
    }
    if (g === "nomem") {
      emit(k, "trap", trapSrc(k), `Stopped: ${noMemory.why}.`, { proc: p.name });
      return "ENOMEM";
    }
    if (g === "spin") {
      emit(
        k,
        "trap",
        trapSrc(k),
        `grow reported success without mapping anything, so the real process would fault on this address again and again, forever (a 64-bit x86 process cannot get out of a stack hole). The simulator stops it instead: ${p.name} gets SIGSEGV (SEGV_MAPERR).`,
        { proc: p.name },
      );
      return "SIGSEGV";
    }
    emit(k, "trap", trapSrc(k), `grow failed (${g.fail}): ${p.name} gets SIGSEGV (SEGV_MAPERR).`, {
      proc: p.name,
    });
    return "SIGSEGV";
  }
  emit(k, "trap", trapSrc(k), `The fault cannot be resolved: ${p.name} gets SIGSEGV (SEGV_MAPERR).`, {
    proc: p.name,
  });
  return "SIGSEGV";
}
