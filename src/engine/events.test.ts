import { describe, expect, it } from "vitest";
import { Sim } from "./test-util";

/** The summary event a range statement folds its repeated pages into. */
const fold = (r: { events: { fn: string; src: string; say: string }[] }) =>
  r.events.find((e) => e.say.startsWith("The same again"));

describe("folded pages", () => {
  it("a range that faults is summed up under as_fault, in vm_as.c", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    s.do("P1 mmap buf /dev/zero 20 rw private");
    const f = fold(s.do("P1 write buf 0-19"));
    expect(f?.fn).toBe("as_fault");
    expect(f?.src).toMatch(/vm_as\.c$/);
    expect(f!.say).toContain("pages 3 to 19");
  });

  it("a range with no fault, or a pageout, is named after what its pages did first", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    s.do("P1 mmap buf /dev/zero 20 rw private");
    s.do("P1 write buf 0-19");
    const again = fold(s.do("P1 write buf 0-19"));
    expect(again?.fn).toBe("trap");
    expect(again?.src).toMatch(/trap\.c$/);
    const out = s.do("pageout P1 buf 0-19");
    // each page of a pageout starts with the page daemon's checkpage
    expect(fold(out)?.fn).toBe("checkpage");
    expect(fold(out)?.src).toMatch(/vm_pageout\.c$/);
  });
});
