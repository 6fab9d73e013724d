import { describe, expect, it } from "vitest";
import { parseArgs, type Args } from "./args";

/** The command line, every flag the walkthrough added and how the old ones still read. */
const ok = (argv: string[]): Args => {
  const a = parseArgs(argv);
  if (typeof a === "string") throw new Error(a);
  return a;
};

describe("parseArgs", () => {
  it("reads --walkthrough DIR, --format and --theme, spaced or with =", () => {
    const a = ok(["s.vms", "--walkthrough", "out", "--format", "png,SVG", "--theme", "dark", "--until", "3"]);
    expect([a.walkthrough, a.formats, a.theme, a.until]).toEqual(["out", ["svg", "png"], "dark", 3]);
    const b = ok(["s.vms", "--walkthrough=out dir", "--format= gif ", "--theme=light"]);
    expect([b.walkthrough, b.formats, b.theme]).toEqual(["out dir", ["gif"], "light"]);
    expect(ok(["s.vms", "--walkthrough", "out"])).toMatchObject({ formats: null, theme: null });
  });

  it("leaves the old flags as they were", () => {
    expect(ok(["s.vms", "--pmap=P1", "--swap", "--until=2"])).toMatchObject({
      pmap: ["P1"],
      swap: true,
      until: 2,
      walkthrough: null,
    });
    expect(parseArgs(["s.vms", "--until", "x"])).toBe(
      '--until needs a whole number of steps (0 or more), got "x"',
    );
  });

  it.each([
    [["s.vms", "--walkthrough"], "--walkthrough needs a directory to write the frames into"],
    [["s.vms", "--walkthrough", ""], "--walkthrough needs a directory to write the frames into"],
    [["s.vms", "--walkthrough", "--json"], "--walkthrough needs a directory to write the frames into"],
    [["s.vms", "--walkthrough", "a", "--walkthrough", "b"], "--walkthrough is given twice"],
    [["s.vms", "--walkthrough", "a", "--format"], "--format needs a value"],
    [
      ["s.vms", "--walkthrough", "a", "--format", ""],
      '--format takes a comma-separated list of svg, png, gif; got ""',
    ],
    [
      ["s.vms", "--walkthrough", "a", "--format", "svg,webm"],
      '--format takes a comma-separated list of svg, png, gif; got "svg,webm" ("webm" is not one)',
    ],
    [["s.vms", "--walkthrough", "a", "--format", "svg", "--format", "png"], "--format is given twice"],
    [["s.vms", "--walkthrough", "a", "--theme", "blue"], '--theme is light or dark, got "blue"'],
    [["s.vms", "--format", "svg"], "--format goes with --walkthrough DIR (the frames it draws)"],
    [["s.vms", "--theme", "dark"], "--theme goes with --walkthrough DIR (the frames it draws)"],
    [
      ["s.vms", "--walkthrough", "a", "--swap"],
      "--walkthrough draws the steps as frames: it takes no --json, --pmap, --swap, --emit-c or --emit-expected",
    ],
    [
      ["s.vms", "--walkthrough", "a", "--emit-c"],
      "--walkthrough draws the steps as frames: it takes no --json, --pmap, --swap, --emit-c or --emit-expected",
    ],
    [["--walkthrough", "a"], "no FILE given (a scenario file, or - for standard input)"],
  ])("%j: %s", (argv, msg) => {
    expect(parseArgs(argv)).toBe(msg);
  });
});
