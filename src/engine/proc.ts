import { emit, beginPage, endPage, type K } from "./events";
import { segvn_fault } from "./fault";
import { roomFor } from "./room";
import { segvn_create, type CrArgs } from "./seg_vn";
import { piecesOf, segAt } from "./segs";
import { SRC } from "./src";
import { pl } from "./swap";
import { segvn_unmap } from "./unmap";
import { PROT_ALL, PROT_EXEC, PROT_READ, PROT_WRITE, type Proc, type StepResult } from "./types";
import { userAccess } from "./fault";

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
    `${name} (pid ${p.pid}) runs ${PROGRAM}: its text and data are mapped from the program file, a heap follows the data, and a stack is set up below p_usrstack.`,
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
  for (const [base, pages, args, why] of image) {
    if (!segvn_create(k, pi, base, pages, args, why).ok) {
      for (const s of [...p.segs]) segvn_unmap(k, pi, s, 0, s.pages);
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
  }
  p.brksize = HEAP_PAGES;
  p.stksize = STACK_PAGES;
  emit(
    k,
    "exec_args",
    SRC.exec,
    `exec copies ${name}'s arguments and environment onto the top page of its stack.`,
    { proc: name, seg: "stack" },
  );
  return userAccess(k, pi, p.usrstack - 1, "write");
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
  for (const seg of [...p.segs]) segvn_unmap(k, pi, seg, 0, seg.pages);
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
  const r = segvn_create(
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

/** grow: a touch `pages` below the stack's bottom maps the gap and pre-faults every new page. */
export function growStack(k: K, pi: number, pages: number): StepResult {
  const st = k.st;
  const p = st.procs[pi]!;
  const newsize = p.stksize + pages;
  emit(
    k,
    "trap",
    st.a.arch === "x86" ? SRC.trap_i86 : SRC.trap_sun4,
    `${p.name} touches an address ${pages} ${pl(pages)} below its stack: no segment maps it (FC_NOMAP), and it is below p_usrstack, so trap calls grow.`,
    { proc: p.name, seg: "stack" },
  );
  if (newsize > st.a.stackLimitPages) {
    emit(
      k,
      "grow",
      SRC.grow,
      `The stack would be ${newsize} pages, over its ${st.a.stackLimitPages}-page limit: ${p.name} gets SIGSEGV (SEGV_MAPERR).`,
      { proc: p.name },
    );
    return "SIGSEGV";
  }
  const base = p.usrstack - newsize;
  if (overlaps(p, base, pages)) {
    emit(k, "grow", SRC.grow, `Another mapping is in the way: ${p.name} gets SIGSEGV (SEGV_MAPERR).`, {
      proc: p.name,
    });
    return "SIGSEGV";
  }
  const stackSegs = p.segs.some((s) => s.name === "stack") ? 0 : 1;
  if (!roomFor(k, pi, stackSegs, pages, "grow", "growing the stack")) {
    emit(k, "grow", SRC.grow, `grow fails: ${p.name} gets SIGSEGV (SEGV_MAPERR).`, { proc: p.name });
    return "SIGSEGV";
  }
  const rw = PROT_READ | PROT_WRITE;
  const r = segvn_create(
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
      prot: rw,
      maxprot: PROT_ALL,
      noreserve: false,
      source: "stack",
    },
    "grow maps the new stack pages",
  );
  if (!r.ok) {
    emit(
      k,
      "grow_internal",
      SRC.grow,
      `Console: "Sorry, no swap space to grow stack for pid ${p.pid} (${p.psargs})". ${p.name} gets SIGSEGV (SEGV_MAPERR).`,
      { proc: p.name },
    );
    return "SIGSEGV";
  }
  p.stksize = newsize;
  // Page numbers count from the start of a mapping (scenario-format.md): the stack's start has
  // moved down, so its pages are numbered again from the new bottom.
  p.stackOrigin = base;
  for (const s of piecesOf(p, "stack")) s.first = s.base - base;
  emit(
    k,
    "grow",
    SRC.grow,
    `grow pre-faults all ${pages} new ${pl(pages)} with S_WRITE, so each gets a zero-filled anon page now (the stack's pages are numbered from its new bottom: these are pages 0 to ${pages - 1}).`,
    { proc: p.name, seg: "stack" },
  );
  for (let v = base; v < base + pages; v++) {
    const seg = segAt(p, v)!;
    beginPage(k);
    const res = segvn_fault(k, pi, seg, v, "write");
    endPage(k, seg.first + (v - seg.base));
    if (res !== "ok") return res;
  }
  return "ok";
}

function overlaps(p: Proc, base: number, pages: number): boolean {
  return p.segs.some((s) => s.base < base + pages && base < s.base + s.pages);
}
