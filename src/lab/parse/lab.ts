import {
  parseMapSegs,
  RE_COMMITTED,
  RE_END,
  RE_FAILED,
  RE_MACHINE,
  RE_MAP,
  RE_PAGE_SIZE,
  RE_RESULT,
  RE_SKIPPED,
  RE_SMAPS_HEAD,
  RE_SMAPS_ROW,
  RE_STEP,
  RE_TITLE,
  type ResultLine,
  type SegExtent,
} from "../format";
import { parsePmapBlock, RE_PMAP_FIRST, type PmapBlock, type Problem } from "./pmap";
import { parseSwapS, RE_SWAP_S, type SwapS } from "./swap";

/**
 * Reading what a user pastes into the compare view: the lab program's whole output (markers,
 * results, map lines, then pmap -x and swap -s, or on Linux the smaps lines), or a single real
 * `pmap -x` (with or without a `swap -s` line). Nothing here throws: bad input comes back as a
 * problem naming the line (and column) and what was expected.
 */

/** A pasted text longer than this is refused before it is read (a few hundred steps fit). */
export const MAX_INPUT_CHARS = 20_000_000;

export interface SmapsRow {
  readonly addr: string;
  readonly end: string;
  readonly kbytes: number;
  readonly rss: number;
  readonly anon: number;
  readonly mode: string;
  readonly mapped: string;
  readonly line: number;
}

interface LabProcOut {
  readonly name: string;
  readonly pid: number;
  readonly map: readonly SegExtent[];
  pmap: PmapBlock | null;
  smaps: SmapsRow[] | null;
  problem: Problem | null;
  readonly line: number;
}

export interface LabStepOut {
  readonly n: number;
  readonly text: string;
  readonly line: number;
  readonly results: ResultLine[];
  skipped: string | null;
  readonly procs: LabProcOut[];
  swap: SwapS | null;
  committedKb: number | null;
  /** lines the lab does not print itself (a tool's error, a shell prompt) */
  readonly other: { readonly line: number; readonly text: string }[];
}

export type Platform = "illumos" | "linux" | "simulator" | "unknown";

export interface LabRun {
  readonly kind: "lab";
  readonly title: string;
  readonly pageSize: number | null;
  readonly arch: string | null;
  readonly machine: string;
  readonly platform: Platform;
  readonly steps: readonly LabStepOut[];
  readonly ended: boolean;
  readonly failed: string | null;
  readonly problems: readonly Problem[];
}

export interface SinglePmap {
  readonly kind: "pmap";
  readonly block: PmapBlock;
  readonly swap: SwapS | null;
}

type RealInput = LabRun | SinglePmap;
export type RealResult =
  { readonly ok: true; readonly input: RealInput } | { readonly ok: false; readonly problem: Problem };

const platformOf = (machine: string): Platform =>
  /^(SunOS|illumos)\b/.test(machine)
    ? "illumos"
    : /^Linux\b/.test(machine)
      ? "linux"
      : /^the anonscope simulator\b/.test(machine)
        ? "simulator"
        : "unknown";

const isPmapStart = (lines: readonly string[], i: number): boolean =>
  RE_PMAP_FIRST.test(lines[i]!) && /Kbytes/.test(lines[i + 1] ?? "");

function smapsRow(m: RegExpExecArray, line: number): SmapsRow | null {
  const [kbytes, rss, anon] = [m[3], m[4], m[5]].map(Number) as [number, number, number];
  if (![kbytes, rss, anon].every(Number.isSafeInteger)) return null;
  return {
    addr: m[1]!.toUpperCase().padStart(16, "0"),
    end: m[2]!.toUpperCase().padStart(16, "0"),
    kbytes,
    rss,
    anon,
    mode: m[6]!,
    mapped: m[7]!.trim(),
    line,
  };
}

function parseLab(lines: readonly string[]): LabRun {
  let title = "";
  let pageSize: number | null = null;
  let arch: string | null = null;
  let machine = "";
  let ended = false;
  let failed: string | null = null;
  const problems: Problem[] = [];
  const steps: LabStepOut[] = [];
  let step: LabStepOut | null = null;
  let proc: LabProcOut | null = null;
  let inSmaps = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    let m: RegExpExecArray | null;
    if ((m = RE_STEP.exec(t))) {
      const n = Number(m[1]);
      const want = steps.length ? steps[steps.length - 1]!.n + 1 : 0;
      if (n !== want)
        problems.push({ line: i + 1, message: `step ${n} comes where step ${want} was expected` });
      step = {
        n,
        text: m[2]!,
        line: i + 1,
        results: [],
        skipped: null,
        procs: [],
        swap: null,
        committedKb: null,
        other: [],
      };
      steps.push(step);
      proc = null;
      inSmaps = false;
    } else if (RE_END.test(t)) ended = true;
    else if ((m = RE_FAILED.exec(t))) failed = m[1]!;
    else if (!step) {
      if ((m = RE_TITLE.exec(t))) title = m[1]!;
      else if ((m = RE_PAGE_SIZE.exec(t))) [pageSize, arch] = [Number(m[1]), m[2]!];
      else if ((m = RE_MACHINE.exec(t))) machine = m[1]!;
    } else if ((m = RE_RESULT.exec(t))) {
      step.results.push({
        actor: m[1]!,
        pid: m[2] === undefined ? null : Number(m[2]),
        result: m[3]!,
        detail: m[4] ?? "",
      });
    } else if ((m = RE_SKIPPED.exec(t))) step.skipped = m[1]!;
    else if ((m = RE_MAP.exec(t))) {
      const map = parseMapSegs(m[3]!);
      if (!map)
        problems.push({
          line: i + 1,
          message: "a map line whose segments cannot be read (expected NAME ADDRESS+PAGES ...)",
        });
      proc = {
        name: m[1]!,
        pid: Number(m[2]),
        map: map ?? [],
        pmap: null,
        smaps: null,
        problem: null,
        line: i + 1,
      };
      step.procs.push(proc);
      inSmaps = false;
    } else if (isPmapStart(lines, i)) {
      const r = parsePmapBlock(lines, i);
      const target = proc && proc.pmap === null ? proc : null;
      if (r.ok) {
        if (target && r.block.pid === target.pid) target.pmap = r.block;
        else step.other.push({ line: i + 1, text: `pmap -x of pid ${r.block.pid}, which no map line names` });
        i = r.block.end - 1;
      } else {
        problems.push(r.problem);
        if (target) target.problem = r.problem;
        while (i + 1 < lines.length && !/^(==|--) /.test(lines[i + 1]!) && !RE_SWAP_S.test(lines[i + 1]!))
          i++;
      }
    } else if (RE_SMAPS_HEAD.test(t) && proc) {
      proc.smaps = [];
      inSmaps = true;
    } else if (inSmaps && proc?.smaps && (m = RE_SMAPS_ROW.exec(t))) {
      const r = smapsRow(m, i + 1);
      if (r) proc.smaps.push(r);
      else problems.push({ line: i + 1, message: "an smaps figure is too large" });
    } else if (RE_SWAP_S.test(t.trim())) {
      const r = parseSwapS(lines, i);
      if (r.ok) {
        step.swap = r.swap;
        i = r.end - 1;
      } else problems.push(r.problem);
    } else if ((m = RE_COMMITTED.exec(t))) step.committedKb = Number(m[1]);
    else if (t.trim() && !/^-- (lab directory|note):/.test(t))
      step.other.push({ line: i + 1, text: t.slice(0, 200) });
  }
  return {
    kind: "lab",
    title,
    pageSize,
    arch,
    machine,
    platform: platformOf(machine),
    steps,
    ended,
    failed,
    problems,
  };
}

/** Read a pasted text: the lab's output, or one real pmap -x (and maybe swap -s). */
export function parseReal(text: string): RealResult {
  if (text.length > MAX_INPUT_CHARS) {
    return {
      ok: false,
      problem: {
        line: 1,
        message: `the text is ${text.length} characters long; the compare view reads at most ${MAX_INPUT_CHARS}`,
      },
    };
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    return {
      ok: false,
      problem: {
        line,
        message: "the text holds a NUL character: this is not the text output of the lab or of pmap",
      },
    };
  }
  const lines = text.split(/\r?\n/);
  if (lines.some((l) => RE_STEP.test(l))) return { ok: true, input: parseLab(lines) };
  let swap: SwapS | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (RE_SWAP_S.test(lines[i]!.trim())) {
      const r = parseSwapS(lines, i);
      if (!r.ok) return { ok: false, problem: r.problem };
      swap = r.swap;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (!RE_PMAP_FIRST.test(lines[i]!)) continue;
    const r = parsePmapBlock(lines, i);
    if (!r.ok) return { ok: false, problem: r.problem };
    return { ok: true, input: { kind: "pmap", block: r.block, swap } };
  }
  return { ok: false, problem: whatElse(lines) };
}

/** No lab output and no pmap -x: say what the text looks like instead, when we can tell. */
function whatElse(lines: readonly string[]): Problem {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    if (/^core '.{0,200}' of \d{1,10}:/.test(t))
      return {
        line: i + 1,
        message: "this is pmap of a core file: pmap -x works on live processes only (run pmap -x <pid>)",
      };
    if (/^[0-9A-F]{8,16} +\d{1,16}K [r-][w-][x-]/.test(t))
      return {
        line: i + 1,
        message: "this is plain pmap output (sizes with K, no RSS or Anon): run pmap -x",
      };
    if (/^swapfile +dev +swaplo +blocks +free$/.test(t.trim().replace(/^#\s*/, "")))
      return {
        line: i + 1,
        message: "this is swap -l (the swap devices): the compare view reads pmap -x and swap -s",
      };
  }
  return {
    line: 1,
    message:
      'nothing here is the lab\'s output ("== step N: ..." lines) or pmap -x output (a "<pid>:" line and its header)',
  };
}
