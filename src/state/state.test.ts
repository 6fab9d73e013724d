import { describe, expect, it } from "vitest";
import type { StepInfo } from "../contract/wire/protocol";
import { planFor } from "./plan";
import { linkEventToPos } from "./history";
import { nowOf } from "./now";
import {
  clampPos,
  endPos,
  eventAt,
  nextEvent,
  nextStep,
  posAt,
  posCount,
  posIndex,
  prevEvent,
  prevStep,
  START,
} from "../contract/position";
import { defaultPreset } from "./presets";
import { PRESETS } from "../scenarios/presets";
import { forkLine, freeName, mmapLine, munmapLine, pageoutLine, spanText, touchLine } from "./statements";
import { encodeShare } from "../scenarios/url";

const stmt = { op: "exit", proc: "P1", where: { line: 1, text: "P1 exit" } } as const;
const ev = (fn: string) => ({ fn, src: "usr/src/uts/common/vm/vm_anon.c", say: fn, depth: 0 });
const steps: StepInfo[] = [
  { n: 1, line: 1, text: "a", result: "ok", stmt, events: [ev("a0")] },
  { n: 2, line: 2, text: "b", result: "ok", stmt, events: [ev("b0"), ev("b1"), ev("b2")] },
  { n: 3, line: 3, text: "c", result: "ok", stmt, events: [] },
];

describe("positions", () => {
  it("numbers every position once, in order", () => {
    // start; step 1 end; step 2: e0, e1, end; step 3 end
    expect(posCount(steps)).toBe(6);
    const all = Array.from({ length: 6 }, (_, i) => posAt(steps, i));
    expect(all).toEqual([
      START,
      { step: 1, event: -1 },
      { step: 2, event: 0 },
      { step: 2, event: 1 },
      { step: 2, event: -1 },
      { step: 3, event: -1 },
    ]);
    all.forEach((p, i) => expect(posIndex(steps, p)).toBe(i));
  });
  it("clamps as the engine does (the last event is the end of the step)", () => {
    expect(clampPos(steps, { step: 2, event: 2 })).toEqual({ step: 2, event: -1 });
    expect(clampPos(steps, { step: 9, event: 0 })).toEqual({ step: 3, event: -1 });
    expect(clampPos(steps, { step: -1, event: 5 })).toEqual(START);
  });
  it("moves by event and by step", () => {
    expect(nextEvent(steps, START)).toEqual({ step: 1, event: -1 });
    expect(nextEvent(steps, { step: 1, event: -1 })).toEqual({ step: 2, event: 0 });
    expect(prevEvent(steps, { step: 2, event: 0 })).toEqual({ step: 1, event: -1 });
    expect(prevEvent(steps, START)).toEqual(START);
    expect(nextEvent(steps, endPos(steps))).toEqual(endPos(steps));
    expect(nextStep(steps, { step: 2, event: 0 })).toEqual({ step: 2, event: -1 });
    expect(nextStep(steps, { step: 2, event: -1 })).toEqual({ step: 3, event: -1 });
    expect(prevStep(steps, { step: 2, event: 1 })).toEqual({ step: 1, event: -1 });
    expect(prevStep(steps, START)).toEqual(START);
  });
  it("names the event that has just happened", () => {
    expect(eventAt(steps, START)).toBeNull();
    expect(eventAt(steps, { step: 2, event: 1 })?.fn).toBe("b1");
    expect(eventAt(steps, { step: 2, event: -1 })?.fn).toBe("b2");
    expect(eventAt(steps, { step: 3, event: -1 })).toBeNull();
  });
});

describe("links in URLs", () => {
  it("carries the engine's own event index; the last event of a step is its end", () => {
    expect(linkEventToPos(3, 0)).toEqual({ step: 3, event: 0 });
    expect(linkEventToPos(3, 2)).toEqual({ step: 3, event: 2 });
    expect(clampPos(steps, { step: 2, event: 99 })).toEqual({ step: 2, event: -1 });
  });
  it("opens the default preset without a fragment, and explains a bad one", () => {
    expect(planFor("")).toMatchObject({ text: defaultPreset().text, to: "end", notice: null });
    const bad = planFor("#v1.0.0.!!!");
    expect(bad.text).toBe(defaultPreset().text);
    expect(bad.notice).toMatch(/could not be opened: .*damaged/);
    const good = planFor(`#${encodeShare("spawn P1\n", { step: 1, event: 3 })}`);
    expect(good).toMatchObject({ text: "spawn P1\n", to: { step: 1, event: 3 }, notice: null });
  });
});

describe("presets", () => {
  it("has a default and every preset a title and an idea", () => {
    expect(PRESETS.length).toBeGreaterThan(5);
    expect(defaultPreset().text).toMatch(/spawn/);
    for (const p of PRESETS) {
      expect(p.title.length).toBeGreaterThan(3);
      expect(p.idea.length).toBeGreaterThan(10);
    }
  });
});

describe("statements", () => {
  it("spells operations as the language does", () => {
    expect(touchLine("write", "P2", "buf", { from: 1, to: 1 })).toBe("P2 write buf 1");
    expect(touchLine("read", "P1", "buf", { from: 0, to: 3 })).toBe("P1 read buf 0-3");
    expect(pageoutLine("P1", "buf", { from: 2, to: 2 })).toBe("pageout P1 buf 2");
    expect(munmapLine("P1", "buf", null)).toBe("P1 munmap buf");
    expect(munmapLine("P1", "buf", { from: 2, to: 2 })).toBe("P1 munmap buf 2-2");
    expect(forkLine("P1", "P2")).toBe("P1 fork P2");
    expect(
      mmapLine("P1", {
        seg: "m",
        source: "/data/f",
        size: "8k",
        prot: "r",
        share: "shared",
        offset: 2,
        noreserve: true,
      }),
    ).toBe("P1 mmap m /data/f 8k r shared offset=2 noreserve");
    expect(spanText({ from: -2, to: -1 })).toBe("-2--1");
  });
  it("finds free names", () => {
    expect(freeName(["P1", "P2"], "P")).toBe("P3");
    expect(freeName([], "P")).toBe("P1");
    expect(freeName(["buf"], "buf")).toBe("buf2");
    expect(freeName([], "buf")).toBe("buf");
  });
});

describe("now", () => {
  it("collects the frames and anons an event names, and the COW copy", () => {
    const n = nowOf({
      fn: "page_create_va",
      src: "x",
      say: "pp:5 (swapfs, 0x5000) is created in frame 3, off the free list, and pp:2 (swapfs, 0x2000) is copied into it (ppcopy).",
      depth: 6,
      refs: { anon: 5, frame: 5, from: 2 },
    });
    expect([...n.frames].sort()).toEqual([2, 5]);
    expect(n.copy).toEqual({ from: 2, to: 5 });
    expect(nowOf(null).frames.size).toBe(0);
  });
});
