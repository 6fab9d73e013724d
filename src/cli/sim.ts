import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildDoc, docRecords, reportText } from "../engine/report/doc";
import { runScenario } from "../engine/run";
import { LIMITS } from "../scenarios/limits";
import { loadInput } from "../scenarios/load";

/**
 * `npm run --silent sim -- FILE [--json] [--until N] [--pmap P] [--swap]` (scenario-format.md §2).
 * Exit 0 when the scenario ran (whatever its steps returned), 2 on a parse error, 1 on a fault.
 */

const USAGE = "usage: npm run --silent sim -- FILE|- [--json] [--until N] [--pmap P] [--swap]";

interface Args {
  file: string;
  json: boolean;
  until: number;
  pmap: string | null;
  swap: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { file: "", json: false, until: Infinity, pmap: null, swap: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === "--json") a.json = true;
    else if (x === "--swap") a.swap = true;
    else if (x === "--until") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) return "--until needs a whole number of steps";
      a.until = n;
    } else if (x === "--pmap") {
      const p = argv[++i];
      if (!p) return "--pmap needs a process name";
      a.pmap = p;
    } else if (x.startsWith("--")) return `unknown option ${x}`;
    else if (a.file) return `only one FILE, got ${a.file} and ${x}`;
    else a.file = x;
  }
  return a.file ? a : "no FILE given";
}

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`sim: ${args}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  const path = args.file === "-" ? "-" : resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    process.stderr.write(`sim: cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  // the one gate for input, as in the browser (scenarios/load.ts)
  const parsed = loadInput("file", text);
  if (!parsed.ok) {
    process.stderr.write(`${args.file}: ${parsed.message}\n`);
    return 2;
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
  let out = "";
  if (args.pmap !== null) {
    const t = doc.text["pmap-x"][args.pmap];
    if (t === undefined) {
      process.stderr.write(`sim: no live process named ${args.pmap}\n`);
      return 2;
    }
    out += t;
  }
  if (args.swap) out += doc.text["swap-s"];
  if (args.pmap === null && !args.swap)
    out =
      Object.values(doc.text["pmap-x"]).join("\n") +
      (Object.keys(doc.text["pmap-x"]).length ? "\n" : "") +
      doc.text["swap-s"];
  process.stdout.write(out);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`sim: internal fault (a bug): ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
