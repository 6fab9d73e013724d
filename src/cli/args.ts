import type { LabEmit } from "../lab/cli";
import { parseFormats, parseTheme, type Format } from "./walkthrough/options";
import type { ThemeName } from "./walkthrough/theme";

/** The command line of `npm run --silent sim` (scenario-format.md §2, and the walkthrough's flags). */

export const USAGE =
  "usage: npm run --silent sim -- FILE|- [--json] [--until N] [--pmap P]... [--swap] [--emit-c | --emit-expected]\n" +
  "       npm run --silent sim -- FILE|- --walkthrough DIR [--format svg,png,gif] [--theme light|dark] [--until N]";

export interface Args {
  file: string;
  json: boolean;
  until: number;
  /** the processes whose pmap -x to print, in the order asked (empty: not asked) */
  pmap: string[];
  swap: boolean;
  help: boolean;
  /** --emit-c / --emit-expected: the lab program, or what it should print (src/lab) */
  emit: LabEmit | null;
  /** --walkthrough DIR: the directory to draw the frames into (null: not asked) */
  walkthrough: string | null;
  /** --format: which files the walkthrough writes (null: not given, all of them) */
  formats: Format[] | null;
  theme: ThemeName | null;
}

/** Parse the command line: the arguments, or what is wrong with them. */
export function parseArgs(argv: readonly string[]): Args | string {
  const a: Args = {
    file: "",
    json: false,
    until: Infinity,
    pmap: [],
    swap: false,
    help: false,
    emit: null,
    walkthrough: null,
    formats: null,
    theme: null,
  };
  let untilSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // --until=N and --pmap=P mean --until N and --pmap P
    const eq = /^(--until|--pmap|--walkthrough|--format|--theme)=(.*)$/s.exec(arg);
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
    } else if (x === "--walkthrough") {
      const d = value();
      if (d === undefined || d === "" || d.startsWith("--"))
        return "--walkthrough needs a directory to write the frames into";
      if (a.walkthrough !== null) return "--walkthrough is given twice";
      a.walkthrough = d;
    } else if (x === "--format" || x === "--theme") {
      const v = value();
      if (v === undefined) return `${x} needs a value`;
      if ((x === "--format" ? a.formats : a.theme) !== null) return `${x} is given twice`;
      if (x === "--format") {
        const f = parseFormats(v);
        if (typeof f === "string") return f;
        a.formats = f;
      } else {
        const t = parseTheme(v);
        if (!t.ok) return t.message;
        a.theme = t.theme;
      }
    } else if (x === "--") continue;
    else if (x.startsWith("-") && x !== "-") return `unknown option ${JSON.stringify(x)}`;
    else if (a.file) return `only one FILE, got ${JSON.stringify(a.file)} and ${JSON.stringify(x)}`;
    else a.file = x;
  }
  if (a.help) return a;
  if (a.walkthrough === null && (a.formats || a.theme))
    return `${a.formats ? "--format" : "--theme"} goes with --walkthrough DIR (the frames it draws)`;
  if (a.walkthrough !== null && (a.json || a.pmap.length || a.swap || a.emit))
    return "--walkthrough draws the steps as frames: it takes no --json, --pmap, --swap, --emit-c or --emit-expected";
  return a.file ? a : "no FILE given (a scenario file, or - for standard input)";
}
