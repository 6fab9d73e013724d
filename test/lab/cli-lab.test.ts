import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectedText } from "../../src/lab/expected";
import { parseScenario } from "../../src/scenarios/parse";

/** `--emit-c` and `--emit-expected` (the lab) through the CLI, as a student runs them. */
const root = fileURLToPath(new URL("../..", import.meta.url));
const run = (args: string[], input?: string) => {
  const r = spawnSync("node", [`${root}scripts/sim.mjs`, ...args], { cwd: root, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const COW = "test/oracles/o05-child-write-cow.vms";

describe("sim CLI: the lab", () => {
  it("--emit-c prints the C program, with each statement as a step of the program", () => {
    const r = run([COW, "--emit-c"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/^\/\*\n \* anonscope lab: o05-child-write-cow\.vms\n/);
    expect(r.out).toContain("int main(int argc, char **argv)");
    for (const s of [
      "spawn P1 empty",
      "P1 mmap buf /dev/zero 4 rw private",
      "P1 write buf 0-3",
      "P1 fork P2",
      "P2 write buf 1",
    ])
      expect(r.out).toContain(`"${s}"`);
    expect(r.out).toContain('static void step_5(void)\n{\n  do_touch("buf", 1L, 1L, 1);\n}');
    expect(r.out).toContain("The simulator's result: ok");
  });

  it("--emit-expected prints what the simulator says the program prints", () => {
    const r = run([COW, "--emit-expected"]);
    expect(r.code).toBe(0);
    const sc = parseScenario(readFileSync(`${root}${COW}`, "utf8"));
    if (!sc.ok) throw new Error("o05");
    expect(r.out).toBe(expectedText(sc.scenario, "o05-child-write-cow.vms"));
    expect(r.out).toContain(
      "== step 5: P2 write buf 1\n-- P2 (pid 102): ok: wrote 1 page of buf\n-- map P1 (pid 101):",
    );
  });

  it("reads standard input and takes its title from a # title comment", () => {
    const r = run(["-", "--emit-expected"], "# title: A tiny one\nspawn P1 empty\n");
    expect(r.out.split("\n").slice(0, 1)).toEqual(["== anonscope lab: A tiny one"]);
  });

  it.each([
    [["--emit-c", "--json"], /takes no --json, --until, --pmap or --swap/],
    [["--emit-c", "--until", "2"], /takes no --json/],
    [["--emit-c", "--emit-expected"], /cannot be given together/],
  ])("refuses %j with a usage message (exit 2)", (args, msg) => {
    const r = run([COW, ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(msg);
  });
});
