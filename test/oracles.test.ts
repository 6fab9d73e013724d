import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDoc } from "../src/engine/report/doc";
import { type VmDoc } from "../src/contract/doc";
import { checkInvariants } from "../src/engine/invariants";
import { initialState, runStep } from "../src/engine/run";
import { parseScenario } from "../src/scenarios/parse";
import { checkExpectation, expectationsOf } from "./expect";

const here = new URL(".", import.meta.url);
const ours = new URL("oracles/", here);
const shared = new URL("../../shared/spec/", here);
const files = readdirSync(ours)
  .filter((f) => f.endsWith(".vms"))
  .sort();
// Our own oracles for the worked examples of anon-layer.md (d) that the shared set leaves out.
const extra = new URL("oracles-extra/", here);
const extraFiles = readdirSync(extra)
  .filter((f) => f.endsWith(".vms"))
  .sort();

function docsOf(text: string): (until: number | undefined) => VmDoc {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const cache = new Map<number, VmDoc>();
  const st = initialState(parsed.scenario);
  const steps = [];
  cache.set(0, buildDoc(st, []));
  for (let i = 0; i < parsed.scenario.steps.length; i++) {
    steps.push(runStep(st, parsed.scenario.steps[i]!, i + 1)!);
    expect(checkInvariants(st), `invariants after step ${i + 1}`).toEqual([]);
    cache.set(i + 1, buildDoc(st, steps));
  }
  const last = parsed.scenario.steps.length;
  return (until) => cache.get(until === undefined ? last : Math.min(until, last))!;
}

describe("oracles (test/oracles, a copy of ../shared/spec/oracles, and test/oracles-extra)", () => {
  it("has the oracles", () => expect(files.length + extraFiles.length).toBeGreaterThanOrEqual(30));
  for (const [dir, f] of [
    ...files.map((f) => [ours, f] as const),
    ...extraFiles.map((f) => [extra, f] as const),
  ]) {
    it(f, () => {
      const text = readFileSync(new URL(f, dir), "utf8");
      const docAt = docsOf(text);
      const failures = expectationsOf(text)
        .map((e) => [e, checkExpectation(docAt, e)] as const)
        .filter(([, r]) => r !== null)
        .map(([e, r]) => `${e}  (${r})`);
      expect(failures).toEqual([]);
    });
  }
});

describe("the project's copy of the shared spec", () => {
  // A user's clone has no ../shared; CI and developers do, and there the copy must not drift.
  it("matches ../shared/spec byte for byte wherever ../shared exists", () => {
    if (!existsSync(new URL("oracles/", shared))) {
      for (const f of files)
        expect(expectationsOf(readFileSync(new URL(f, ours), "utf8")).length, f).toBeGreaterThan(0);
      return;
    }
    const theirs = readdirSync(new URL("oracles/", shared)).sort();
    expect(files.concat().sort()).toEqual(expect.arrayContaining(theirs));
    for (const f of theirs)
      expect(readFileSync(new URL(f, ours)).equals(readFileSync(new URL(`oracles/${f}`, shared))), f).toBe(
        true,
      );
    expect(
      readFileSync(new URL("oracle-check.mjs", here)).equals(
        readFileSync(new URL("oracle-check.mjs", shared)),
      ),
    ).toBe(true);
  });
});

describe("oracle-check.mjs through the CLI agrees", () => {
  it("every oracle passes through `npm run sim`", () => {
    const out = execFileSync("node", ["test/oracle-check.mjs", "test/oracles"], {
      encoding: "utf8",
      cwd: new URL("..", here).pathname,
    });
    expect(out).toMatch(new RegExp(`^${files.length} passed, 0 failed$`, "m"));
  }, 120_000);
});
