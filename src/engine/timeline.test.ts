import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenarios/parse";
import { buildDoc } from "./report/doc";
import { runScenario } from "./run";
import { buildTimeline, clampPosition, stateAt } from "./timeline";

const scenario = (text: string) => {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
};

const cow = scenario(
  readFileSync(new URL("../../test/oracles/o05-child-write-cow.vms", import.meta.url), "utf8"),
);

describe("timeline", () => {
  it("the end of every step equals a straight run to that step", () => {
    const tl = buildTimeline(cow);
    for (let s = 0; s <= cow.steps.length; s++) {
      const straight = runScenario(cow, s);
      expect(buildDoc(stateAt(tl, { step: s, event: -1 }), [])).toEqual(buildDoc(straight.state, []));
    }
  });

  it("stops inside a copy-on-write fault: anon_private's copy, then anon_decref, then anon_set_ptr", () => {
    const tl = buildTimeline(cow);
    const step = 5;
    const evs = tl.steps[step - 1]!.events;
    const iPrivate = evs.findIndex((e) => e.fn === "anon_private");
    const iAlloc = evs.findIndex((e, i) => i > iPrivate && e.fn === "anon_alloc");
    const iDecref = evs.findIndex((e) => e.fn === "anon_decref");
    const iSet = evs.findIndex((e) => e.fn === "anon_set_ptr");
    expect(iPrivate).toBeGreaterThan(0);
    expect(iAlloc).toBeGreaterThan(iPrivate);
    expect(iDecref).toBeGreaterThan(iAlloc);
    expect(iSet).toBeGreaterThan(iDecref);
    // anon_alloc runs inside anon_private, one level deeper
    expect(evs[iAlloc]!.depth).toBe(evs[iPrivate]!.depth + 1);
    const slot = (d: ReturnType<typeof buildDoc>) =>
      d.processes.find((p) => p.name === "P2")!.segments[0]!.slots[1]!.anon;
    const mid = buildDoc(stateAt(tl, { step, event: iAlloc }), []);
    // anon:5 is the copy; the old anon:2 still has both holders until anon_decref runs.
    expect(mid.anons.find((a) => a.id === "anon:5")?.refcnt).toBe(1);
    expect(mid.anons.find((a) => a.id === "anon:2")?.refcnt).toBe(2);
    const after = buildDoc(stateAt(tl, { step, event: iDecref }), []);
    expect(after.anons.find((a) => a.id === "anon:2")?.refcnt).toBe(1);
    // the slot still names the old anon until anon_set_ptr stores the new one
    expect(slot(after)).toBe("anon:2");
    expect(slot(buildDoc(stateAt(tl, { step, event: iSet }), []))).toBe("anon:5");
  });

  it("clamps positions from anywhere (hostile URLs included)", () => {
    const tl = buildTimeline(cow);
    expect(clampPosition(tl, { step: 999, event: 999 })).toEqual({ step: cow.steps.length, event: -1 });
    expect(clampPosition(tl, { step: -4, event: 3 })).toEqual({ step: 0, event: -1 });
    expect(clampPosition(tl, { step: 5, event: 1.7 })).toEqual({ step: 5, event: 1 });
  });
});
