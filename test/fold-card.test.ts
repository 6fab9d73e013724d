import { describe, expect, it } from "vitest";
import { Sim } from "../src/engine/test-util";
import { foldOf, shownPath } from "../src/ui/layout/calls";

/**
 * The engine writes a folded summary's sentence and the event card reads it back (foldOf): the
 * two must agree, so this reads the engine's own output rather than a sentence typed here (a
 * change of wording once left the card showing the raw sentence with no links to the pages).
 */
describe("the event card reads the engine's folded summaries", () => {
  const cases: [string, string[], number][] = [
    ["one path", ["spawn P1 empty", "P1 mmap buf /dev/zero 20 rw private", "P1 write buf 0-19"], 1],
    [
      "two paths",
      [
        "spawn P1 empty",
        "P1 mmap buf /dev/zero 16 rw private",
        "P1 write buf 0-3",
        "P1 write buf 8-11",
        "P1 fork P2",
        "P2 write buf 0-15",
      ],
      2,
    ],
  ];
  for (const [name, lines, paths] of cases) {
    it(name, () => {
      const s = new Sim();
      let r = s.do(lines[0]!);
      for (const l of lines.slice(1)) r = s.do(l);
      // the last fold of the step: in the fork case, where both paths are folded together
      const at = r.events.map((e) => e.say.startsWith("The same again")).lastIndexOf(true);
      expect(at).toBeGreaterThan(0);
      const f = foldOf(r.events[at]!.say);
      expect(f).not.toBeNull();
      expect(f!.count).toBeGreaterThan(1);
      expect(f!.paths).toHaveLength(paths);
      expect(f!.paths.reduce((n, p) => n + p.pages, 0)).toBe(f!.count);
      for (const p of f!.paths) {
        // every path was shown in full on an earlier page, and the card links to it
        const i = shownPath(r.events, at, p.fns);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(r.events.slice(i, i + p.fns.length).map((e) => e.fn)).toEqual(p.fns);
        expect(p.tree).toMatch(/\(/);
      }
    });
  }

  it("one page: its sentence says so without an 'each', and the card reads it", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    s.do("P1 mmap buf /dev/zero 4 rw private");
    const r = s.do("P1 write buf 0-3");
    const ev = r.events.find((e) => e.say.startsWith("The same again"))!;
    expect(ev.say).toContain("for page 3 (1 page, taking a path shown above;");
    expect(ev.say).not.toMatch(/each/);
    const f = foldOf(ev.say);
    expect(f).toMatchObject({ which: "page 3", count: 1 });
    expect(f!.paths).toHaveLength(1);
    // a second write folds its page 3 the same way; eight pages keep their "each"
    expect(s.do("P1 write buf 0-3").events.some((e) => e.say.includes("each taking"))).toBe(false);
    s.do("P1 mmap big /dev/zero 8 rw private");
    expect(s.do("P1 write big 0-7").events.find((e) => e.say.startsWith("The same again"))!.say).toContain(
      "(5 pages, each taking a path shown above;",
    );
  });
});
