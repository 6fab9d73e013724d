import type { Scenario, Statement } from "../contract/ast";
import { machineOf } from "../engine/run";
import { PAGE_SIZE } from "../contract/limits";
import { C_PARTS } from "./c_text";
import { cCommentText, commentLines, cString } from "./c_escape";
import { pageoutWhy, stepWords } from "./paths";

/**
 * The lab: a scenario as one self-contained C99 + POSIX program that performs it on a real
 * illumos or Solaris machine (and on Linux, for CI), printing after every step the markers and
 * the real tools' output that `--emit-expected` prints from the simulator. The fixed runtime is
 * in ./c/*.c; this file writes the scenario's own parts: its tables and one function per step.
 */

/** What the simulator said about a step, quoted in the program's comments. */
export interface StepHint {
  readonly result: string;
  readonly events: readonly { readonly fn: string; readonly say: string }[];
}

export interface EmitOptions {
  /** the scenario's title (the preset's or the file's name) */
  readonly title?: string;
  /** the scenario's text, quoted at the top of the program */
  readonly source?: string;
  /** the simulator's result and events per step, in order */
  readonly hints?: readonly StepHint[];
}

/** Every process name of the scenario, in order of first appearance. */
export function processNames(sc: Scenario): string[] {
  const names: string[] = [];
  const add = (n: string): void => {
    if (!names.includes(n)) names.push(n);
  };
  for (const s of sc.steps) {
    add(s.proc);
    if (s.op === "fork") add(s.child);
  }
  return names;
}

const ascii = (s: string): string => s.replace(/→/g, "->").replace(/×/g, "x");

const protC = (p: { r: boolean; w: boolean; x: boolean }): string =>
  [p.r && "PROT_READ", p.w && "PROT_WRITE", p.x && "PROT_EXEC"].filter(Boolean).join(" | ") || "PROT_NONE";

/** The call a process makes for statement `s`, or null when the coordinator runs it. */
function callOf(s: Statement): string | null {
  switch (s.op) {
    case "spawn":
    case "pageout":
      return null;
    case "mmap": {
      const src = s.source === "/dev/zero" ? "SRC_DEVZERO" : s.source === "anon" ? "SRC_ANON" : "SRC_FILE";
      const path = src === "SRC_FILE" ? cString(s.source) : "NULL";
      const share = s.shared ? "MAP_SHARED" : "MAP_PRIVATE";
      return `do_mmap(${cString(s.seg)}, ${src}, ${path}, ${s.pages}L, ${protC(s.prot)}, ${share}, ${s.offset}L, ${s.noreserve ? 1 : 0});`;
    }
    case "munmap":
      return `do_munmap(${cString(s.seg)}, ${s.range ? `0, ${s.range.from}L, ${s.range.to}L` : "1, 0L, 0L"});`;
    case "mprotect":
      return `do_mprotect(${cString(s.seg)}, ${protC(s.prot)}, ${s.range ? `0, ${s.range.from}L, ${s.range.to}L` : "1, 0L, 0L"});`;
    case "read":
    case "write":
      return `do_touch(${cString(s.seg)}, ${s.range.from}L, ${s.range.to}L, ${s.op === "write" ? 1 : 0});`;
    case "fork":
      return `do_fork(${cString(s.child)});`;
    case "exit":
      return "do_exit();";
    case "sbrk":
      return `do_sbrk(${s.pages}L);`;
    case "stack":
      return `do_stack(${s.pages}L);`;
  }
}

/**
 * The kernel functions the simulator's events name, in order of first appearance (no counts:
 * the simulator folds the pages after the first few of a long touch into one event).
 */
function eventSummary(h: StepHint): string {
  const all = [...new Set(h.events.map((e) => e.fn))];
  return all.length > 14 ? `${all.slice(0, 14).join(", ")} and ${all.length - 14} more` : all.join(", ");
}

function stepComment(s: Statement, n: number, hint: StepHint | undefined): string[] {
  const w = stepWords(s);
  const lines = [`/*`, ` * step ${n}, line ${s.where.line}: ${cCommentText(s.where.text)}`];
  lines.push(...commentLines(ascii(w.runs)));
  lines.push(...commentLines(ascii(`illumos: ${w.path}`)));
  if (hint) {
    if (hint.events.length)
      lines.push(...commentLines(`The simulator's path, function by function: ${eventSummary(hint)}.`));
    const last = hint.events[hint.events.length - 1];
    const why = hint.result !== "ok" && last ? ` (${last.say})` : "";
    lines.push(...commentLines(ascii(`The simulator's result: ${hint.result}${why}`)));
  }
  lines.push(" */");
  return lines;
}

function tableRow(s: Statement, names: readonly string[]): string {
  const idx = (p: string): number => names.indexOf(p);
  const text = cString(s.where.text);
  const why = s.op === "pageout" ? cString(ascii(pageoutWhy(s))) : "NULL";
  const kind =
    s.op === "spawn"
      ? "STEP_SPAWN"
      : s.op === "fork"
        ? "STEP_FORK"
        : s.op === "exit"
          ? "STEP_EXIT"
          : s.op === "pageout"
            ? "STEP_SKIP"
            : "STEP_RUN";
  const proc = s.op === "spawn" ? -1 : idx(s.proc);
  const child = s.op === "spawn" ? idx(s.proc) : s.op === "fork" ? idx(s.child) : -1;
  const empty = s.op === "spawn" && s.empty ? 1 : 0;
  return `  { ${kind}, ${proc}, ${child}, ${empty}, ${s.where.line}, ${text}, ${why} },`;
}

/** A line of the scenario in the header comment; a long one (a preset's idea) is wrapped. */
function wrapSource(line: string): string[] {
  if (line.length <= 90) return [` *   ${cCommentText(line)}`];
  return commentLines(line, 92).map((l, i) => (i === 0 ? ` *   ${l.slice(3)}` : ` *     ${l.slice(3)}`));
}

function header(sc: Scenario, opts: EmitOptions): string[] {
  const title = opts.title ?? "a scenario";
  const src = (opts.source ?? sc.steps.map((s) => s.where.text).join("\n")).split("\n");
  const shown = src.length > 200 ? [...src.slice(0, 200), `(... ${src.length - 200} more lines)`] : src;
  return [
    "/*",
    ` * anonscope lab: ${cCommentText(title)}`,
    " *",
    " * Made by Anonscope from the scenario below. It performs the scenario on a real machine: each",
    " * process of the scenario is a real process, each segment a real mapping, each read or write",
    " * touches exactly the scenario's pages in the scenario's order. After every step it prints",
    ' * "== step N: <statement>", then pmap -x of every live process and swap -s.',
    " *",
    " * illumos or Solaris 11:   gcc -m64 -std=c99 -o lab lab.c && ./lab > real.txt",
    " * Linux (prints /proc/PID/smaps instead of pmap -x):   gcc -std=c99 -o lab lab.c && ./lab",
    " * Then paste real.txt into Anonscope (Export, Compare with a real run), or diff it against",
    " * `npm run --silent sim -- scenario.vms --emit-expected`.",
    " *",
    " * The scenario:",
    ...shown.flatMap((l) => (l.trim() ? wrapSource(l) : [" *"])),
    " */",
    "",
  ];
}

/** The scenario's machine (its RAM and swap device), which a program cannot give itself. */
function machineWords(sc: Scenario): string {
  const m = machineOf(sc);
  const kb = (pages: number): number => (pages * PAGE_SIZE[sc.machine.arch]) / 1024;
  return `ram ${kb(m.ramPages)} KB, swap device ${kb(m.swapPages)} KB`;
}

export function emitC(sc: Scenario, opts: EmitOptions = {}): string {
  const names = processNames(sc);
  const mmapNames = new Set(sc.steps.flatMap((s) => (s.op === "mmap" ? [s.seg] : [])));
  for (const n of ["text", "data", "heap", "stack"]) mmapNames.delete(n);
  const maxSegs = 4 + mmapNames.size;
  const splits = sc.steps.filter((s) => s.op === "munmap" || s.op === "sbrk").length;
  const ps = PAGE_SIZE[sc.machine.arch];
  const files = sc.files.map((f) => `  { ${cString(f.path)}, ${f.pages}L },`);
  const config = [
    "/* ---- Part 2: the scenario's tables -------------------------------------------------------- */",
    "",
    `#define LAB_PAGE ${ps}L /* the scenario's page size (${sc.machine.arch}) */`,
    `#define LAB_NPROCS ${names.length}`,
    `#define LAB_NSTEPS ${sc.steps.length}`,
    `#define LAB_NFILES ${sc.files.length}`,
    `#define LAB_MAX_SEGS ${maxSegs} /* text, data, heap, stack and every mmap name */`,
    `#define LAB_MAX_PIECES ${maxSegs + splits + 1} /* a munmap or sbrk adds at most one piece */`,
    "",
    `static const char *const lab_title = ${cString(opts.title ?? "a scenario")};`,
    `static const char *const lab_arch = ${cString(sc.machine.arch)};`,
    `static const char *const lab_machine = ${cString(machineWords(sc))};`,
    `static const char *const lab_procs[LAB_NPROCS + 1] = { ${[...names.map(cString), "NULL"].join(", ")} };`,
    "static const struct { const char *path; long pages; } lab_files[LAB_NFILES + 1] = {",
    ...files,
    "  { NULL, 0L },",
    "};",
    "",
  ];
  const steps: string[] = [
    "/* ---- Part 4: the statements, one function each for the process that runs it ------------- */",
    "",
  ];
  const cases: string[] = [];
  sc.steps.forEach((s, i) => {
    const n = i + 1;
    steps.push(...stepComment(s, n, opts.hints?.[i]));
    const call = callOf(s);
    if (call) {
      steps.push(`static void step_${n}(void)`, "{", `  ${call}`, "}", "");
      cases.push(`  case ${n}: step_${n}(); break;`);
    } else
      steps.push(
        `/* (step ${n} is the coordinator's: see ${s.op === "spawn" ? "do_spawn_step" : "STEP_SKIP"}) */`,
        "",
      );
  });
  steps.push(
    "static void run_step(int n)",
    "{",
    "  switch (n) {",
    ...cases,
    "  default: break;",
    "  }",
    "}",
    "",
    "/* For the coordinator: kind, process, new process, empty, line, statement, why skipped. */",
    "static const lab_step_t lab_steps[LAB_NSTEPS + 1] = {",
    ...sc.steps.map((s) => tableRow(s, names)),
    "  { STEP_SKIP, -1, -1, 0, 0, NULL, NULL },",
    "};",
    "",
  );
  const p = C_PARTS;
  return [
    ...header(sc, opts),
    p.head,
    ...config,
    p.proc,
    p.ops,
    p.serve,
    ...steps,
    p.coord,
    p.run,
    p.main,
  ].join("\n");
}
