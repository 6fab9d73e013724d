import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDoc } from "../src/engine/report/doc";
import { initialState, runStep, type StepRecord } from "../src/engine/run";
import { parseScenario } from "../src/scenarios/parse";
import { CONTRACT, contractProblems } from "./contract";

/**
 * The --json document of every preset and every oracle, after every step, has every field
 * scenario-format.md §3 names, spelled as it names them, of the type it shows, with ids that
 * point at listed objects and text that agrees with the figures (test/contract.ts). A renamed
 * or dropped field fails here.
 */
const root = fileURLToPath(new URL("..", import.meta.url));

function vmsIn(dir: string): string[] {
  return readdirSync(`${root}${dir}`)
    .filter((f) => f.endsWith(".vms"))
    .sort()
    .map((f) => `${dir}/${f}`);
}

const PRESET_FILES = vmsIn("src/scenarios/presets");
const ORACLES = [...vmsIn("test/oracles"), ...vmsIn("test/oracles-extra")];
/** the large presets (`NN-large-*`): one object per page makes tens of MB of JSON; the small
 * presets cover the same code */
const isLarge = (f: string): boolean => /\/\d+-large-[^/]*$/.test(f);

/** The document after every step (and before the first), through JSON as the CLI writes it. */
function everyDoc(file: string): unknown[] {
  const r = parseScenario(readFileSync(`${root}${file}`, "utf8"));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.error)}`);
  const st = initialState(r.scenario);
  const steps: StepRecord[] = [];
  const docs: unknown[] = [JSON.parse(JSON.stringify(buildDoc(st, steps)))];
  r.scenario.steps.forEach((s, i) => {
    steps.push(runStep(st, s, i + 1)!);
    docs.push(JSON.parse(JSON.stringify(buildDoc(st, steps))));
  });
  return docs;
}

describe("the JSON document against the contract's field list", () => {
  it("has the presets and oracles", () => {
    expect(PRESET_FILES.length).toBeGreaterThanOrEqual(15);
    expect(ORACLES.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of [...PRESET_FILES, ...ORACLES].filter((f) => !isLarge(f))) {
    it(`${file}, after every step`, () => {
      everyDoc(file).forEach((d, i) => expect(contractProblems(d), `after step ${i}`).toEqual([]));
    });
  }

  it("through the CLI (--json), for every oracle and preset", () => {
    for (const file of [...PRESET_FILES, ...ORACLES].filter((f) => !isLarge(f))) {
      const r = spawnSync("node", [`${root}scripts/sim.mjs`, file, "--json"], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(r.status, `${file}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toBe("");
      expect(contractProblems(JSON.parse(r.stdout)), file).toEqual([]);
    }
  }, 120_000);

  // Every statement form and every step result, in small scenarios the presets leave out.
  const FORMS: readonly string[] = [
    "spawn P1 empty\nP1 mmap b anon 4 r private\nP1 write b 0\nP1 read b 0\nP1 mprotect b none\nP1 read b 1",
    "spawn P1 empty\nP1 mmap b anon 4 rw private\nP1 read b 4\nP1 write b 0-5\nP1 munmap b 2-9\nP1 munmap x\nP1 munmap b",
    "spawn P1 empty\nP1 mmap b anon 4 rw private\nP1 mmap b anon 4 rw private\nP1 mprotect x rw\nP1 read x 0\npageout P1 x 0",
    "spawn P1\nP1 sbrk 4\nP1 stack 2\nP1 write heap 4-7\nP1 write stack -2--1\nP1 stack 3000",
    "machine ram=16 swap=2\nspawn P1\nspawn P2 empty\nP2 mmap b anon 4 rw private noreserve\nP2 write b 0-3",
    "machine ram=16 swap=64\nspawn P1 empty\nP1 mmap a anon 40 rw private\nP1 write a 0-39\nP1 fork P2\nP2 write a 0-39",
    "machine ram=16 swap=8\nspawn P1\nP1 fork P2\nP1 sbrk 100",
    "file /f 4\nspawn P1 empty\nP1 mmap b /f 4 rw shared\nP1 write b 0\nP1 mmap c /f 4 rx private offset=0\nP1 write c 0\nP1 mprotect c rw\nP1 write c 0\npageout P1 b 0-3\npageout P1 c 0",
    "spawn P1 empty\nP1 mmap b anon 8 rw private\nP1 munmap b 2-3\nP1 mprotect b r 1-4\nP1 mprotect b r\nP1 write b 7",
    "machine arch=sparc ram=64m swap=128m\nfile /d/e.dat 64k\nspawn P1\nP1 mmap m /d/e.dat 8 rwx private noreserve offset=0\nP1 write m 0-7\nP1 fork P2\nP2 write m 1\nP1 exit\nP2 exit",
    "spawn P1\nP1 exit\nP1 exit\nP1 write heap 0\nP9 exit\nspawn P1\nP2 fork P1\nspawn P2\nP2 fork P2",
    "\tspawn  P1\t empty # c\n\n # c\nP1 mmap z /dev/zero 8k rw private offset=4 # c\nP1 mmap s anon 1m rw shared noreserve\nP1 write z 0-1\nP1 fork P2\nP2 read s 0",
  ];
  for (const [i, text] of FORMS.entries()) {
    it(`statement forms and step results, scenario ${i + 1}, after every step`, () => {
      const r = parseScenario(text);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const st = initialState(r.scenario);
      const steps: StepRecord[] = [];
      r.scenario.steps.forEach((s, n) => {
        steps.push(runStep(st, s, n + 1)!);
        expect(
          contractProblems(JSON.parse(JSON.stringify(buildDoc(st, steps)))),
          `after step ${n + 1}`,
        ).toEqual([]);
      });
    });
  }

  it("every step result the spec lists shows up in those scenarios", () => {
    const seen = new Set<string>();
    for (const text of FORMS) {
      const r = parseScenario(text);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const st = initialState(r.scenario);
      r.scenario.steps.forEach((s, n) => seen.add(runStep(st, s, n + 1)!.result));
    }
    // EACCES: files are opened read-write and nothing is privileged, so no statement gives it
    expect([...seen].sort()).toEqual(["EAGAIN", "EINVAL", "ENOMEM", "SIGBUS", "SIGSEGV", "ok"]);
  });

  it("the checker itself catches a renamed, dropped or mistyped field", () => {
    const good = everyDoc("test/oracles/o05-child-write-cow.vms").at(-1);
    expect(contractProblems(good)).toEqual([]);
    type Rec = Record<string, unknown>;
    const obj = (v: unknown): Rec => v as Rec;
    const arr = (v: unknown): unknown[] => v as unknown[];
    const first = (v: unknown): Rec => obj(arr(v)[0]);
    const seg = (d: Rec): Rec => first(first(d.processes).segments);
    const mutate = (f: (d: Rec) => unknown): string => {
      const d = obj(JSON.parse(JSON.stringify(good)));
      f(d);
      return contractProblems(d).join("\n");
    };
    expect(
      mutate((d) => {
        const a = first(d.anons);
        a.swap_slot = a.swapSlot;
        delete a.swapSlot;
      }),
    ).toMatch(/^anons\[0\]\.swapSlot: missing$/m);
    expect(mutate((d) => delete first(d.anonMaps).chunks)).toMatch(/^anonMaps\[0\]\.chunks: missing$/m);
    expect(mutate((d) => (first(d.frames).offset = "0"))).toMatch(/frames\[0\]\.offset: expected int/);
    expect(mutate((d) => delete obj(d.swap).usedPages)).toMatch(/usedPages/);
    expect(mutate((d) => (d.pageSize = 8192))).toMatch(/arch\/pageSize/);
    expect(mutate((d) => delete seg(d).amp)).toMatch(/segments\[0\]\.amp: missing/);
    expect(mutate((d) => (seg(d).amp = 3))).toMatch(/segments\[0\]\.amp: expected string \| null/);
    expect(mutate((d) => arr(seg(d).slots).pop())).toMatch(/slots: 3 entries for 4 pages/);
    expect(mutate((d) => arr(first(d.steps).events).push({ fn: "x", source: "y", say: "z" }))).toMatch(
      /events\[\d+\]\.src: missing/,
    );
    expect(mutate((d) => (first(d.steps).result = "EFAULT"))).toMatch(/steps\[0\]\.result: EFAULT/);
  });

  it("lists every field the spec's example document names", () => {
    // the example of scenario-format.md §3, its names only: a rename in CONTRACT must be deliberate
    expect(Object.keys(CONTRACT.doc).join()).toBe(
      "format,arch,pageSize,steps,processes,anonMaps,anons,frames,swap,pmap,text",
    );
    expect(Object.keys(CONTRACT.segment).join()).toBe(
      "name,first,base,pages,prot,share,noreserve,source,offset,amp,slots",
    );
    expect(Object.keys(CONTRACT.anon).join()).toBe("id,refcnt,swapfsOffset,swapSlot,frame");
    expect(Object.keys(CONTRACT.pmapRow).join()).toBe("addr,kbytes,rss,anon,locked,mode,mapped,segment");
    expect(Object.keys(CONTRACT.swap).join()).toBe(
      "reservedPages,allocatedPages,usedPages,availablePages,deviceSlots,deviceSlotsUsed",
    );
  });
});
