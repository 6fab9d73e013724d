import { describe, expect, it } from "vitest";
import { callers, foldOf, relation, shownPath } from "./calls";

const ev = (fn: string, depth: number) => ({ fn, say: "", depth });

describe("call nesting", () => {
  // a copy-on-write fault as the engine nests it
  const cow = [
    ev("trap", 0),
    ev("as_fault", 1),
    ev("segvn_fault", 2),
    ev("segvn_faultpage", 3),
    ev("anon_getpage", 4),
    ev("anon_private", 4),
    ev("anon_alloc", 5),
    ev("ppcopy", 5),
    ev("anon_decref", 4),
    ev("hat_memload", 3),
  ];
  it("finds who called an event, outermost first", () => {
    expect(callers(cow, 7).map((i) => cow[i]!.fn)).toEqual([
      "trap",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_private",
    ]);
    expect(callers(cow, 9).map((i) => cow[i]!.fn)).toEqual(["trap", "as_fault", "segvn_fault"]);
    expect(callers(cow, 0)).toEqual([]);
  });
  it("says how each event follows the one before", () => {
    expect(relation(cow, 0)).toBeNull();
    expect(relation(cow, 1)).toBe("call");
    expect(relation(cow, 5)).toBe("next");
    expect(relation(cow, 8)).toBe("return");
  });
  it("reads events with no depth as all at the top", () => {
    const flat = [
      { fn: "a", say: "" },
      { fn: "b", say: "" },
    ];
    expect(callers(flat, 1)).toEqual([]);
    expect(relation(flat, 1)).toBe("next");
  });
});

describe("folded pages", () => {
  it("reads the pages and paths of a summary", () => {
    const f = foldOf(
      "The same again for pages 3 to 19 (17 pages, each taking a path shown above; a function's callees in brackets): trap(as_fault(segvn_fault), hat_memload).",
    );
    expect(f).toEqual({
      which: "pages 3 to 19",
      count: 17,
      paths: [
        {
          pages: 17,
          fns: ["trap", "as_fault", "segvn_fault", "hat_memload"],
          tree: "trap(as_fault(segvn_fault), hat_memload)",
        },
      ],
    });
    const two = foldOf(
      "The same again for pages 2 to 5 (4 pages, each taking a path shown above; a function's callees in brackets): 3 × trap(hat_memload); 1 × trap(as_fault).",
    );
    expect(two?.paths).toEqual([
      { pages: 3, fns: ["trap", "hat_memload"], tree: "trap(hat_memload)" },
      { pages: 1, fns: ["trap", "as_fault"], tree: "trap(as_fault)" },
    ]);
    expect(foldOf("Load P1's translation.")).toBeNull();
  });
  it("finds the page shown in full that took a path", () => {
    const evs = [ev("trap", 0), ev("as_fault", 1), ev("trap", 0), ev("hat_memload", 1), ev("as_fault", 0)];
    expect(shownPath(evs, 4, ["trap", "hat_memload"])).toBe(2);
    expect(shownPath(evs, 4, ["trap", "as_fault"])).toBe(0);
    expect(shownPath(evs, 4, ["trap"])).toBe(-1);
  });
});
