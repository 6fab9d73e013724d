import { resolve } from "node:path";
import { buildDoc, docRecords, reportText } from "../engine/report/doc";
import { runScenario } from "../engine/run";
import { LIMITS } from "../contract/limits";
import { loadInput } from "../scenarios/load";
import { labOutput } from "../lab/cli";
import { readScenarioInput } from "./readInput";
import { parseArgs, USAGE } from "./args";
import { writeWalkthrough } from "./walkthrough/write";

/**
 * `npm run --silent sim -- FILE [--json] [--until N] [--pmap P] [--swap]` (scenario-format.md §2),
 * and `--walkthrough DIR [--format LIST] [--theme T]`: the steps drawn as frames (walkthrough/).
 * Exit 0 when the scenario ran (whatever its steps returned), 2 on a parse error (and on bad
 * usage or an unreadable FILE), 1 on an internal fault.
 */

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
  if (args.walkthrough !== null) {
    const name = args.file === "-" ? "standard input" : args.file.replace(/^.*\//, "");
    const dir = resolve(process.env.INIT_CWD ?? process.cwd(), args.walkthrough);
    const r = writeWalkthrough(parsed.scenario, text, name, args.until, {
      dir,
      formats: args.formats ?? ["svg", "png", "gif"],
      theme: args.theme ?? "light",
    });
    if (!r.ok) {
      process.stderr.write(`sim: ${r.message.replace(dir, args.walkthrough)}\n`);
      return 2;
    }
    process.stdout.write(r.summary.replace(dir, args.walkthrough));
    return 0;
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
