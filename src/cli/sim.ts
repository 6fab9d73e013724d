import { resolve } from "node:path";
import { buildDoc, docRecords, reportText } from "../engine/report/doc";
import { runScenario } from "../engine/run";
import { LIMITS } from "../contract/limits";
import { loadInput } from "../scenarios/load";
import { labOutput, type LabEmit } from "../lab/cli";
import { readScenarioInput } from "./readInput";

/**
 * `npm run --silent sim -- FILE [--json] [--until N] [--pmap P] [--swap]` (scenario-format.md §2).
 * Exit 0 when the scenario ran (whatever its steps returned), 2 on a parse error (and on bad
 * usage or an unreadable FILE), 1 on an internal fault.
 */

const USAGE =
  "usage: npm run --silent sim -- FILE|- [--json] [--until N] [--pmap P]... [--swap] [--emit-c | --emit-expected]";

interface Args {
  file: string;
  json: boolean;
  until: number;
  /** the processes whose pmap -x to print, in the order asked (empty: not asked) */
  pmap: string[];
  swap: boolean;
  help: boolean;
  /** --emit-c / --emit-expected: the lab program, or what it should print (src/lab) */
  emit: LabEmit | null;
}

/** Parse the command line: the arguments, or what is wrong with them. */
export function parseArgs(argv: readonly string[]): Args | string {
  const a: Args = { file: "", json: false, until: Infinity, pmap: [], swap: false, help: false, emit: null };
  let untilSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // --until=N and --pmap=P mean --until N and --pmap P
    const eq = /^(--until|--pmap)=(.*)$/s.exec(arg);
    const x = eq ? eq[1]! : arg;
    const value = (): string | undefined => (eq ? eq[2] : argv[++i]);
    if (x === "--json") a.json = true;
    else if (x === "--swap") a.swap = true;
    else if (x === "--help" || x === "-h") a.help = true;
    else if (x === "--emit-c" || x === "--emit-expected") {
      const kind = x === "--emit-c" ? "c" : "expected";
      if (a.emit && a.emit !== kind) return "--emit-c and --emit-expected cannot be given together";
      a.emit = kind;
    } else if (x === "--until") {
      const v = value();
      if (v === undefined || !/^\d{1,15}$/.test(v))
        return `--until needs a whole number of steps (0 or more), got ${v === undefined ? "nothing" : JSON.stringify(v)}`;
      if (untilSeen) return "--until is given twice";
      untilSeen = true;
      a.until = Number(v);
    } else if (x === "--pmap") {
      const p = value();
      if (p === undefined || p === "" || p.startsWith("--")) return "--pmap needs a process name";
      if (!a.pmap.includes(p)) a.pmap.push(p);
    } else if (x === "--") continue;
    else if (x.startsWith("-") && x !== "-") return `unknown option ${JSON.stringify(x)}`;
    else if (a.file) return `only one FILE, got ${JSON.stringify(a.file)} and ${JSON.stringify(x)}`;
    else a.file = x;
  }
  if (a.help) return a;
  return a.file ? a : "no FILE given (a scenario file, or - for standard input)";
}

/** Why a scenario file cannot be read, in words (no stack, no internal path). */
function readProblem(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory, not a scenario file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return e instanceof Error ? e.message : String(e);
}

function usageError(why: string): number {
  process.stderr.write(`sim: ${why}\n${USAGE}\n`);
  return 2;
}

export function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === "string") return usageError(args);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let text: string;
  const path = args.file === "-" ? "-" : resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  try {
    const r = readScenarioInput(path);
    if (!r.ok) {
      const what = `more than ${r.bytes - 1} bytes, past the limit of ${LIMITS.scenarioChars} characters (LIMITS.scenarioChars)`;
      process.stderr.write(`sim: cannot read ${args.file}: ${what}; reading stopped there\n`);
      return 2;
    }
    text = r.text;
  } catch (e) {
    process.stderr.write(`sim: cannot read ${args.file}: ${readProblem(e)}\n`);
    return 2;
  }
  // the one gate for input, as in the browser (scenarios/load.ts)
  const parsed = loadInput("file", text);
  if (!parsed.ok) {
    process.stderr.write(`${args.file}: ${parsed.message}\n`);
    return 2;
  }
  if (args.emit) {
    if (args.json || args.until !== Infinity || args.pmap.length || args.swap)
      return usageError(
        `--emit-${args.emit} prints a whole program or run: it takes no --json, --until, --pmap or --swap`,
      );
    const name = args.file === "-" ? "standard input" : args.file.replace(/^.*\//, "");
    process.stdout.write(labOutput(args.emit, parsed.scenario, text, name));
    return 0;
  }
  const { state, steps } = runScenario(parsed.scenario, args.until);
  if (args.json) {
    // the document lists every mapped page, anon and named page: refuse rather than run out of memory
    const records = docRecords(state);
    if (records > LIMITS.docRecords) {
      process.stderr.write(
        `sim: the JSON document would hold ${records} slot, anon and page records; the limit is ${LIMITS.docRecords} (LIMITS.docRecords). pmap -x and swap -s (without --json) work at any size.\n`,
      );
      return 2;
    }
    process.stdout.write(JSON.stringify(buildDoc(state, steps)) + "\n");
    return 0;
  }
  const doc = reportText(state);
  const pmapX = doc.text["pmap-x"];
  for (const p of args.pmap) {
    if (pmapX[p] !== undefined) continue;
    const exited = state.procs.some((q) => q.name === p);
    process.stderr.write(`sim: --pmap ${p}: ${exited ? `${p} has exited` : `no process named ${p}`}\n`);
    return 2;
  }
  // as pmap -x of each process and swap -s, one after another, a blank line between
  const asked = args.pmap.length > 0 || args.swap;
  const parts = [
    ...(asked ? args.pmap.map((p) => pmapX[p]!) : Object.values(pmapX)),
    ...(!asked || args.swap ? [doc.text["swap-s"]] : []),
  ];
  process.stdout.write(parts.join("\n"));
  return 0;
}

// A reader that stops early (`| head`) closes the pipe: that is not a fault.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  process.stderr.write(`sim: cannot write the output: ${e.message}\n`);
  process.exit(1);
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`sim: internal fault (a bug): ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
