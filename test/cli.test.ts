import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../src/scenarios/parse";
import { contractProblems } from "./contract";

/** The headless CLI as graders run it: `npm run --silent sim -- FILE ...` (scenario-format.md §2). */
const root = fileURLToPath(new URL("..", import.meta.url));

function sim(args: string[], input?: string, cwd = root) {
  const r = spawnSync("npm", ["run", "--silent", "--prefix", root, "sim", "--", ...args], {
    cwd,
    input,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const COW = "test/oracles/o05-child-write-cow.vms";

/** The same, straight through node (what npm runs): for the tests that run it many times. */
function run(args: string[], input?: string) {
  const r = spawnSync("node", [`${root}scripts/sim.mjs`, ...args], { cwd: root, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("sim CLI", () => {
  it("prints pmap -x for every live process, then swap -s", () => {
    const r = sim([COW]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^101:\tP1\n {9}Address {5}Kbytes {8}RSS {7}Anon {5}Locked Mode {3}Mapped File\n/);
    expect(r.out).toContain("\n102:\tP1\n");
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(
      // available: 999 - 8 on the device + (1000 - swapfs_minfree 896) from memory = 1095 pages
      "total: 20k bytes allocated + 12k reserved = 32k used, 4380k available",
    );
  });

  it("--json prints one document with every contract field", () => {
    const r = sim([COW, "--json"]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as Record<string, unknown>;
    for (const k of [
      "format",
      "arch",
      "pageSize",
      "steps",
      "processes",
      "anonMaps",
      "anons",
      "frames",
      "swap",
      "pmap",
      "text",
    ])
      expect(d).toHaveProperty(k);
    expect(d.format).toBe("anonscope/1");
    const seg = (d.processes as { segments: Record<string, unknown>[] }[])[0]!.segments[0]!;
    for (const k of [
      "name",
      "first",
      "base",
      "pages",
      "prot",
      "share",
      "noreserve",
      "source",
      "offset",
      "amp",
      "slots",
    ])
      expect(seg).toHaveProperty(k);
    expect(Object.keys(d.swap as object).sort()).toEqual([
      "allocatedPages",
      "availablePages",
      "deviceSlots",
      "deviceSlotsUsed",
      "reservedPages",
      "usedPages",
    ]);
  });

  it("--until N stops after step N; --pmap and --swap print only those", () => {
    const until = JSON.parse(sim([COW, "--json", "--until", "3"]).out) as {
      steps: unknown[];
      processes: unknown[];
    };
    expect(until.steps).toHaveLength(3);
    expect(until.processes).toHaveLength(1);
    const p = sim([COW, "--pmap", "P2"]);
    expect(p.out.startsWith("102:\tP1\n")).toBe(true);
    expect(p.out).not.toContain("total:");
    expect(sim([COW, "--swap"]).out).toMatch(/^total: \d+k bytes allocated/);
  });

  it("reads standard input with -, and relative files from where npm was run", () => {
    expect(sim(["-", "--swap"], "spawn P1 empty\nP1 mmap b anon 2 rw private\n").out).toBe(
      "total: 0k bytes allocated + 8k reserved = 8k used, 6029300k available\n",
    );
    expect(sim(["o05-child-write-cow.vms", "--swap"], undefined, `${root}test/oracles`).code).toBe(0);
  });

  it("exits 2 with line and column on a parse error, and runs nothing", () => {
    const r = sim(["-"], "spawn P1\nP1 mmap b /dev/zero 4 rwz private\n");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/line 2, column 23: /);
  });

  it("exits 0 when a step fails with an errno or a signal", () => {
    const r = sim(["-", "--json"], "spawn P1 empty\nP1 mmap b /dev/zero 4 r private\nP1 write b 0\n");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { steps: { result: string }[] }).steps[2]!.result).toBe("SIGSEGV");
  });

  it("exits 2 on bad usage", () => {
    expect(sim([]).code).toBe(2);
    expect(sim([COW, "--until", "x"]).code).toBe(2);
    expect(sim(["/no/such/file.vms"]).code).toBe(2);
  });
});

describe("sim CLI --until N", () => {
  /** the scenario's text up to its Nth operation (header lines and comments before it kept) */
  function firstSteps(text: string, n: number): string {
    const r = parseScenario(text);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const lines = text.split("\n");
    return n === 0
      ? lines.filter((l) => /^\s*(machine|file)\s/.test(l)).join("\n") + "\n"
      : lines.slice(0, r.scenario.steps[n - 1]!.where.line).join("\n") + "\n";
  }

  for (const file of [
    COW,
    "test/oracles/o18-pageout.vms",
    "test/oracles/o26-munmap-middle.vms",
    "test/oracles-extra/o23-fork-enomem.vms",
    "src/scenarios/presets/06-pageout-cow.vms",
  ]) {
    it(`equals running the first N steps, at every N: ${file}`, () => {
      const text = readFileSync(`${root}${file}`, "utf8");
      const r = parseScenario(text);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const total = r.scenario.steps.length;
      for (let n = 0; n <= total + 1; n++) {
        const cut = firstSteps(text, Math.min(n, total));
        const a = run([file, "--json", "--until", String(n)]);
        const b = run(["-", "--json"], cut);
        expect(a.code, a.err).toBe(0);
        expect(JSON.parse(a.out), `--until ${n}`).toEqual(JSON.parse(b.out));
        expect(run([file, "--until", String(n)]).out, `--until ${n} (text)`).toBe(run(["-"], cut).out);
      }
    }, 120_000);
  }
});

describe("sim CLI flags, in every form", () => {
  const TWO = "spawn P1 empty\nP1 mmap b anon 2 rw private\nP1 write b 0\nP1 fork P2\nP1 exit\n";

  it("--until N and --until=N; N must be a whole number", () => {
    expect(run(["-", "--json", "--until=1"], TWO).out).toBe(run(["-", "--json", "--until", "1"], TWO).out);
    for (const bad of ["", "x", "-1", "1.5", "1e2", "0x3", " 2", "99999999999999999999"]) {
      const r = run(["-", "--until", bad], TWO);
      expect(r.code, bad).toBe(2);
      expect(r.err, bad).toMatch(/^sim: --until needs a whole number of steps/);
      expect(r.out).toBe("");
    }
    expect(run(["-", "--until"], TWO).err).toMatch(
      /^sim: --until needs a whole number of steps \(0 or more\), got nothing\n/,
    );
    expect(run(["-", "--until", "1", "--until", "2"], TWO).code).toBe(2);
  });

  it("--pmap P --swap prints those, in the default output's layout; --pmap may repeat", () => {
    const all = run(["-"], TWO.replace("P1 exit\n", ""));
    expect(all.code).toBe(0);
    const [p1, p2, swap] = all.out.split("\n\n");
    const both = run(["-", "--pmap", "P1", "--pmap=P2", "--swap"], TWO.replace("P1 exit\n", ""));
    expect(both.out).toBe(all.out);
    expect(run(["-", "--pmap", "P2"], TWO.replace("P1 exit\n", "")).out).toBe(`${p2}\n`);
    const left = TWO.replace("P1 exit\n", "P1 exit\nP2 exit\n");
    expect(run(["-", "--swap"], left).out).toBe(run(["-"], left).out);
    expect(run(["-", "--pmap", "P2", "--swap"], TWO.replace("P1 exit\n", "")).out).toBe(`${p2}\n\n${swap}`);
    expect(run(["-", "--swap", "--pmap", "P1"], TWO.replace("P1 exit\n", "")).out).toBe(`${p1}\n\n${swap}`);
  });

  it("--pmap of an exited or unknown process: exit 2 saying which", () => {
    const gone = run(["-", "--pmap", "P1"], TWO);
    expect(gone.code).toBe(2);
    expect(gone.err).toBe("sim: --pmap P1: P1 has exited\n");
    expect(run(["-", "--pmap", "P7"], TWO).err).toBe("sim: --pmap P7: no process named P7\n");
    expect(run(["-", "--pmap"], TWO).err).toMatch(/^sim: --pmap needs a process name\n/);
  });

  it("--json wins over --pmap and --swap: one document, nothing else", () => {
    const r = run(["-", "--swap", "--json", "--pmap", "P2"], TWO);
    expect(r.code).toBe(0);
    expect(r.out.endsWith("}\n")).toBe(true);
    expect(contractProblems(JSON.parse(r.out))).toEqual([]);
  });

  it("unknown options, two files, no file: exit 2 with the usage", () => {
    for (const args of [["-", "--bogus"], ["-", "-x"], ["a.vms", "b.vms"], [], ["--json"]]) {
      const r = run(args, TWO);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(/^sim: .+\nusage: npm run --silent sim -- FILE\|- /);
      expect(r.out).toBe("");
    }
    const h = run(["--help"]);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^usage: /);
  });
});

describe("sim CLI on bad files: a message saying what and where, never a stack trace", () => {
  const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |Error:|node:internal/);

  it("a missing file, a directory: exit 2", () => {
    const m = run(["/no/such/file.vms"]);
    expect([m.code, m.err]).toEqual([2, "sim: cannot read /no/such/file.vms: no such file\n"]);
    const d = run(["test"]);
    expect([d.code, d.err]).toEqual([2, "sim: cannot read test: it is a directory, not a scenario file\n"]);
  });

  it("an empty file runs no step: swap -s of an empty system, and a document with no steps", () => {
    const r = run(["-"], "");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^total: 0k bytes allocated \+ 0k reserved = 0k used, \d+k available\n$/);
    const j = JSON.parse(run(["-", "--json"], "").out) as { steps: unknown[]; processes: unknown[] };
    expect([j.steps.length, j.processes.length]).toEqual([0, 0]);
    expect(run(["/dev/null", "--swap"]).code).toBe(0);
  });

  it("binary junk, huge numbers, a lone CR: exit 2 with FILE: line N, column M", () => {
    const junk = String.fromCharCode(...Array.from({ length: 200 }, (_, i) => (i * 7919) % 256));
    for (const [text, re] of [
      [junk, /^-: line \d+, column \d+: /],
      ["spawn P1\nP1 sbrk 99999999999999999999\n", /^-: line 2, column 9: .*at most 15 digits\n$/],
      ["spawn P1\nP1 sbrk 999999999999999\n", /^-: line 2, column 9: .*LIMITS\.segmentPages\)\n$/],
      ["machine ram=99999999g\n", /^-: line 1, column 9: .*LIMITS\.machinePages\)\n$/],
      ["spawn P1\nP1 read heap 0-999999999999999\n", /^-: line 2, column 14: .*LIMITS\.touchPages\)\n$/],
    ] as const) {
      const r = run(["-"], text);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.out).toBe("");
      noStack(r.err);
    }
  });

  it("a reader that stops early (| head) is not a fault", () => {
    const r = spawnSync("sh", ["-c", `node scripts/sim.mjs ${COW} --json | head -c 5`], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.stdout).toBe('{"for');
    noStack(r.stderr);
  });
});
