import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReal, type RealResult, type SinglePmap } from "../../src/lab/parse/lab";
import { parseSwapS } from "../../src/lab/parse/swap";
import { runScenario } from "../../src/engine/run";
import { reportText } from "../../src/engine/report/doc";
import { parseScenario } from "../../src/scenarios/parse";

/**
 * The real-output parser against every capture of real-tool-output.md (copied verbatim into
 * test/lab/captures; a drift check compares them with ../shared wherever it exists).
 */

const dir = new URL("captures/", import.meta.url);
const capture = (name: string): string => readFileSync(new URL(`${name}.txt`, dir), "utf8");
const pmapOf = (r: RealResult): SinglePmap => {
  if (!r.ok) throw new Error(`line ${r.problem.line}: ${r.problem.message}`);
  if (r.input.kind !== "pmap") throw new Error("not a single pmap");
  return r.input;
};
const problemOf = (r: RealResult): { line: number; message: string } => {
  if (r.ok) throw new Error("it was read");
  return r.problem;
};

describe("real pmap -x captures (real-tool-output.md §1.1)", () => {
  it("P1, the man page's SPARC example: read, with a note that its totals were edited", () => {
    const p = pmapOf(parseReal(capture("P1")));
    expect(p.block.bits).toBe(32);
    expect(p.block.pid).toBe(15492);
    expect(p.block.rows).toHaveLength(20);
    expect(p.block.rows[3]).toMatchObject({
      addr: "0000000003000000",
      kbytes: 1024,
      rss: 1024,
      anon: 0,
      mode: "rw-s-",
    });
    expect(p.block.rows[5]).toMatchObject({ mode: "rw--R", anon: 512 });
    expect(p.block.rows[8]).toMatchObject({ mapped: "[ dism shmid=0x5]", locked: 8192 });
    expect(p.block.total).toEqual({ kbytes: 50464, rss: 42264, anon: 18888, locked: 16384 });
    expect(p.block.notes.map((n) => n.message).join()).toMatch(/totals are not the sums/);
  });

  it("P1b, whose header no illumos source prints: refused at its header line", () => {
    const e = problemOf(parseReal(capture("P1b")));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/header/);
  });

  it.each([
    ["P2", 492328, 18, { kbytes: 1856, rss: 1848, anon: 48, locked: 0 }],
    ["P3", 2675, 28, { kbytes: 10232, rss: 3332, anon: 84, locked: 0 }],
  ] as const)("%s: every row and a total that is the column sums", (name, pid, rows, total) => {
    const p = pmapOf(parseReal(capture(name)));
    expect(p.block.pid).toBe(pid);
    expect(p.block.rows).toHaveLength(rows);
    expect(p.block.total).toEqual(total);
    expect(p.block.notes).toEqual([]);
    expect(p.block.rows.every((r) => /^[r-][w-][x-][s-][R-]$/.test(r.mode))).toBe(true);
  });

  it("P3's labels and shared anon rows", () => {
    const rows = pmapOf(parseReal(capture("P3"))).block.rows;
    expect(rows.find((r) => r.addr === "00000000FE5EC000")).toMatchObject({
      mode: "rwxs-",
      anon: 0,
      mapped: "[ anon ]",
    });
    expect(rows.filter((r) => r.mapped === "[ heap ]")).toHaveLength(1);
    expect(rows[rows.length - 1]).toMatchObject({ mapped: "[ stack ]", kbytes: 16, anon: 4 });
  });

  it("P4, cut with [...]: its rows, and a note that it has no total", () => {
    const p = pmapOf(parseReal(capture("P4")));
    expect(p.block.rows).toHaveLength(19);
    expect(p.block.rows[5]).toMatchObject({ mode: "rwxsR", locked: 36112, mapped: "[ ism shmid=0x1 ]" });
    expect(p.block.total).toBeNull();
    expect(p.block.notes[0]!.message).toMatch(/no total line/);
  });

  it("P5, stored with its blanks collapsed: refused, with a message", () => {
    expect(problemOf(parseReal(capture("P5"))).message).toMatch(/nothing here/);
  });

  it("P6, plain pmap of a core file: says that pmap -x needs a live process", () => {
    const e = problemOf(parseReal(capture("P6")));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/core file/);
  });

  it("the 64-bit layout (a real TAB after the pid): read, with 11-wide cells", () => {
    const p = pmapOf(parseReal(capture("x64")));
    expect(p.block.bits).toBe(64);
    expect(p.block.psargs).toBe("./demo arg");
    expect(p.block.rows.map((r) => r.mapped)).toEqual([
      "demo",
      "demo",
      "[ heap ]",
      "[ anon ]",
      "[ ism shmid=0x2 ]",
      "[ stack ]",
    ]);
    expect(p.block.total).toEqual({ kbytes: 8252, rss: 8244, anon: 36, locked: 8192 });
    expect(p.block.notes).toEqual([]);
  });

  it("Linux procps pmap -x, a look-alike (§2.4 item 8): refused as another tool", () => {
    const linux = [
      "4242:   bash",
      "Address           Kbytes     RSS   Dirty Mode  Mapping",
      "000055d5c8a00000     892     892       0 r---- bash",
      "---------------- ------- ------- -------",
      "total kB            9040    5432    1024",
    ].join("\n");
    expect(problemOf(parseReal(linux)).message).toMatch(/Linux \(procps\) pmap/);
  });

  it("the simulator's own pmap -x (every preset's last step) reads back to the same rows", () => {
    const presets = new URL("../../src/scenarios/presets/", import.meta.url);
    for (const f of readdirSync(presets).filter((x) => x.endsWith(".vms") && !x.startsWith("9"))) {
      const sc = parseScenario(readFileSync(new URL(f, presets), "utf8"));
      if (!sc.ok) throw new Error(f);
      const { pmap, text } = reportText(runScenario(sc.scenario).state);
      for (const [proc, lines] of Object.entries(pmap)) {
        const p = pmapOf(parseReal(`${text["pmap-x"][proc]!}${text["swap-s"]}`));
        expect(
          p.block.rows.map((r) => [r.kbytes, r.rss, r.anon, r.mode, r.mapped]),
          `${f} ${proc}`,
        ).toEqual(lines.map((l) => [l.kbytes, l.rss, l.anon, l.mode, l.mapped]));
        expect(p.block.notes).toEqual([]);
        expect(p.swap).not.toBeNull();
      }
    }
  });
});

describe("real swap -s and swap -l captures (§1.2, §1.3)", () => {
  const swapIn = (name: string): ReturnType<typeof parseSwapS> => {
    const lines = capture(name).split("\n");
    return parseSwapS(
      lines,
      lines.findIndex((l) => l.startsWith("total:")),
    );
  };
  it.each([
    ["S1", 87832, 3952, 91784, 33816648],
    ["S2", 1116376, 0, 1116376, 15660840],
    ["S3", 2852796, 1950828, 4803624, 2638448],
    ["S4", 3251464, 827664, 4079128, 181507256],
    ["S5", 316132, 200072, 516204, 7567260],
  ] as const)("%s is read (S4 is wrapped after 'used,' on its page)", (name, a, r, u, v) => {
    const s = swapIn(name);
    if (!s.ok) throw new Error(s.problem.message);
    expect(s.swap).toMatchObject({ allocatedKb: a, reservedKb: r, usedKb: u, availableKb: v });
  });

  it("the retyped counter-example, whose used is not allocated + reserved, is refused", () => {
    const bad = "total: 900212k bytes allocated + 121228k reserved = 1028640k used, 1619292k available";
    const s = parseSwapS([bad], 0);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.problem.message).toMatch(/not allocated \+ reserved/);
  });

  it.each(["L1a", "L1b", "L2", "L3", "L4"])("%s (swap -l) is named for what it is", (name) => {
    expect(problemOf(parseReal(capture(name))).message).toMatch(/swap -l/);
  });
});

describe("the captures are the spec's, byte for byte", () => {
  const spec = new URL("../../../shared/spec/real-tool-output.md", import.meta.url);
  it("matches ../shared/spec/real-tool-output.md wherever ../shared exists", () => {
    if (!existsSync(spec)) return; // a user's clone has no ../shared
    const blocks = readFileSync(spec, "utf8")
      .split("```")
      .filter((_, i) => i % 2 === 1)
      .map((b) => b.replace(/^\n/, ""));
    const ours = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), "utf8"));
    for (const o of ours) expect(blocks).toContain(o);
    expect(ours.length).toBe(blocks.length);
  });
});
