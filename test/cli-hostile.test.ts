import { spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_INPUT_BYTES } from "../src/cli/readInput";
import { LIMITS } from "../src/contract/limits";

/**
 * The CLI takes the same one gate as the browser (scenarios/load.ts), and a valid but huge
 * scenario never runs it out of memory: pmap -x and swap -s cost nothing per page, and the JSON
 * document (one object per page) is refused past LIMITS.docRecords with a message naming it.
 */
const root = fileURLToPath(new URL("..", import.meta.url));

function sim(args: string[], input: string) {
  const t0 = Date.now();
  const r = spawnSync("node", [`${root}scripts/sim.mjs`, ...args], { cwd: root, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}

const HUGE = [
  "spawn P1 empty",
  ...Array.from({ length: 3 }, (_, i) => `P1 mmap m${i} anon 16777216 rw private noreserve`),
];

describe("sim CLI on hostile input", () => {
  it("a crafted segment name: exit 2 with FILE: line N, column M", () => {
    const r = sim(["-"], "spawn P1\nP1 mmap <script>alert(1)</script> anon 1 rw private\n");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '-: line 2, column 9: expected a segment name, got "<script>alert(1)</script>": a name is a letter followed by letters, digits or _\n',
    );
  });

  it("too long a scenario: exit 2 naming LIMITS.scenarioChars", () => {
    const r = sim(["-"], "#".repeat(LIMITS.scenarioChars + 1));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^-: line 1, column 1: .*\(LIMITS\.scenarioChars\)\n$/);
  });

  it("endless input (/dev/zero): exit 2 with one line naming the limit, having read only past it", () => {
    // a guard, not a timing: today's reader would grow without end and be killed here
    const r = spawnSync("node", [`${root}scripts/sim.mjs`, "/dev/zero"], {
      cwd: root,
      encoding: "utf8",
      timeout: 10_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^sim: cannot read \/dev\/zero: more than 786435 bytes, past the limit of 262144 characters \(LIMITS\.scenarioChars\); reading stopped there\n$/,
    );
  });

  it("standard input past the byte cap: exit 2; wide characters up to the limit are still read", () => {
    const over = sim(["-"], "#".repeat(MAX_INPUT_BYTES + 10));
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/^sim: cannot read -: more than \d+ bytes, .*\(LIMITS\.scenarioChars\)/);
    // three-byte characters: LIMITS.scenarioChars of them fit the byte cap and parse
    const wide = `# ${"€".repeat(LIMITS.scenarioChars - 3)}\n`;
    expect(Buffer.byteLength(wide)).toBeLessThanOrEqual(MAX_INPUT_BYTES);
    const ok = sim(["-", "--swap"], wide);
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
  });

  it("huge mappings: pmap -x and swap -s at once; the JSON document is refused, naming the limit", () => {
    const text = `${HUGE.join("\n")}\n`;
    const r = sim(["-"], text);
    expect(r.code).toBe(0);
    expect(r.out).toContain("total: 0k bytes allocated + 0k reserved");
    expect(r.ms).toBeLessThan(10_000);
    const j = sim(["-", "--json"], text);
    expect(j.code).toBe(2);
    expect(j.err).toMatch(
      /^sim: the JSON document would hold \d+ .*the limit is 2097152 \(LIMITS\.docRecords\)/,
    );
  });

  it("past LIMITS.mappedPages, the engine refuses the mapping with ENOMEM, named in its event", () => {
    const n = LIMITS.mappedPages / LIMITS.segmentPages + 1;
    const lines = [
      "spawn P1 empty",
      ...Array.from({ length: n }, (_, i) => `P1 mmap m${i} anon 16777216 rw private noreserve`),
    ];
    const r = sim(["-", "--json"], `${lines.join("\n")}\nP1 munmap m0\nP1 munmap m1\n`);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { steps: { result: string; events: { say: string }[] }[] };
    const last = doc.steps[n]!;
    expect(last.result).toBe("ENOMEM");
    expect(last.events.map((e) => e.say).join(" ")).toContain("(LIMITS.mappedPages)");
  });
});

describe("sim CLI while its bundle is being rebuilt", () => {
  // scripts/sim.mjs rebuilds a stale bundle; graders start many runs at once, so a rebuild must
  // never leave dist-cli/sim.mjs missing or half written for a run that starts meanwhile.
  it("runs started during parallel rebuilds all succeed", async () => {
    const go = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((done) => {
        const c = spawn("node", args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        c.stderr.on("data", (b: Buffer) => (err += b.toString()));
        c.on("close", (code) => done({ code, err }));
      });
    const builds = Array.from({ length: 3 }, () => go([`${root}scripts/build-cli.mjs`]));
    const runs: Promise<{ code: number | null; err: string }>[] = [];
    for (let i = 0; i < 12; i++) {
      runs.push(go([`${root}dist-cli/sim.mjs`, "test/oracles/o05-child-write-cow.vms", "--swap"]));
      await new Promise((r) => setTimeout(r, 150));
    }
    for (const b of await Promise.all(builds)) expect(b.code, b.err).toBe(0);
    for (const r of await Promise.all(runs)) expect(r, r.err).toEqual({ code: 0, err: "" });
    expect(readdirSync(`${root}dist-cli`)).toEqual(["sim.mjs"]);
  }, 120_000);
});
