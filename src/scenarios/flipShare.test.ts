import { describe, expect, it } from "vitest";
import { parseScenario } from "./parse";
import { flipShare, shareOf } from "./flipShare";

const TEXT = `# title: x
# P1 mmap buf /dev/zero 4 rw private (a comment stays)
machine arch=x86 ram=16m swap=16m
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 mmap shm anon 2 r shared noreserve
P1 write buf 0-1
P1 fork P2`;

describe("the same steps, MAP_PRIVATE and MAP_SHARED swapped", () => {
  it("swaps the SHARE of every mmap statement and nothing else", () => {
    const b = flipShare(TEXT)!;
    expect(b.split("\n")).toEqual([
      "# title: x",
      "# P1 mmap buf /dev/zero 4 rw private (a comment stays)",
      "machine arch=x86 ram=16m swap=16m",
      "spawn P1 empty",
      "P1 mmap buf /dev/zero 4 rw shared",
      "P1 mmap shm anon 2 r private noreserve",
      "P1 write buf 0-1",
      "P1 fork P2",
    ]);
    expect(flipShare(b)).toBe(TEXT);
    // still a scenario, with the same steps
    const [ra, rb] = [parseScenario(TEXT), parseScenario(b)];
    expect(ra.ok && rb.ok && rb.scenario.steps.length === ra.scenario.steps.length).toBe(true);
    expect(shareOf(TEXT)).toBe("MAP_PRIVATE");
    expect(shareOf(b)).toBe("MAP_SHARED");
  });

  it("says when there is nothing to swap", () => {
    expect(flipShare("spawn P1\nP1 sbrk 4")).toBeNull();
    expect(shareOf("spawn P1")).toBeNull();
  });
});
