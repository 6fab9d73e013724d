import { describe, expect, it } from "vitest";
import { questionsFor } from "../engine/predict";
import { buildDoc } from "../engine/report/doc";
import { buildTimeline, stateAt } from "../engine/timeline";
import { LESSONS } from "../lessons/lessons";
import { parseScenario } from "../scenarios/parse";
import { PRESETS } from "../scenarios/presets";
import { questionDoc, questionsBetween } from "./questions";
import { createSession } from "./session";
import * as late from "./late";

const timelineOf = (text: string) => {
  const r = parseScenario(text);
  if (!r.ok) throw new Error("does not parse");
  return buildTimeline(r.scenario);
};

const SCENARIOS = [
  ...PRESETS.filter((p) => p.id !== "large-fork").map((p) => ({ name: `preset ${p.id}`, text: p.text })),
  ...LESSONS.map((l) => ({ name: `lesson ${l.id}`, text: l.scenario })),
];

describe("questions worked out in the worker", () => {
  it.each(SCENARIOS)("are the ones the whole documents give: $name", ({ text }) => {
    const tl = timelineOf(text);
    let asked = 0;
    for (let n = 1; n <= tl.steps.length; n++) {
      const before = stateAt(tl, { step: n - 1, event: -1 });
      const after = stateAt(tl, { step: n, event: -1 });
      const want = questionsFor(buildDoc(before, []), tl.steps[n - 1]!, buildDoc(after, []));
      expect(questionsBetween(before, tl.steps[n - 1]!, after), `step ${n}`).toEqual(want);
      asked += want.length;
    }
    expect(asked).toBeGreaterThan(0);
  });

  it("reads slots and anons only when asked, sharing one slot object per anon", () => {
    const tl = timelineOf(
      "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-1\nP1 fork P2\n",
    );
    const doc = questionDoc(stateAt(tl, { step: 4, event: -1 }));
    const [p1, p2] = doc.processes;
    const s1 = p1!.segments[0]!.slots;
    const s2 = p2!.segments[0]!.slots;
    expect(s1.map((s) => s.anon)).toEqual(["anon:1", "anon:2", null, null]);
    expect(s2[0]).toBe(s1[0]);
    expect(p1!.segments[0]!.slots).toBe(s1);
    expect(doc.anons.map((a) => [a.id, a.refcnt])).toEqual([
      ["anon:1", 2],
      ["anon:2", 2],
    ]);
    expect(doc.pmap["P2"]?.length).toBeGreaterThan(0);
  });

  it("answer a predict request with the step's questions (loaded on first use, with the diff and the table view), and refuse a stale timeline", () => {
    const text = PRESETS.find((p) => p.id === "default")!.text;
    const bare = createSession();
    const first = bare.handle({ v: 1, type: "load", id: 1, text, to: "end" });
    if (first.type !== "loaded") throw new Error(first.type);
    // loaded on first use: a session without them says so, and lacks them until provided
    const asked = { v: 1, type: "predict", id: 2, gen: first.gen, step: 5 } as const;
    const changes = {
      v: 1,
      type: "changes",
      id: 3,
      gen: first.gen,
      pos: { step: 5, event: -1 },
      scope: "event",
    } as const;
    const view = { v: 1, type: "view", id: 4, gen: first.gen, pos: { step: 5, event: -1 } } as const;
    for (const r of [asked, changes, view]) {
      expect(bare.lacks(r)).toBe(true);
      expect(bare.handle(r)).toMatchObject({ type: "failed" });
    }
    // what the first paint needs is there from the start
    expect(bare.lacks({ v: 1, type: "seek", id: 5, gen: first.gen, pos: { step: 1, event: -1 } })).toBe(
      false,
    );
    bare.provide(late);
    for (const r of [asked, changes, view]) expect(bare.lacks(r)).toBe(false);
    expect(bare.handle(asked)).toMatchObject({ type: "predict" });
    expect(bare.handle(changes)).toMatchObject({ type: "changes" });
    expect(bare.handle(view)).toMatchObject({ type: "view" });
    const session = createSession({ late });
    const loaded = session.handle({ v: 1, type: "load", id: 1, text, to: "end" });
    if (loaded.type !== "loaded") throw new Error(loaded.type);
    const tl = timelineOf(text);
    const n = 5;
    const want = questionsFor(
      buildDoc(stateAt(tl, { step: n - 1, event: -1 }), []),
      tl.steps[n - 1]!,
      buildDoc(stateAt(tl, { step: n, event: -1 }), []),
    );
    expect(want.length).toBeGreaterThan(0);
    const r = session.handle({ v: 1, type: "predict", id: 2, gen: loaded.gen, step: n });
    expect(r).toMatchObject({ type: "predict", id: 2, step: n, questions: want });
    const past = session.handle({ v: 1, type: "predict", id: 3, gen: loaded.gen, step: 99 });
    expect(past).toMatchObject({ type: "predict", questions: [] });
    const stale = session.handle({ v: 1, type: "predict", id: 4, gen: loaded.gen + 1, step: n });
    expect(stale).toMatchObject({ type: "failed", message: "stale timeline" });
  });
});
