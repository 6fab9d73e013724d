import { emit, nest, type K } from "./events";
import { SRC } from "../contract/kernel/source";
import { segvn_unmap } from "./unmap";
import type { StepResult } from "./types";

/** Process exit (os/exit.c): the address space is torn down, segment by segment. */

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
