/**
 * The fixed parts of the lab program, kept as real C files so they can be read and edited as
 * C. emit_c.ts puts the scenario's own parts between them.
 */
import head from "./c/head.c?raw";
import proc from "./c/proc.c?raw";
import ops from "./c/ops.c?raw";
import serve from "./c/serve.c?raw";
import coord from "./c/coord.c?raw";
import run from "./c/run.c?raw";
import main from "./c/main.c?raw";

export const C_PARTS = { head, proc, ops, serve, coord, run, main } as const;
