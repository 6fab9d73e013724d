import { describe, expect, it } from "vitest";
import {
  anon_create,
  anon_get_ptr,
  anon_grow,
  anon_pages,
  anon_set_ptr,
  chunkCount,
  forEachUsed,
} from "./anon_hdr";
import { archInfo } from "./arch";
import type { StepRecord } from "./run";
import { Sim, corePath } from "./test-util";
import type { AnonHdr } from "./types";

/** The step's core events (test-util CORE_FNS, plus those named) are exactly `e`, in order. */
const expectPath = (r: StepRecord, e: string[]): void => expect(corePath(r, e)).toEqual(e);

/**
 * The anon_hdr slot array (anon-layer.md a.5, a.11): anon_create's flat / two-level choice,
 * lazy chunks, the used-slot walk and anon_grow. x86-64 has 512 slot pointers a chunk (4 KiB
 * page, 8-byte pointer), sparcv9 1024 (8 KiB page).
 */

const X86 = 512;
const SPARC = 1024;

/** Every used slot as [index, anon], in walk order. */
function used(h: AnonHdr, chunk: number, from = 0, n = h.size): [number, number][] {
  const out: [number, number][] = [];
  forEachUsed(h, from, n, chunk, (i, ap) => out.push([i, ap]));
  return out;
}

describe("the constants come from the page size", () => {
  it("x86: 512 slot pointers a chunk; sparc: 1024", () => {
    expect(archInfo("x86").anonChunkSize).toBe(X86);
    expect(archInfo("sparc").anonChunkSize).toBe(SPARC);
  });
});

describe("anon_create", () => {
  it("x86: up to 512 pages is flat with exactly that many slots (no rounding)", () => {
    for (const n of [1, 4, 7, 511, 512]) {
      const h = anon_create(n, X86);
      expect(h.levels, `${n} pages`).toBe(1);
      expect(h.size).toBe(n);
      expect(h.flat?.length).toBe(n);
      expect(h.chunks).toEqual([]);
      expect(chunkCount(h)).toBe(0);
    }
  });

  it("x86: 600 pages is two-level, 1024 slots, 2 chunk pointers, no chunk allocated", () => {
    const h = anon_create(600, X86);
    expect(h.levels).toBe(2);
    expect(h.size).toBe(1024);
    expect(h.flat).toBeNull();
    expect(h.chunks).toEqual([null, null]);
    expect(chunkCount(h)).toBe(0);
  });

  it("x86: 513 pages rounds up to 1024 slots; 1025 to 1536 (3 chunk pointers)", () => {
    expect(anon_create(513, X86).size).toBe(1024);
    expect(anon_create(513, X86).chunks.length).toBe(2);
    expect(anon_create(1025, X86).size).toBe(1536);
    expect(anon_create(1025, X86).chunks.length).toBe(3);
  });

  it("sparc: 600 and 1024 pages are flat; 1025 is two-level with 2048 slots in 2 chunks", () => {
    const a = anon_create(600, SPARC);
    expect([a.levels, a.size, a.flat?.length]).toEqual([1, 600, 600]);
    const b = anon_create(1024, SPARC);
    expect([b.levels, b.size]).toEqual([1, 1024]);
    const c = anon_create(1025, SPARC);
    expect([c.levels, c.size, c.chunks.length, chunkCount(c)]).toEqual([2, 2048, 2, 0]);
  });
});

describe("anon_get_ptr / anon_set_ptr", () => {
  it("flat: a slot reads back what was stored, others read 0", () => {
    const h = anon_create(4, X86);
    anon_set_ptr(h, 2, 77, X86);
    expect([0, 1, 2, 3].map((i) => anon_get_ptr(h, i, X86))).toEqual([0, 0, 77, 0]);
    anon_set_ptr(h, 2, 0, X86);
    expect(anon_get_ptr(h, 2, X86)).toBe(0);
  });

  it("two-level: storing slot 550 allocates chunk 1 only (entry 38); chunk 0 reads as empty", () => {
    const h = anon_create(600, X86);
    expect(anon_get_ptr(h, 550, X86)).toBe(0);
    anon_set_ptr(h, 550, 9, X86);
    expect(h.chunks[0]).toBeNull();
    expect(h.chunks[1]).not.toBeNull();
    expect(h.chunks[1]![38]).toBe(9);
    expect(chunkCount(h)).toBe(1);
    expect(anon_get_ptr(h, 550, X86)).toBe(9);
    expect(anon_get_ptr(h, 10, X86)).toBe(0);
    // Writing page 10 later allocates chunk 0 (a.11 step 3).
    anon_set_ptr(h, 10, 3, X86);
    expect(chunkCount(h)).toBe(2);
    expect(h.chunks[0]![10]).toBe(3);
  });

  it("two-level: clearing a slot of a missing chunk does not allocate it", () => {
    const h = anon_create(1500, X86);
    anon_set_ptr(h, 1400, 0, X86);
    expect(chunkCount(h)).toBe(0);
    expect(h.chunks).toEqual([null, null, null]);
  });

  it("two-level: clearing a slot keeps its chunk (chunks are freed only with the array)", () => {
    const h = anon_create(1024, X86);
    anon_set_ptr(h, 700, 5, X86);
    anon_set_ptr(h, 700, 0, X86);
    expect(chunkCount(h)).toBe(1);
    expect(anon_pages(h, 0, 1024, X86)).toBe(0);
  });

  it("sparc: slot 1030 of a 2048-slot array is chunk 1, entry 6", () => {
    const h = anon_create(1100, SPARC);
    anon_set_ptr(h, 1030, 4, SPARC);
    expect(h.chunks[0]).toBeNull();
    expect(h.chunks[1]![6]).toBe(4);
  });
});

describe("forEachUsed / anon_pages", () => {
  it("walks used slots in order and skips missing chunks", () => {
    const h = anon_create(2048, X86);
    anon_set_ptr(h, 1030, 31, X86); // chunk 2
    anon_set_ptr(h, 1, 11, X86); // chunk 0
    anon_set_ptr(h, 2047, 47, X86); // chunk 3
    expect(h.chunks[1]).toBeNull();
    expect(used(h, X86)).toEqual([
      [1, 11],
      [1030, 31],
      [2047, 47],
    ]);
    expect(anon_pages(h, 0, 2048, X86)).toBe(3);
  });

  it("honours the range, including ranges that start and end inside chunks", () => {
    const h = anon_create(2048, X86);
    for (const i of [500, 511, 512, 513, 1100]) anon_set_ptr(h, i, i + 1, X86);
    expect(used(h, X86, 511, 3).map(([i]) => i)).toEqual([511, 512, 513]);
    expect(used(h, X86, 501, 600).map(([i]) => i)).toEqual([511, 512, 513, 1100]);
    expect(anon_pages(h, 0, 500, X86)).toBe(0);
    expect(anon_pages(h, 500, 1, X86)).toBe(1);
    // A range running past the array stops at its end.
    expect(anon_pages(h, 1000, 5000, X86)).toBe(1);
  });

  it("flat arrays walk the same way", () => {
    const h = anon_create(10, X86);
    anon_set_ptr(h, 9, 2, X86);
    anon_set_ptr(h, 0, 1, X86);
    expect(used(h, X86)).toEqual([
      [0, 1],
      [9, 2],
    ]);
    expect(used(h, X86, 1, 8)).toEqual([]);
  });
});

describe("anon_grow (a.5 item 5)", () => {
  it("flat, growing up: 4 slots + 3 pages rounds up to 64 (ANON_1_LEVEL_INC); contents stay", () => {
    const h = anon_create(4, X86);
    anon_set_ptr(h, 0, 1, X86);
    anon_set_ptr(h, 3, 4, X86);
    expect(anon_grow(h, 0, 4, 3, false, X86)).toBe(0);
    expect([h.levels, h.size, h.flat!.length]).toEqual([1, 64, 64]);
    expect(used(h, X86)).toEqual([
      [0, 1],
      [3, 4],
    ]);
  });

  it("flat, growing up past 64: 60 + 10 pages becomes 128 slots", () => {
    const h = anon_create(60, X86);
    anon_set_ptr(h, 59, 6, X86);
    expect(anon_grow(h, 0, 60, 10, false, X86)).toBe(0);
    expect([h.levels, h.size]).toEqual([1, 128]);
    expect(anon_get_ptr(h, 59, X86)).toBe(6);
  });

  it("no growth needed: returns the same start and leaves the array alone", () => {
    const h = anon_create(64, X86);
    anon_set_ptr(h, 5, 1, X86);
    expect(anon_grow(h, 0, 10, 20, false, X86)).toBe(0);
    expect(h.size).toBe(64);
    // Growing down with room below the start: the start moves down by the growth.
    expect(anon_grow(h, 40, 24, 8, true, X86)).toBe(32);
    expect(h.size).toBe(64);
    expect(anon_get_ptr(h, 5, X86)).toBe(1);
  });

  it("flat to two-level, growing up: size rounds to 32768 and the old array is chunk 0", () => {
    const h = anon_create(64, X86);
    anon_set_ptr(h, 0, 100, X86);
    anon_set_ptr(h, 63, 163, X86);
    expect(anon_grow(h, 0, 64, 500, false, X86)).toBe(0);
    expect(h.levels).toBe(2);
    expect(h.size).toBe(32768);
    expect(h.chunks.length).toBe(64);
    expect(chunkCount(h)).toBe(1);
    expect(h.chunks[0]).not.toBeNull();
    expect(used(h, X86)).toEqual([
      [0, 100],
      [63, 163],
    ]);
  });

  it("flat to two-level with an empty old array still gets chunk 0 (the old level 1 is kept)", () => {
    const h = anon_create(7, X86);
    anon_grow(h, 0, 7, 600, false, X86);
    expect([h.levels, h.size, chunkCount(h)]).toEqual([2, 32768, 1]);
    expect(h.chunks[0]).not.toBeNull();
  });

  it("flat, growing down (stack): contents move to the top and the start index moves up", () => {
    const h = anon_create(2, X86);
    anon_set_ptr(h, 0, 1, X86);
    anon_set_ptr(h, 1, 2, X86);
    // total = 2 - 0 + 3 = 5 → 64 slots; old slots 0,1 → 62,63; new start = 64 - 5.
    expect(anon_grow(h, 0, 2, 3, true, X86)).toBe(59);
    expect([h.levels, h.size]).toEqual([1, 64]);
    expect(used(h, X86)).toEqual([
      [62, 1],
      [63, 2],
    ]);
  });

  it("flat to two-level, growing down: the old array becomes the LAST chunk", () => {
    const h = anon_create(64, X86);
    anon_set_ptr(h, 0, 10, X86);
    anon_set_ptr(h, 63, 73, X86);
    // total = 64 + 500 = 564 → 32768; old contents at [32704, 32768); start = 32768 - 564.
    expect(anon_grow(h, 0, 64, 500, true, X86)).toBe(32204);
    expect([h.levels, h.size, h.chunks.length, chunkCount(h)]).toEqual([2, 32768, 64, 1]);
    expect(h.chunks[63]).not.toBeNull();
    expect(h.chunks[0]).toBeNull();
    expect(used(h, X86)).toEqual([
      [32704, 10],
      [32767, 73],
    ]);
  });

  it("two-level, growing up to the next 32768 keeps every slot at its index", () => {
    const h = anon_create(32768, X86);
    anon_set_ptr(h, 5, 1, X86);
    anon_set_ptr(h, 32767, 2, X86);
    expect(anon_grow(h, 0, 32768, 1, false, X86)).toBe(0);
    expect([h.levels, h.size, h.chunks.length, chunkCount(h)]).toEqual([2, 65536, 128, 2]);
    expect(used(h, X86)).toEqual([
      [5, 1],
      [32767, 2],
    ]);
  });

  it("two-level, growing down shifts whole chunks up by the growth of the array", () => {
    const h = anon_create(32768, X86);
    anon_set_ptr(h, 40, 1, X86);
    expect(anon_grow(h, 0, 32768, 10, true, X86)).toBe(65536 - 32778);
    expect(h.size).toBe(65536);
    expect(used(h, X86)).toEqual([[32768 + 40, 1]]);
  });

  it("two-level growth keeps an allocated chunk whose slots are all empty", () => {
    const h = anon_create(1024, X86);
    anon_set_ptr(h, 5, 1, X86);
    anon_set_ptr(h, 5, 0, X86); // chunk 0 stays allocated, empty
    anon_set_ptr(h, 600, 2, X86); // chunk 1
    expect(chunkCount(h)).toBe(2);
    anon_grow(h, 0, 1024, 100, false, X86);
    expect(h.size).toBe(32768);
    expect(chunkCount(h)).toBe(2);
  });

  it("sparc: flat grows in steps of 128 (ANON_1_LEVEL_INC), two-level in 131072", () => {
    const a = anon_create(4, SPARC);
    anon_grow(a, 0, 4, 130, false, SPARC);
    expect([a.levels, a.size]).toEqual([1, 256]);
    const b = anon_create(1000, SPARC);
    anon_set_ptr(b, 999, 9, SPARC);
    expect(anon_grow(b, 0, 1000, 100, false, SPARC)).toBe(0);
    expect([b.levels, b.size, b.chunks.length, chunkCount(b)]).toEqual([2, 131072, 128, 1]);
    expect(anon_get_ptr(b, 999, SPARC)).toBe(9);
    const c = anon_create(2, SPARC);
    anon_set_ptr(c, 1, 3, SPARC);
    expect(anon_grow(c, 0, 2, 1, true, SPARC)).toBe(125);
    expect([c.size, anon_get_ptr(c, 127, SPARC)]).toEqual([128, 3]);
  });
});

describe("the anon_hdr of real segments", () => {
  it("a.11: a 600-page private /dev/zero mapping, write 550 then 10", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    s.do("P1 mmap big /dev/zero 600 rw private");
    expect(s.amp("P1", "big")).toBeNull();
    const r = s.do("P1 write big 550");
    // a.11 step 2: segvn_faultpage locks slot 550 first (anon_array_enter → anon_get_slot),
    // which allocates chunk 1; anon_zero then makes the anon and anon_set_ptr stores it.
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "segvn_faultpage",
      "anon_array_enter",
      "anon_zero",
      "anon_alloc",
      "anon_set_ptr",
      "hat_memload",
    ]);
    const amp = s.amp("P1", "big")!;
    expect([amp.size, amp.ahp.size, amp.ahp.levels, amp.ahp.chunks.length, chunkCount(amp.ahp)]).toEqual([
      600, 1024, 2, 2, 1,
    ]);
    expect(amp.ahp.chunks[0]).toBeNull();
    const ap = s.slot("P1", "big", 550).anon;
    expect(amp.ahp.chunks[1]![38]).toBe(ap);
    expect(s.liveAnons()).toBe(1);
    s.do("P1 write big 10");
    expect(chunkCount(amp.ahp)).toBe(2);
    const d = s.doc();
    expect(d.anonMaps).toEqual([
      { id: `amp:${amp.id}`, refcnt: 1, pages: 600, slots: 1024, levels: 2, chunks: 2 },
    ]);
  });

  it("a 4-page mapping with a fault gets a flat array of exactly 4 pointers", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 read buf 3");
    const amp = s.amp("P1", "buf")!;
    expect([amp.ahp.levels, amp.ahp.size, amp.ahp.flat!.length]).toEqual([1, 4, 4]);
  });

  it("heap: sbrk past 512 slots turns the heap's flat array into two levels, chunk 0 kept", () => {
    const s = new Sim("machine arch=x86 ram=2000 swap=2000");
    s.do("spawn P1");
    s.do("P1 sbrk 3\nP1 write heap 6");
    const heap = s.seg("P1", "heap");
    const amp = s.amp("P1", "heap")!;
    expect([heap.pages, amp.ahp.levels, amp.ahp.size]).toEqual([7, 1, 7]);
    const ap = s.slot("P1", "heap", 6).anon;
    const r = s.do("P1 sbrk 600");
    expectPath(r, ["brk_internal", "segvn_create", "anon_resvmem", "segvn_extend_prev"]);
    expect(s.seg("P1", "heap").pages).toBe(607);
    expect([amp.size, amp.ahp.levels, amp.ahp.size, chunkCount(amp.ahp)]).toEqual([32768, 2, 32768, 1]);
    expect(s.seg("P1", "heap").anon_index).toBe(0);
    expect(anon_get_ptr(amp.ahp, 6, X86)).toBe(ap);
    expect(s.slot("P1", "heap", 6).anon).toBe(ap);
  });

  it("stack: growing down moves the old slots to the top of a 64-slot array", () => {
    const s = new Sim();
    s.do("spawn P1");
    const top = s.slot("P1", "stack", 1).anon;
    expect(top).toBeGreaterThan(0);
    s.do("P1 stack 3");
    const st = s.seg("P1", "stack");
    const amp = s.amp("P1", "stack")!;
    expect([amp.ahp.levels, amp.ahp.size, amp.size]).toEqual([1, 64, 64]);
    // 2 old + 3 new = 5 slots used at the top: the segment starts at 64 - 5.
    expect(st.anon_index).toBe(59);
    // numbered from the new bottom: the 3 new pages are 0-2, the old ones 3 and 4
    expect([st.first, st.pages]).toEqual([0, 5]);
    expect(amp.ahp.flat![63]).toBe(top);
    expect(amp.ahp.flat![62]).toBe(0); // the old stack page 0 (now 3) was never touched
    expect(s.slot("P1", "stack", 4).anon).toBe(top);
    for (const n of [0, 1, 2]) expect(s.slot("P1", "stack", n).anon).toBe(amp.ahp.flat![59 + n]);
    // A second growth fits below the start: no new array.
    s.do("P1 stack 4");
    expect(s.seg("P1", "stack").anon_index).toBe(55);
    expect(amp.ahp.size).toBe(64);
  });

  it("sparc: a 1025-page mapping is two-level with 2048 slots", () => {
    const s = new Sim("machine arch=sparc ram=4000 swap=4000");
    s.do("spawn P1 empty\nP1 mmap big /dev/zero 1025 rw private\nP1 write big 1024");
    const amp = s.amp("P1", "big")!;
    expect([amp.ahp.levels, amp.ahp.size, chunkCount(amp.ahp)]).toEqual([2, 2048, 1]);
    expect(amp.ahp.chunks[1]![0]).toBe(s.slot("P1", "big", 1024).anon);
  });
});
