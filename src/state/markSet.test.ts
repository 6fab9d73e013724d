import { describe, expect, it } from "vitest";
import type { Change } from "../contract/change";
import { markKey, markSetOf } from "./markSet";

const COW: Change[] = [
  {
    kind: "slot",
    text: "P2 buf[1] → anon:6 (was anon:3)",
    refs: { proc: "P2", seg: "buf", page: 1, anon: 6 },
  },
  { kind: "refcnt", text: "an_refcnt anon:3 2→1", refs: { anon: 3 } },
  { kind: "page", text: "pp:6 (swapfs, 0x6000) created in frame 5", refs: { frame: 6 } },
  {
    kind: "hat",
    text: "P2 buf[1] translation → pp:6 rw",
    refs: { proc: "P2", seg: "buf", page: 1, frame: 6 },
  },
  {
    kind: "swap",
    text: "swap -s: 4k moved from reserved to allocated",
    refs: {},
    fields: ["reserved", "allocated"],
  },
  { kind: "pmap", text: "pmap P2 buf Anon 0k→4k", refs: { proc: "P2", seg: "buf" }, fields: ["Anon"] },
  { kind: "anon", text: "anon:9 freed", refs: {} },
];

describe("the marks a diff names", () => {
  it("each object once, under the key its panel looks it up by", () => {
    const m = markSetOf(COW);
    expect([...m.anons].sort()).toEqual([3, 6]);
    expect([...m.frames]).toEqual([6]);
    expect([...m.slots]).toEqual([markKey("P2", "buf", 1)]);
    expect([...m.hats]).toEqual([markKey("P2", "buf", 1)]);
    expect([...m.swapFigures].sort()).toEqual(["allocated", "reserved"]);
    expect([...m.pmap.get("P2/buf")!]).toEqual(["Anon"]);
    // a freed anon is in the list, but nothing on screen is it
    expect(m.anons.has(9)).toBe(false);
    expect(m.size).toBe(5);
    // built once per list
    expect(markSetOf(COW)).toBe(m);
  });
});
