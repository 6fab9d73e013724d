import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

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

describe("sim CLI", () => {
  it("prints pmap -x for every live process, then swap -s", () => {
    const r = sim([COW]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^101:\tP1\n {9}Address {5}Kbytes {8}RSS {7}Anon {5}Locked Mode {3}Mapped File\n/);
    expect(r.out).toContain("\n102:\tP1\n");
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(
      "total: 20k bytes allocated + 12k reserved = 32k used, 5916k available",
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
