import { describe, expect, it } from "vitest";
import type { ProcSnap, SegSnap, Snapshot, StepInfo } from "../contract/wire/protocol";
import { shownSeg } from "./selectors";
import { initialState, type AppState } from "./store";
import { procWhy, segWhy, targetProc, targetSeg } from "./target";
import { checkStatement } from "./validate";

const TEXT = `spawn P1 empty
P1 mmap buf /dev/zero 8 rw private
P1 fork P2
P1 munmap buf
P2 exit
`;
const STEPS: StepInfo[] = TEXT.trim()
  .split("\n")
  .map((t, i) => ({
    n: i + 1,
    line: i + 1,
    text: t,
    result: "ok",
    stmt: { op: "exit", proc: "P1", where: { line: i + 1, text: t } },
    events: [],
  }));

const seg = (name: string, first = 0, pages = 8): SegSnap => ({ name, first, pages }) as unknown as SegSnap;
const proc = (name: string, segs: SegSnap[], alive = true): ProcSnap => ({ name, pid: 100, alive, segs });

/** The app state at step `at`, with these processes alive and target proc/seg. */
function at(step: number, procs: ProcSnap[], target: { proc: string | null; seg: string | null }): AppState {
  const s = initialState();
  const snapshot = { pos: { step, event: -1 }, procs } as unknown as Snapshot;
  return {
    scenario: { ...s.scenario, text: TEXT, shownText: TEXT, loading: false },
    engine: { ...s.engine, steps: STEPS, snapshot, pos: { step, event: -1 } },
    view: { ...s.view, proc: target.proc, seg: target.seg ? { name: target.seg, first: 0 } : null },
  };
}

describe("the target stays the user's and says why it is not there", () => {
  it("a process not spawned yet, or forked later, names the step that creates it", () => {
    expect(procWhy(at(0, [], { proc: "P1", seg: "buf" }))).toBe(
      "P1 does not exist yet at this step: step 1 (spawn P1 empty) creates it.",
    );
    expect(procWhy(at(2, [proc("P1", [seg("buf")])], { proc: "P2", seg: "buf" }))).toBe(
      "P2 does not exist yet at this step: step 3 (P1 fork P2) creates it.",
    );
  });

  it("an exited process says when it exited; an unknown one says so", () => {
    const s = at(5, [proc("P1", []), proc("P2", [seg("buf")], false)], { proc: "P2", seg: "buf" });
    expect(targetProc(s)).toBeNull();
    expect(procWhy(s)).toBe("P2 has exited at this step (step 5: P2 exit).");
    expect(procWhy(at(5, [proc("P1", [])], { proc: "P7", seg: null }))).toMatch(/No process is named P7/);
  });

  it("a mapping not made yet, or unmapped, names the step", () => {
    expect(segWhy(at(1, [proc("P1", [])], { proc: "P1", seg: "buf" }))).toBe(
      "P1 has no mapping buf yet: step 2 (P1 mmap buf /dev/zero 8 rw private) maps it.",
    );
    expect(segWhy(at(4, [proc("P1", []), proc("P2", [seg("buf")])], { proc: "P1", seg: "buf" }))).toBe(
      "P1 has no mapping buf any more: step 4 (P1 munmap buf) unmapped it.",
    );
  });

  it("a target that is there: no reason, and the piece holding the target pages", () => {
    const s = at(3, [proc("P1", [seg("buf", 0, 2), seg("buf", 4, 4)])], { proc: "P1", seg: "buf" });
    expect(procWhy(s)).toBeNull();
    expect(segWhy(s)).toBeNull();
    const onPage5 = { ...s, view: { ...s.view, seg: { name: "buf", first: 9 }, pages: { from: 5, to: 5 } } };
    expect(targetSeg(onPage5, targetProc(onPage5))?.first).toBe(4);
  });

  it("the Anon layer shows the target's mapping in another process when its own is gone", () => {
    const s = at(4, [proc("P1", [seg("stack")]), proc("P2", [seg("buf")])], { proc: "P1", seg: "buf" });
    expect(shownSeg(s)).toEqual({ name: "buf", first: 0 });
  });
});

describe("forms check their statement with the scenario language's parser", () => {
  const sparc = "machine arch=sparc\nfile /data/f 16k\nspawn P1\n";
  it("accepts what the language accepts: units by the machine's page size, declared files, stack pages", () => {
    expect(checkStatement(sparc, [{ text: "P1" }, { text: "sbrk" }, { text: "16k", label: "Size" }])).toEqual(
      {
        line: "P1 sbrk 16k",
        error: null,
        field: null,
      },
    );
    const file = [
      { text: "P1" },
      { text: "mmap" },
      { text: "f", label: "Name" },
      { text: "/data/f", label: "Source" },
    ];
    expect(
      checkStatement(sparc, [...file, { text: "2", label: "Size" }, { text: "r" }, { text: "private" }])
        .error,
    ).toBeNull();
    const pages = (p: string) =>
      checkStatement(TEXT, [{ text: "P1" }, { text: "write" }, { text: "buf" }, { text: p, label: "Pages" }]);
    for (const ok of ["3", "0-7", "-2--1", "-3"]) expect(pages(ok).error, ok).toBeNull();
  });

  it("refuses the rest, in the parser's words, under the field", () => {
    const pages = (p: string) =>
      checkStatement(TEXT, [{ text: "P1" }, { text: "write" }, { text: "buf" }, { text: p, label: "Pages" }]);
    expect(pages("abc").field).toBe("Pages");
    expect(pages("abc").error).toMatch(/^Pages: Expected a page A or range A-B, got "abc"/);
    expect(pages("3-1").error).toMatch(/^Pages: .*runs backwards/);
    expect(pages("0x3").error).toMatch(/no hex/);
    expect(pages("1 2").error).toBe('Pages: one word, no spaces ("1 2").');
    const size = (v: string) =>
      checkStatement(TEXT, [{ text: "P1" }, { text: "sbrk" }, { text: v, label: "Size" }]);
    expect(size("8q").error).toMatch(/^Size: .*unknown unit "q"/);
    expect(size("0").error).toMatch(/^Size: .*at least 1 page/);
    expect(size("").error).toBe("Size: it is empty.");
    const name = checkStatement(TEXT, [
      { text: "P1" },
      { text: "mmap" },
      { text: "9x", label: "Name" },
      { text: "/dev/zero" },
      { text: "4" },
      { text: "rw" },
      { text: "private" },
    ]);
    expect(name.field).toBe("Name");
    const file = checkStatement(TEXT, [
      { text: "P1" },
      { text: "mmap" },
      { text: "f", label: "Name" },
      { text: "/data/nope", label: "Source" },
      { text: "4" },
      { text: "rw" },
      { text: "private" },
    ]);
    expect(file.error).toMatch(/^Source: Unknown file \/data\/nope/);
  });
});
