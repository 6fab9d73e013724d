import { emit, nest, type K } from "./events";
import { HEAP_PAGES, PROGRAM, PROGRAM_PAGES, STACK_PAGES, imageBrkbase, imageDataVpn } from "./image";
import { segvn_create, type CrArgs } from "./seg_vn";
import { SRC } from "../contract/kernel/source";
import { userAccess } from "./trap";
import { segvn_unmap } from "./unmap";
import { PROT_ALL, PROT_EXEC, PROT_READ, PROT_WRITE, type Proc, type StepResult } from "./types";

/**
 * exec (os/exec.c): a new process, with an empty address space or the standard image of
 * image.ts, whose arguments are then written onto its stack (the first fault of its life).
 */

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
  const dataVpn = imageDataVpn(a);
  p.brkbase = imageBrkbase(a);
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
