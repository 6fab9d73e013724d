import { emit, beginPage, endPage, nest, type K } from "./events";
import { segvn_fault } from "./fault";
import { roomFor } from "./room";
import { segvn_create, type CrArgs } from "./seg_vn";
import { piecesOf, segAt } from "./segs";
import { SRC } from "../contract/kernel/source";
import { pl } from "./swap";
import { segvn_unmap } from "./unmap";
import { PROT_ALL, PROT_EXEC, PROT_READ, PROT_WRITE, type Proc, type StepResult } from "./types";
import { userAccess } from "./trap";

/**
 * Processes: exec of the standard image, exit, brk and stack growth (os/exec.c, os/exit.c,
 * os/grow.c). The standard image (documented in README and docs/engine.md):
 *   text   4 pages r-x  MAP_PRIVATE from /usr/bin/demo offset 0
 *   data   2 pages rw-  MAP_PRIVATE from /usr/bin/demo offset 4 (reserves 2 pages)
 *   heap   4 pages rw-  brk area right after data, untouched
 *   stack  2 pages rw-  just below p_usrstack; exec writes the arguments into its top page
 */

export const PROGRAM = "/usr/bin/demo";
const PROGRAM_PAGES = 6;
const HEAP_PAGES = 4;
const STACK_PAGES = 2;
/** Gap between the end of text and the start of data, in pages (64 KiB on x86). */
const DATA_GAP = 16;

export function spawn(k: K, name: string, empty: boolean): StepResult {
  const st = k.st;
  const a = st.a;
  const p: Proc = {
    name,
    pid: st.nextPid++,
    alive: true,
    psargs: empty ? name : "demo",
    segs: [],
    hat: new Map(),
    brkbase: -1,
    brksize: 0,
    usrstack: a.usrstackVpn,
    stksize: 0,
    stackOrigin: a.usrstackVpn,
    mmapTop: a.mmapTopVpn,
  };
  st.procs.push(p);
  const pi = st.procs.length - 1;
  if (empty) {
    emit(
      k,
      "exec_common",
      SRC.exec,
      `${name} (pid ${p.pid}) starts with an empty address space: no text, data, heap or stack.`,
      { proc: name },
    );
    return "ok";
  }
  let prog = st.files.findIndex((f) => f.path === PROGRAM);
  if (prog < 0) prog = st.files.push({ path: PROGRAM, pages: PROGRAM_PAGES }) - 1;
  emit(
    k,
    "exec_common",
    SRC.exec,
    `${name} (pid ${p.pid}) runs ${PROGRAM}: its text and data are mapped from the program file, a heap follows the data, and a stack is set up below p_usrstack.${a.arch === "sparc" && st.ramPages * a.pageSize >= 2 ** 30 ? " (With 1 GiB of RAM or more, illumos on sparc may give the heap and the stack 4 MiB large pages; the simulator uses base pages only.)" : ""}`,
    { proc: name },
  );
  const rx = PROT_READ | PROT_EXEC;
  const rw = PROT_READ | PROT_WRITE;
  const file = { vp: prog, shared: false, maxprot: PROT_ALL, noreserve: false, first: 0 };
  const anon = { vp: -1, offset: 0, shared: false, prot: rw, maxprot: PROT_ALL, noreserve: false, first: 0 };
  const dataVpn = a.textVpn + 4 + DATA_GAP;
  p.brkbase = dataVpn + 2;
  p.stackOrigin = p.usrstack - STACK_PAGES;
  const image: [number, number, CrArgs, string][] = [
    [a.textVpn, 4, { ...file, name: "text", offset: 0, prot: rx, source: "text" }, "Map the program text"],
    [dataVpn, 2, { ...file, name: "data", offset: 4, prot: rw, source: "data" }, "Map the program data"],
    [p.brkbase, HEAP_PAGES, { ...anon, name: "heap", source: "heap" }, "brk maps the initial heap"],
    [p.stackOrigin, STACK_PAGES, { ...anon, name: "stack", source: "stack" }, "Map the initial stack"],
  ];
  const built = nest(k, () => {
    for (const [base, pages, args, why] of image) {
      if (segvn_create(k, pi, base, pages, args, why).ok) continue;
      for (const s of [...p.segs]) segvn_unmap(k, pi, s, 0, s.pages);
      return false;
    }
    return true;
  });
  if (!built) {
    // the last event says why the step failed (scenario-format.md §3)
    emit(
      k,
      "exec_common",
      SRC.exec,
      `exec cannot build ${name}'s image (no swap to reserve): what was mapped is undone and the new process never runs (EAGAIN).`,
      { proc: name },
    );
    st.procs.pop();
    st.nextPid--;
    return "EAGAIN";
  }
  p.brksize = HEAP_PAGES;
  p.stksize = STACK_PAGES;
  return nest(k, () => {
    emit(
      k,
      "exec_args",
      SRC.exec,
      `exec copies ${name}'s arguments and environment onto the top page of its stack (a write to a page not touched yet, so it faults).`,
      { proc: name, seg: "stack" },
    );
    return nest(k, () => userAccess(k, pi, p.usrstack - 1, "write"));
  });
}

/** exit → relvm → as_free: every segment is unmapped whole. */
export function exit(k: K, pi: number): StepResult {
  const p = k.st.procs[pi]!;
  emit(
    k,
    "exit",
    SRC.exit,
    `${p.name} exits: relvm calls as_free, which unmaps every segment of its address space.`,
    { proc: p.name },
  );
  nest(k, () => {
    for (const seg of [...p.segs]) segvn_unmap(k, pi, seg, 0, seg.pages);
  });
  p.alive = false;
  p.hat = new Map();
  emit(k, "exit", SRC.exit, `${p.name}'s address space is gone.`, { proc: p.name });
  return "ok";
}

/** brk_internal: grow the heap by `pages`; no page is touched. */
export function sbrk(k: K, pi: number, pages: number): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  if (p.brkbase < 0) p.brkbase = st.a.textVpn + 4 + DATA_GAP + 2;
  const base = p.brkbase + p.brksize;
  emit(
    k,
    "brk_internal",
    SRC.grow,
    `${p.name} asks brk for ${pages} more ${pl(pages)}: map them as zero-fill-on-demand right after the heap's end.`,
    { proc: p.name, seg: "heap" },
  );
  if (overlaps(p, base, pages)) {
    emit(k, "brk_internal", SRC.grow, "Another mapping is in the way of the heap: ENOMEM.", { proc: p.name });
    return "ENOMEM";
  }
  const heapSegs = p.segs.some((s) => s.name === "heap") ? 0 : 1;
  if (!roomFor(k, pi, heapSegs, pages, "brk_internal", "growing the heap")) {
    emit(k, "brk_internal", SRC.grow, "brk fails with ENOMEM.", { proc: p.name });
    return "ENOMEM";
  }
  const rw = PROT_READ | PROT_WRITE;
  const r = nest(k, () =>
    segvn_create(
      k,
      pi,
      base,
      pages,
      {
        name: "heap",
        first: p.brksize,
        vp: -1,
        offset: 0,
        shared: false,
        prot: rw,
        maxprot: PROT_ALL,
        noreserve: false,
        source: "heap",
      },
      "brk maps the new heap pages",
    ),
  );
  if (!r.ok) {
    emit(
      k,
      "brk_internal",
      SRC.grow,
      "brk fails with EAGAIN (the code returns segvn_create's error; the man page says ENOMEM).",
      { proc: p.name },
    );
    return "EAGAIN";
  }
  p.brksize += pages;
  return "ok";
}

/** `P stack N`: touch the address N pages below the bottom of the stack (a write, as a push is). */
export function touchBelowStack(k: K, pi: number, pages: number): StepResult {
  const p = k.st.procs[pi]!;
  return userAccess(k, pi, p.usrstack - p.stksize - pages, "write");
}

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

function overlaps(p: Proc, base: number, pages: number): boolean {
  return p.segs.some((s) => s.base < base + pages && base < s.base + s.pages);
}
