import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labOutput } from "../../src/lab/cli";
import { simulateLab, type SimRun } from "../../src/lab/expected";
import { parseReal, type LabRun } from "../../src/lab/parse/lab";
import type { Scenario } from "../../src/contract/ast";
import { PAGE_SIZE } from "../../src/contract/limits";
import { parseScenario } from "../../src/scenarios/parse";
import { checkTrace, type TraceCase } from "./trace";

/**
 * The lab program of every preset and every oracle (the shared ones and ours), built with
 * `gcc -std=c99 -Wall -Wextra -Werror` and run on this Linux machine. Its trace must show each
 * statement run in order by the right process, each mapping at the scenario's size and layout,
 * and the simulator's results (see trace.ts for the checks). Built and run two at a time.
 */

const exec = promisify(execFile);
const root = new URL("../../", import.meta.url);
/**
 * Our own oracles that reach what the presets and shared oracles do not: every statement form,
 * touches past EOF and below the stack, the errors, the image's segments. (All of them pass;
 * these few keep the added CI time small: each program takes gcc a quarter of a second.)
 */
const EXTRA = [
  "o13-shared-munmap-middle",
  "o16-shared-file-write",
  "o30b-stack-grow",
  "o32-mprotect-hole",
  "o41-statement-forms",
  "o42-prot-after-munmap",
  "o44-past-eof",
  "o54-standard-process-fork",
  "o56-stack-write-below",
  "o67-errors-prot-and-eagain",
  "o68-errors-brk-stack-mprotect",
  "o73-heap-shrink-after-fork",
];
const dirs = ["src/scenarios/presets", "test/oracles", "test/oracles-extra"];
const cases: { name: string; source: string }[] = dirs.flatMap((d) =>
  readdirSync(new URL(d, root))
    .filter((f) => f.endsWith(".vms") && (!d.endsWith("extra") || EXTRA.includes(f.slice(0, -4))))
    .sort()
    .map((f) => ({
      name: `${d.split("/").pop()}/${f}`,
      source: readFileSync(new URL(`${d}/${f}`, root), "utf8"),
    })),
);

interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly scenario: Scenario;
  readonly sim: SimRun;
}

const work = mkdtempSync(join(tmpdir(), "anonscope-lab-test-"));
const ran = new Map<string, Ran | Error>();

/** Run `jobs` two at a time (CI has two cores). */
async function pool<T>(items: readonly T[], job: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await job(items[next++]!);
  };
  await Promise.all([worker(), worker()]);
}

beforeAll(async () => {
  try {
    await exec("gcc", ["--version"]);
  } catch {
    throw new Error(
      "gcc is missing: the lab test builds C programs (.ci/run installs Debian's gcc when it is missing)",
    );
  }
  await pool(cases, async (c) => {
    const parsed = parseScenario(c.source);
    if (!parsed.ok) {
      ran.set(c.name, new Error(`does not parse: ${parsed.error.message}`));
      return;
    }
    const stem = join(work, c.name.replace(/[^A-Za-z0-9]/g, "_"));
    writeFileSync(`${stem}.c`, labOutput("c", parsed.scenario, c.source, c.name));
    try {
      await exec("gcc", ["-std=c99", "-Wall", "-Wextra", "-Werror", "-o", stem, `${stem}.c`]);
    } catch (e) {
      ran.set(c.name, new Error(`gcc failed: ${(e as { stderr?: string }).stderr ?? String(e)}`));
      return;
    }
    const env = { ...process.env, TMPDIR: work, ANONSCOPE_LAB_TIMEOUT: "60" };
    const r = await exec(stem, [], { env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }).then(
      (o) => ({ status: 0, stdout: o.stdout, stderr: o.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string; message?: string }) => ({
        status: typeof e.code === "number" ? e.code : -1,
        stdout: e.stdout ?? "",
        stderr: e.stderr ?? e.message ?? "failed",
      }),
    );
    ran.set(c.name, { ...r, scenario: parsed.scenario, sim: simulateLab(parsed.scenario) });
  });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the lab program of each preset and oracle, built and run on Linux", () => {
  it("covers every preset and every shared oracle", () => {
    // the project's byte-for-byte copy of the shared oracles (test/oracles.test.ts checks it
    // against ../shared wherever that exists; a clean clone has no ../shared)
    const shared = readdirSync(new URL("../oracles/", import.meta.url)).filter((f) => f.endsWith(".vms"));
    expect(shared.length).toBeGreaterThanOrEqual(18);
    for (const f of shared) expect(cases.map((c) => c.name)).toContain(`oracles/${f}`);
    expect(cases.filter((c) => c.name.startsWith("presets/")).length).toBeGreaterThanOrEqual(15);
  });

  it("the illumos-only code compiles too (against stub declarations of illumos's <procfs.h>)", async () => {
    const c = cases.find((x) => x.name.endsWith("o41-statement-forms.vms"))!;
    const parsed = parseScenario(c.source);
    if (!parsed.ok) throw new Error("o41 does not parse");
    const file = join(work, "sun.c");
    writeFileSync(file, labOutput("c", parsed.scenario, c.source, c.name));
    const stubs = new URL("sun-stubs", import.meta.url).pathname;
    // _DEFAULT_SOURCE: glibc's names for what __EXTENSIONS__ shows on illumos
    const args = [
      "-std=c99",
      "-Wall",
      "-Wextra",
      "-Werror",
      "-fsyntax-only",
      "-D__sun",
      "-D_DEFAULT_SOURCE",
      "-I",
      stubs,
      file,
    ];
    await expect(exec("gcc", args).then(() => "compiled")).resolves.toBe("compiled");
  });

  for (const c of cases) {
    it(c.name, () => {
      const r = ran.get(c.name);
      if (!r || r instanceof Error) throw r ?? new Error("did not run");
      expect(r.stderr, "nothing on stderr").toBe("");
      expect(r.status, "exit status").toBe(0);
      const parsed = parseReal(r.stdout);
      if (!parsed.ok)
        throw new Error(`output unreadable: line ${parsed.problem.line}: ${parsed.problem.message}`);
      expect(parsed.input.kind).toBe("lab");
      const run = parsed.input as LabRun;
      const t: TraceCase = {
        scenario: r.scenario,
        sim: r.sim,
        run,
        pageSize: PAGE_SIZE[r.scenario.machine.arch],
      };
      expect(checkTrace(t)).toEqual([]);
    });
  }
});
