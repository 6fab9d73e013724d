import { describe, expect, it } from "vitest";
import type { StepInfo } from "../contract/wire/protocol";
import { alignPos, divergence } from "./pair";

const step = (n: number, fns: string[], result = "ok"): StepInfo =>
  ({
    n,
    line: n,
    text: `s${n}`,
    result,
    events: fns.map((fn) => ({ fn, src: "", say: "", depth: 0 })),
  }) as unknown as StepInfo;

const A = [
  step(1, ["exec_common"]),
  step(2, ["smmap_common", "segvn_create", "anon_resvmem"]),
  step(3, ["trap", "x"]),
];
const B = [
  step(1, ["exec_common"]),
  step(2, ["smmap_common", "segvn_create", "anon_resvmem", "anonmap_alloc"]),
  step(3, ["trap"]),
];

describe("two runs side by side", () => {
  it("part at the first step whose kernel functions differ, at the first event that does", () => {
    expect(divergence(A, B)).toEqual({ step: 2, event: 3, a: null, b: "anonmap_alloc" });
    expect(divergence(A, A)).toBeNull();
    expect(divergence(A, [A[0]!, A[1]!, step(3, ["trap", "x"], "ENOMEM")])).toEqual({
      step: 3,
      event: 2,
      a: null,
      b: null,
    });
    // one run longer: they part where the other has no step
    expect(divergence(A, A.slice(0, 2))).toMatchObject({ step: 3, a: "trap", b: null });
  });

  it("step together: the same step, the same event when the second has it, else the step's end", () => {
    expect(alignPos({ step: 2, event: 1 }, B)).toEqual({ step: 2, event: 1 });
    expect(alignPos({ step: 3, event: 1 }, B)).toEqual({ step: 3, event: -1 });
    expect(alignPos({ step: 2, event: -1 }, B)).toEqual({ step: 2, event: -1 });
    expect(alignPos({ step: 0, event: -1 }, B)).toEqual({ step: 0, event: -1 });
    expect(alignPos({ step: 5, event: 0 }, B)).toEqual({ step: 3, event: -1 });
  });
});
