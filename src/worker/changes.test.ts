import { describe, expect, it } from "vitest";
import { diffStates } from "../engine/diff";
import { buildTimeline, stateAt } from "../engine/timeline";
import { parseScenario } from "../scenarios/parse";
import { createSession } from "./session";
import * as late from "./late";
import { before } from "./queries";

const COW = `machine arch=x86 ram=16m swap=16m
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 write buf 0-3
P1 fork P2
P2 write buf 1`;

const timelineOf = (text: string) => {
  const r = parseScenario(text);
  if (!r.ok) throw new Error("does not parse");
  return buildTimeline(r.scenario);
};

describe("the worker's change lists", () => {
  const tl = timelineOf(COW);
  const cow = tl.steps[4]!;
  const setPtr = cow.events.findIndex((e) => e.fn === "anon_set_ptr");

  it("an event starts from the event before it; a step's first event and a whole step from the step before", () => {
    expect(before(tl, { step: 5, event: setPtr }, "event")).toEqual({ step: 5, event: setPtr - 1 });
    expect(before(tl, { step: 5, event: 0 }, "event")).toEqual({ step: 4, event: -1 });
    expect(before(tl, { step: 5, event: -1 }, "event")).toEqual({ step: 5, event: cow.events.length - 2 });
    expect(before(tl, { step: 5, event: setPtr }, "step")).toEqual({ step: 4, event: -1 });
    expect(before(tl, { step: 0, event: -1 }, "step")).toEqual({ step: 0, event: -1 });
  });

  it("answers with the engine's diff of the two states, for the event and for the whole step", () => {
    const s = createSession({ late });
    const loaded = s.handle({ v: 1, type: "load", id: 1, text: COW, to: "end" });
    if (loaded.type !== "loaded") throw new Error(loaded.type);
    const pos = { step: 5, event: setPtr };
    const ev = s.handle({ v: 1, type: "changes", id: 2, gen: loaded.gen, pos, scope: "event" });
    if (ev.type !== "changes") throw new Error(ev.type);
    // anon_set_ptr: the one slot re-pointed, and nothing else moved
    expect(ev.items.map((c) => c.text)).toEqual([
      expect.stringMatching(/^P2 buf\[1\] → anon:\d+ \(was anon:\d+\)$/),
    ]);
    expect(ev.from).toEqual({ step: 5, event: setPtr - 1 });
    const want = diffStates(stateAt(tl, { step: 4, event: -1 }), stateAt(tl, { step: 5, event: -1 }));
    const step = s.handle({
      v: 1,
      type: "changes",
      id: 3,
      gen: loaded.gen,
      pos: { step: 5, event: -1 },
      scope: "step",
    });
    expect(step).toMatchObject({ type: "changes", items: want.items, folded: 0 });
    // the whole step from anywhere inside it
    const inside = s.handle({ v: 1, type: "changes", id: 6, gen: loaded.gen, pos, scope: "step" });
    expect(inside).toMatchObject({ type: "changes", to: { step: 5, event: -1 }, items: want.items });
    // any two positions: from the start to the end is everything the scenario did
    const all = s.handle({
      v: 1,
      type: "changes",
      id: 4,
      gen: loaded.gen,
      pos: { step: 5, event: -1 },
      scope: "step",
      from: { step: 0, event: -1 },
    });
    expect(all.type === "changes" && all.items.some((c) => c.text === "P1 created (pid 101)")).toBe(true);
    // a stale timeline is refused
    expect(s.handle({ v: 1, type: "changes", id: 5, gen: loaded.gen + 1, pos, scope: "event" }).type).toBe(
      "failed",
    );
  });
});
