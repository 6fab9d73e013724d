import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../src/engine/run";
import { RULES, sourceLink } from "../src/contract/kernel/rules";
import { newState } from "../src/engine/state";
import { parseScenario } from "../src/scenarios/parse";

/** Rule coverage: every modelling rule has a source link and an oracle that exercises it. */
const oracle = (f: string): URL | undefined =>
  [new URL(`oracles/${f}`, import.meta.url), new URL(`oracles-extra/${f}`, import.meta.url)].find((u) =>
    existsSync(u),
  );

describe("every rule is sourced and tested", () => {
  it("rule ids are unique", () => expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length));
  for (const r of RULES) {
    it(`rule:${r.id}`, () => {
      expect(r.src).toMatch(/^usr\/src\/uts\//);
      expect(sourceLink(r.fn)).toContain(r.fn);
      expect(r.oracles.length).toBeGreaterThan(0);
      let shown = false;
      for (const f of r.oracles) {
        const u = oracle(f);
        expect(u, `${f} exists`).toBeDefined();
        const parsed = parseScenario(readFileSync(u!, "utf8"));
        if (!parsed.ok) throw new Error(f);
        const { steps } = runScenario(parsed.scenario);
        if (steps.some((s) => s.events.some((e) => e.fn === r.fn))) shown = true;
      }
      // A rule shown as an event must actually happen in one of its oracles.
      if (r.event !== false) expect(shown, `${r.fn} appears in an oracle's events`).toBe(true);
    });
  }
});

describe("rule sentences say what the engine does (audit of issue 11)", () => {
  const rule = (id: string): string => RULES.find((r) => r.id === id)!.text;

  it("swapfs_reserve: the larger of 4 MiB and physmem/128 (swap_subr.c:swapfs_recalc)", () => {
    expect(rule("swapfs-minfree")).toContain("the larger of 4 MiB and physmem/128, at most 128 MiB");
    const reserve = (ramPages: number): number =>
      newState({ arch: "x86", ramPages, swapPages: 1000, files: [] }).swap.swapfs_reserve;
    expect(reserve(4096)).toBe(1024); // 16 MiB of RAM: the 4 MiB floor
    expect(reserve(524288)).toBe(4096); // 2 GiB: physmem/128 = 16 MiB
  });

  it("page-create-order says the simulator's page daemon runs only when page_create_va waits", () => {
    expect(rule("page-create-order")).toContain("lotsfree");
  });
});
