import { expect, it } from "vitest";
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, stateAt } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { buildSnapshot } from "./snapshot";

it("a segment's prot on screen is the JSON's: after munmap took the pages that granted more", () => {
  const r = parseScenario(
    "spawn P1 empty\nP1 mmap buf /dev/zero 6 rw private\nP1 mprotect buf r 0-2\nP1 munmap buf 3-5\n",
  );
  if (!r.ok) throw new Error("parse");
  const tl = buildTimeline(r.scenario);
  const pos = { step: tl.steps.length, event: -1 };
  const doc = buildDoc(stateAt(tl, pos), []);
  const snap = buildSnapshot(stateAt(tl, pos), 1, pos);
  const want = doc.processes[0]!.segments.map((g) => g.prot);
  expect(want).toEqual(["r"]);
  expect(snap.procs[0]!.segs.map((g) => g.prot)).toEqual(want);
});
