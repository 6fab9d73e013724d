import { describe, expect, it } from "vitest";
import { LIMITS } from "../contract/limits";
import { mappedPages } from "./room";
import { stateCells } from "./timeline";
import { Sim, lastSay } from "./test-util";

/**
 * The simulator's address-space limits: a crafted scenario (thousands of mmaps, huge mappings
 * forked many times) is refused step by step with a result and an event naming the limit, and
 * the state stays consistent (Sim checks every invariant after every step).
 */

const BIG = LIMITS.segmentPages;

describe("LIMITS.segments: segments in one address space", () => {
  it("mmap past the limit fails with ENOMEM and names the limit; the others keep working", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    for (let i = 0; i < LIMITS.segments; i++) expect(s.res(`P1 mmap m${i} anon 1 rw private`)).toBe("ok");
    expect(s.proc("P1").segs.length).toBe(LIMITS.segments);
    const r = s.do("P1 mmap over anon 1 rw private");
    expect(r.result).toBe("ENOMEM");
    expect(r.events.map((e) => e.say).join(" ")).toContain("LIMITS.segments");
    expect(s.proc("P1").segs.length).toBe(LIMITS.segments);
    // another process has its own address space
    s.do("spawn P2 empty");
    expect(s.res("P2 mmap m0 anon 1 rw private")).toBe("ok");
    // freeing one makes room again
    expect(s.res("P1 munmap m0")).toBe("ok");
    expect(s.res("P1 mmap again anon 1 rw private")).toBe("ok");
  });

  it("a munmap that would split a segment past the limit fails with ENOMEM and unmaps nothing", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    for (let i = 0; i < LIMITS.segments - 1; i++) s.do(`P1 mmap m${i} anon 1 rw private`);
    s.do("P1 mmap wide anon 8 rw private");
    s.do("P1 write wide 0-7");
    const before = s.proc("P1").segs.length;
    const r = s.do("P1 munmap wide 2-3");
    expect(r.result).toBe("ENOMEM");
    expect(lastSay(r)).toContain("nothing is unmapped");
    expect(r.events.map((e) => e.say).join(" ")).toContain("LIMITS.segments");
    expect(s.proc("P1").segs.length).toBe(before);
    expect(s.slot("P1", "wide", 2).anon).not.toBe(0);
    // an end is no split
    expect(s.res("P1 munmap wide 7")).toBe("ok");
  });
});

describe("LIMITS.mappedPages: pages mapped by all live processes", () => {
  it("mmap, fork, sbrk and stack growth past the limit are refused, naming the limit", () => {
    expect(LIMITS.mappedPages).toBeGreaterThanOrEqual(2 * BIG);
    const s = new Sim();
    s.do("spawn P1 empty");
    const fill = Math.floor(LIMITS.mappedPages / BIG);
    for (let i = 0; i < fill; i++) expect(s.res(`P1 mmap h${i} anon ${BIG} rw private noreserve`)).toBe("ok");
    expect(mappedPages(s.st)).toBe(fill * BIG);
    const r = s.do("P1 mmap more anon 16 rw private noreserve");
    expect(r.result).toBe("ENOMEM");
    expect(r.events.map((e) => e.say).join(" ")).toContain("LIMITS.mappedPages");
    const f = s.do("P1 fork P2");
    expect(f.result).toBe("EAGAIN");
    expect(f.events.map((e) => e.say).join(" ")).toContain("LIMITS.mappedPages");
    expect(s.st.procs.map((p) => p.name)).toEqual(["P1"]);
    expect(s.res("P1 sbrk 1")).toBe("ENOMEM");
    expect(s.res("P1 stack 1")).toBe("SIGSEGV");
    // unmapping gives room back
    expect(s.res("P1 munmap h0")).toBe("ok");
    expect(s.res("P1 mmap more anon 16 rw private noreserve")).toBe("ok");
  });

  it("exited processes map nothing", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    s.do(`P1 mmap a anon ${BIG} rw private noreserve`);
    s.do("P1 fork P2");
    expect(mappedPages(s.st)).toBe(2 * BIG);
    s.do("P2 exit");
    expect(mappedPages(s.st)).toBe(BIG);
  });
});

describe("checkpoint budget", () => {
  it("counts per-page protections (vpage), so a huge mprotect'd mapping is not copied at every step", () => {
    const s = new Sim("machine arch=x86 ram=64 swap=64\nfile /f 64g");
    s.do("spawn P1 empty");
    s.do("P1 mmap a /f 64g r private");
    const before = stateCells(s.st);
    s.do("P1 mprotect a none 1");
    expect(s.seg("P1", "a").vpage?.length).toBe(BIG);
    expect(stateCells(s.st) - before).toBeGreaterThanOrEqual(BIG / 4);
  });
});
