import { describe, expect, it } from "vitest";
import { LIMITS } from "../../contract/limits";
import { handOff, isLong, lineCount, LONG_CHARS, LONG_LINES, spliced, takeHandoff, tooLong } from "./long";

describe("which editor a text gets", () => {
  it("counts lines, stopping early when told", () => {
    expect(lineCount("")).toBe(1);
    expect(lineCount("a\nb\n")).toBe(3);
    expect(lineCount("\n".repeat(262_000))).toBe(262_001);
    expect(lineCount("\n".repeat(262_000), 10)).toBe(10);
  });

  it("a text is long past LONG_LINES lines or LONG_CHARS characters, whatever else it holds", () => {
    expect(isLong("spawn P1\n".repeat(LONG_LINES - 1))).toBe(false);
    expect(isLong("\n".repeat(LONG_LINES))).toBe(true);
    expect(isLong(`spawn P1\n${"\n".repeat(262_000)}`)).toBe(true);
    expect(isLong("#".repeat(LONG_CHARS))).toBe(false);
    expect(isLong("#".repeat(LONG_CHARS + 1))).toBe(true);
  });

  it("an edit past the limit is refused in words that name the limit", () => {
    expect(tooLong(LIMITS.scenarioChars + 1, "paste")).toBe(
      "That would make the scenario 262,145 characters long; the limit is 262,144 (LIMITS.scenarioChars). Nothing was pasted: your text is as it was.",
    );
    expect(tooLong(300_000, "edit")).toMatch(/The edit was undone/);
    expect(spliced("abcdef", 1, 3, "XY")).toBe("aXYdef");
  });

  it("the caret handed from one editor to the other is read once", () => {
    handOff({ anchor: 3, head: 5 });
    expect(takeHandoff()).toEqual({ anchor: 3, head: 5 });
    expect(takeHandoff()).toBeNull();
  });
});
