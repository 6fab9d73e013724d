import { describe, expect, it } from "vitest";
import { newK, type K } from "./events";
import { userAccess } from "./trap";
import { checkInvariants } from "./invariants";
import { page_lookup_file } from "./page";
import type { StepRecord } from "./run";
import { Sim, corePath, fns } from "./test-util";
import { P_FREE } from "./types";

/**
 * Pageout (anon-layer.md b.10) and the page daemon under memory pressure: explicit `pageout`
 * of anon, clean file and modified shared file pages; the clock pushing old pages out and
 * page-in bringing them back; the swap device running full (SE_NOSWAP); no page to free.
 */

/** The step's core events (test-util CORE_FNS, plus those named) are exactly `e`, in order. */
const expectPath = (r: StepRecord, e: string[]): void => expect(corePath(r, e)).toEqual(e);

const fileIndex = (s: Sim, path: string): number => s.st.files.findIndex((f) => f.path === path);

describe("explicit pageout of an anon page (b.10: written out, then freed to the cachelist)", () => {
  it("O18 without reuse: a swap slot is taken, the translation unloaded; the page waits on the cachelist under its name", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3");
    const v = s.slot("P1", "buf", 0);
    const swap = s.swap();
    const doc0 = s.doc();
    const free0 = s.st.page.nFree;
    const r = s.do("pageout P1 buf 0");
    expect(r.result).toBe("ok");
    // checkpage queues the modified page; swap_putapage writes it; pvn_write_done frees it
    expectPath(r, ["pageout", "checkpage", "swap_putapage", "pvn_write_done"]);
    const after = s.slot("P1", "buf", 0);
    // the anon keeps its page (page_free keeps the name) and gets its device slot
    expect([after.anon, after.refcnt, after.swapSlot, after.anonPage, after.hat]).toEqual([
      v.anon,
      1,
      1,
      v.anonPage,
      null,
    ]);
    expect([s.st.page.cached[v.anonPage], s.st.page.mod[v.anonPage]]).toEqual([1, 0]);
    expect(s.st.page.nFree).toBe(free0); // the frame is not on the free list: it holds a name
    expect(s.swap()).toEqual(swap);
    const doc = s.doc();
    expect(doc.swap.deviceSlotsUsed).toBe(doc0.swap.deviceSlotsUsed + 1);
    expect(doc.anons.find((a) => a.id === `anon:${v.anon}`)).toEqual({
      id: `anon:${v.anon}`,
      refcnt: 1,
      swapfsOffset: v.anon * 4096,
      swapSlot: 1,
      frame: `pp:${v.anonPage}`,
    });
    expect(doc.frames.find((f) => f.id === `pp:${v.anonPage}`)).toMatchObject({
      vnode: "swapfs",
      cached: true,
    });
    expect(doc.text["swap-l"].split("\n")[1]).toMatch(/ {5}7992 {5}7984$/);
    // segvn_incore: page_exists finds the cachelist page (RSS), no writable translation (Anon)
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 16, anon: 12 });
  });

  it("O18 with reuse: the frame is taken at once, the name is lost, the data is on the device only", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3");
    const v = s.slot("P1", "buf", 0);
    const pfn = s.st.page.pfn[v.anonPage]!;
    const free0 = s.st.page.nFree;
    const r = s.do("pageout P1 buf 0 reuse");
    expectPath(r, ["pageout", "checkpage", "swap_putapage", "pvn_write_done", "page_get_cachelist"]);
    const after = s.slot("P1", "buf", 0);
    expect([after.anon, after.refcnt, after.swapSlot, after.anonPage, after.hat]).toEqual([
      v.anon,
      1,
      1,
      0,
      null,
    ]);
    expect(s.st.page.kind[v.anonPage]).toBe(P_FREE);
    expect(s.st.page.byPfn[pfn]).toBe(0);
    expect(s.st.page.nFree).toBe(free0 + 1);
    const doc = s.doc();
    expect(doc.anons.find((a) => a.id === `anon:${v.anon}`)!.frame).toBeNull();
    expect(doc.frames.some((f) => f.id === `pp:${v.anonPage}`)).toBe(false);
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 12, anon: 12 });
  });

  it("a touch before the frame is reused reclaims the page: no I/O, the slot stays, the page is clean (b.11 step 1)", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 2 rw private\nP1 write buf 0-1\npageout P1 buf 0");
    const out = s.slot("P1", "buf", 0);
    const r = s.do("P1 read buf 0");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "hat_memload",
    ]);
    expect(fns(r)).not.toContain("swap_getapage");
    expect(r.events.find((e) => e.fn === "anon_getpage")!.say).toContain("cachelist");
    const v = s.slot("P1", "buf", 0);
    // an_refcnt 1: anon_getpage grants write, the segment is rw
    expect(v).toMatchObject({ anonPage: out.anonPage, swapSlot: 1, hat: { prot: "rw" } });
    expect([s.st.page.cached[v.anonPage], s.st.page.mod[v.anonPage]]).toEqual([0, 0]);
    expect(s.deviceUsed()).toBe(1);
    // pushed again while clean: checkpage frees it to the cachelist with no I/O
    const again = s.do("pageout P1 buf 0");
    expectPath(again, ["pageout", "checkpage"]);
    expect(again.events.find((e) => e.fn === "checkpage")!.say).toContain("clean");
    expect(s.st.page.cached[v.anonPage]).toBe(1);
    // written after the reclaim, it is modified again: swap_newphysname gives it a new slot and
    // frees the old one
    s.do("P1 write buf 0\npageout P1 buf 0");
    expect(s.slot("P1", "buf", 0).swapSlot).toBe(2);
    expect(s.deviceUsed()).toBe(1);
  });

  it("a COW-shared page is unloaded from EVERY process that maps it", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 2 rw private\nP1 write buf 0-1\nP1 fork P2\nP2 read buf 0");
    s.do("P1 fork P3\nP3 read buf 0");
    const page = s.slot("P1", "buf", 0).anonPage;
    for (const p of ["P1", "P2", "P3"]) expect(s.slot(p, "buf", 0).hat?.page).toBe(page);
    const r = s.do("pageout P2 buf 0");
    const done = r.events.find((e) => e.fn === "pvn_write_done")!.say;
    for (const p of ["P1", "P2", "P3"]) {
      expect(s.slot(p, "buf", 0)).toMatchObject({ refcnt: 3, swapSlot: 1, anonPage: page, hat: null });
      expect(done).toContain(p);
    }
    expect(s.st.page.mapping[page]).toBe(0);
    expect(s.st.page.cached[page]).toBe(1);
    // Page 1 is untouched by the pageout.
    expect(s.slot("P1", "buf", 1).hat?.prot).toBe("r");
    expect(s.swap()).toMatchObject({ allocated: 2, used: 6 });
  });

  it("nothing to push: an untouched slot, a page on disk only, a page already on the cachelist, a hole", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 1-2\npageout P1 buf 1 reuse");
    s.do("pageout P1 buf 2");
    const before = s.deviceUsed();
    for (const line of ["pageout P1 buf 0", "pageout P1 buf 1", "pageout P1 buf 2"]) {
      const r = s.do(line);
      expect(r.result).toBe("ok");
      expectPath(r, ["pageout", "checkpage"]);
    }
    expect(s.deviceUsed()).toBe(before);
    expect(s.res("pageout P1 nosuch 0")).toBe("EINVAL");
  });

  it("a private file page replaced by a copy: the anon copy is pushed, the file page stays", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 4");
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private\nP1 write f 0");
    const fp = page_lookup_file(s.st, fileIndex(s, "/data/f"), 0);
    const r = s.do("pageout P1 f 0 reuse");
    expectPath(r, ["pageout", "checkpage", "swap_putapage", "pvn_write_done", "page_get_cachelist"]);
    expect(s.slot("P1", "f", 0).swapSlot).toBe(1);
    expect(page_lookup_file(s.st, fileIndex(s, "/data/f"), 0)).toBe(fp);
    // RSS still counts page 0: the file page behind it is in the page cache.
    expect(s.rows("P1", "f")[0]).toMatchObject({ rss: 4, anon: 0 });
  });
});

describe("explicit pageout of file pages", () => {
  it("a clean file page is not written: unloaded and freed to the cachelist; the next read reclaims it", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 4");
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 r private\nP1 read f 2");
    const fi = fileIndex(s, "/data/f");
    const fp = page_lookup_file(s.st, fi, 2);
    const r = s.do("pageout P1 f 2");
    expectPath(r, ["pageout", "checkpage"]);
    expect(fns(r)).not.toContain("ufs_putpage");
    expect(page_lookup_file(s.st, fi, 2)).toBe(fp);
    expect(s.st.page.cached[fp]).toBe(1);
    expect(s.slot("P1", "f", 2).hat).toBeNull();
    expect(s.deviceUsed()).toBe(0);
    const again = s.do("P1 read f 2");
    expect(again.events.find((e) => e.fn === "ufs_getpage")!.say).toContain("on the cachelist");
    expect(page_lookup_file(s.st, fi, 2)).toBe(fp);
    expect(s.st.page.cached[fp]).toBe(0);
  });

  it("with reuse the clean file page loses its name: the next read goes to disk", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 4");
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 r private\nP1 read f 2");
    const fi = fileIndex(s, "/data/f");
    const fp = page_lookup_file(s.st, fi, 2);
    expectPath(s.do("pageout P1 f 2 reuse"), ["pageout", "checkpage", "page_get_cachelist"]);
    expect(page_lookup_file(s.st, fi, 2)).toBe(0);
    expect(s.st.page.kind[fp]).toBe(P_FREE);
    const again = s.do("P1 read f 2");
    expect(again.events.find((e) => e.fn === "ufs_getpage")!.say).toContain("from disk");
    expect(page_lookup_file(s.st, fi, 2)).not.toBe(fp); // a new identity: ids are never reused
  });

  it("a modified MAP_SHARED file page is written back, then freed to the cachelist", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 4");
    s.do("spawn P1 empty\nP1 mmap g /data/f 4 rw shared\nP1 write g 1\nP1 fork P2\nP2 read g 1");
    const fi = fileIndex(s, "/data/f");
    const fp = page_lookup_file(s.st, fi, 1);
    const r = s.do("pageout P1 g 1");
    expectPath(r, ["pageout", "checkpage", "ufs_putpage", "pvn_write_done"]);
    expect(page_lookup_file(s.st, fi, 1)).toBe(fp);
    expect([s.st.page.cached[fp], s.st.page.mod[fp]]).toEqual([1, 0]);
    expect(s.slot("P1", "g", 1).hat).toBeNull();
    expect(s.slot("P2", "g", 1).hat).toBeNull();
    expect(s.deviceUsed()).toBe(0);
    expect(s.swap()).toMatchObject({ allocated: 0, used: 0 });
  });
});

describe("the page daemon under memory pressure (ram=32)", () => {
  const pressured = (): Sim => {
    const s = new Sim("machine arch=x86 ram=32 swap=64");
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 40 rw private\nP1 write a 0-31");
    expect(s.st.page.nFree).toBe(0);
    expect(s.deviceUsed()).toBe(0);
    return s;
  };

  it("one page more than RAM: free list and cachelist empty, the clock pushes the oldest page out", () => {
    const s = pressured();
    const swap = s.swap();
    const r = s.do("P1 write a 32");
    expect(r.result).toBe("ok");
    // page_create_va: no free frame, no cachelist page: the page daemon pushes one page to the
    // cachelist, and page_create_va takes it from there (its name is lost)
    expectPath(r, [
      "pagefault",
      "segvn_fault",
      "anon_zero",
      "anon_alloc",
      "page_create_va",
      "pageout_scanner",
      "checkpage",
      "swap_putapage",
      "pvn_write_done",
      "page_get_cachelist",
      "page_create_va",
      "anon_set_ptr",
      "hat_memload",
    ]);
    // the simulator's one-handed clock is a simplification, and the sentence says so
    expect(r.events.find((e) => e.fn === "pageout_scanner")!.say).toContain("one hand");
    expect(s.slot("P1", "a", 0)).toMatchObject({ anon: 1, swapSlot: 1, anonPage: 0, hat: null });
    expect(s.slot("P1", "a", 32)).toMatchObject({ anon: 33, swapSlot: 0 });
    expect(s.deviceUsed()).toBe(1);
    expect(s.swap()).toEqual({ ...swap, allocated: swap.allocated + 1, reserved: swap.reserved - 1 });
  });

  it("40 pages in 32 frames: the 8 oldest are on disk; touching one pages it back in", () => {
    const s = pressured();
    s.do("P1 write a 32-39");
    const onDisk = [];
    for (let n = 0; n < 40; n++) if (s.slot("P1", "a", n).swapSlot) onDisk.push(n);
    expect(onDisk).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(s.deviceUsed()).toBe(8);
    expect(s.swap()).toMatchObject({ allocated: 40, reserved: 0, used: 40 });
    expect(s.rows("P1", "a")[0]).toMatchObject({ kbytes: 160, rss: 128, anon: 128 });
    const back = s.do("P1 read a 0");
    expectPath(back, [
      "pagefault",
      "segvn_fault",
      "anon_getpage",
      "swap_getapage",
      "page_create_va",
      "checkpage",
      "swap_putapage",
      "pvn_write_done",
      "page_get_cachelist",
      "page_create_va",
      "hat_memload",
    ]);
    const v = s.slot("P1", "a", 0);
    expect([v.swapSlot, v.hat?.prot]).toEqual([0, "rw"]);
    expect(v.anonPage).toBeGreaterThan(0);
    // Slot 1 is freed by the page-in after the read; the page pushed to make room took slot 9.
    expect(s.slot("P1", "a", 8).swapSlot).toBe(9);
    expect(s.deviceUsed()).toBe(8);
    expect(s.swap()).toMatchObject({ allocated: 40, used: 40 });
  });

  it("a page referenced since the hand last passed gets a second chance", () => {
    const s = pressured();
    // The first push sweeps every reference bit clear, pushes frame 0 and leaves the hand at 1.
    s.do("P1 write a 32");
    // Page 1 (frame 1) is used again: no fault, but the MMU sets its reference bit.
    expect(fns(s.do("P1 read a 1"))).toEqual(["trap"]);
    s.do("P1 write a 33");
    expect(s.slot("P1", "a", 1)).toMatchObject({ swapSlot: 0, hat: { prot: "rw" } });
    expect(s.slot("P1", "a", 2)).toMatchObject({ swapSlot: 2, hat: null });
  });

  it("the page being copied on write is locked: the daemon pushes another one out", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=64");
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 16 rw private\nP1 write a 0-15\nP1 fork P2");
    const src = s.slot("P1", "a", 0);
    const r = s.do("P2 write a 0");
    expectPath(r, [
      "pagefault",
      "segvn_fault",
      "anon_getpage",
      "anon_private",
      "anon_alloc",
      "page_create_va",
      "checkpage",
      "swap_putapage",
      "pvn_write_done",
      "page_get_cachelist",
      "page_create_va",
      "page_release",
      "anon_decref",
      "anon_set_ptr",
      "hat_memload",
    ]);
    // Frame 0 holds the source of the copy; the hand skips it and takes frame 1 (anon 2).
    expect(s.slot("P1", "a", 0)).toMatchObject({ anon: src.anon, refcnt: 1, anonPage: src.anonPage });
    expect(s.slot("P1", "a", 1)).toMatchObject({ anon: 2, refcnt: 2, swapSlot: 1, anonPage: 0, hat: null });
    expect(s.slot("P2", "a", 0)).toMatchObject({ anon: 17, refcnt: 1, hat: { prot: "rw" } });
  });

  it("a cached file page nobody maps is reclaimed first, without I/O", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=64\nfile /data/f 4");
    s.do("spawn P1 empty\nP1 mmap f /data/f 1 rw private\nP1 read f 0\nP1 write f 0");
    const fi = fileIndex(s, "/data/f");
    const fp = page_lookup_file(s.st, fi, 0);
    expect(s.doc().frames.find((f) => f.id === `pp:${fp}`)!.cached).toBe(true);
    s.do("P1 mmap a /dev/zero 20 rw private\nP1 write a 0-13");
    expect(s.st.page.nFree).toBe(0);
    const r = s.do("P1 write a 14");
    expectPath(r, [
      "pagefault",
      "segvn_fault",
      "anon_zero",
      "anon_alloc",
      "page_create_va",
      "page_get_cachelist",
      "page_create_va",
      "anon_set_ptr",
      "hat_memload",
    ]);
    expect(page_lookup_file(s.st, fi, 0)).toBe(0);
    expect(s.deviceUsed()).toBe(0);
  });
});

describe("the cachelist is free memory", () => {
  it("a cached file page is reused before the clock pushes out an anon page it has already aged", () => {
    // O66: after the first pressure round every resident anon page has lost its reference bit,
    // so the hand would push the next one out; the cached file pages must go first (vm_page.c:
    // page_create_va takes the free list, then the cachelist, before any pageout).
    const s = new Sim("machine arch=x86 ram=24 swap=100\nfile /data/f 6");
    s.do("spawn P1 empty\nP1 mmap a anon 30 rw private\nP1 write a 0-29\nP1 munmap a 24-29");
    s.do("P1 mmap f /data/f 6 r private\nP1 read f 0-5\nP1 munmap f");
    const fi = fileIndex(s, "/data/f");
    const first = page_lookup_file(s.st, fi, 0);
    expect(s.doc().frames.filter((f) => f.cached)).toHaveLength(6);
    const used = s.deviceUsed();
    s.do("P1 mmap b anon 1 rw private");
    const r = s.do("P1 write b 0");
    expect(r.result).toBe("ok");
    expectPath(r, [
      "pagefault",
      "segvn_fault",
      "anonmap_alloc",
      "anon_zero",
      "anon_alloc",
      "page_get_cachelist",
      "anon_set_ptr",
      "hat_memload",
    ]);
    expect(fns(r)).not.toContain("swap_putapage");
    expect(s.deviceUsed()).toBe(used);
    // The oldest cached page went; the other five are still in the page cache.
    expect(page_lookup_file(s.st, fi, 0)).toBe(0);
    expect(first).not.toBe(0);
    for (let i = 1; i < 6; i++) expect(page_lookup_file(s.st, fi, i)).not.toBe(0);
    expect(checkInvariants(s.st)).toEqual([]);
  });

  it("an anon page paged out to the cachelist is reused before the page daemon runs again, its data safe on the device", () => {
    const s = new Sim("machine arch=x86 ram=8 swap=64");
    s.do("spawn P1 empty\nP1 mmap a anon 12 rw private\nP1 write a 0-7\npageout P1 a 3");
    const old = s.slot("P1", "a", 3);
    expect(s.st.page.cached[old.anonPage]).toBe(1);
    const r = s.do("P1 write a 8");
    // free list empty, the cachelist holds a's page 3: it is taken, no pageout runs
    expect(fns(r)).not.toContain("checkpage");
    expect(fns(r)).toContain("page_get_cachelist");
    expect(s.slot("P1", "a", 3)).toMatchObject({ anon: old.anon, anonPage: 0, swapSlot: old.swapSlot });
    // and a touch now reads it back from the device
    const back = s.do("P1 read a 3");
    expect(fns(back)).toContain("swap_getapage");
    expect(checkInvariants(s.st)).toEqual([]);
  });
});

describe("the swap device full", () => {
  // ram=2000: memory can back 463 pages of reservation; the device has only 3 usable slots.
  const full = (): Sim => {
    const s = new Sim("machine arch=x86 ram=2000 swap=4\nfile /data/big 2000");
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 10 rw private\nP1 write a 0-9\npageout P1 a 7-9 reuse");
    expect(s.deviceUsed()).toBe(3);
    expect(s.st.swap.nfree).toBe(0);
    return s;
  };

  it("explicit pageout: SE_NOSWAP, the page stays dirty in memory, still mapped", () => {
    const s = full();
    const v = s.slot("P1", "a", 3);
    const swap = s.swap();
    const r = s.do("pageout P1 a 3");
    expect(r.result).toBe("ok");
    expectPath(r, ["pageout", "checkpage", "swap_newphysname"]);
    expect(r.events.at(-1)!.say).toContain("SE_NOSWAP");
    expect(s.slot("P1", "a", 3)).toEqual(v);
    expect(s.st.page.mod[v.anonPage]).toBe(1);
    expect(s.swap()).toEqual(swap);
  });

  it("the page daemon skips anon pages it cannot give a slot and frees a file page instead", () => {
    const s = full();
    s.do("P1 mmap f /data/big 1995 r private\nP1 read f 0-1992");
    expect(s.st.page.nFree).toBe(0);
    const r = s.do("P1 read f 1993");
    expect(r.result).toBe("ok");
    // Frames 0..6 hold the resident anon pages: the hand meets them first, all SE_NOSWAP.
    expect(fns(r).filter((f) => f === "swap_newphysname").length).toBe(7);
    const victim = r.events.filter((e) => e.fn === "checkpage").at(-1)!;
    expect(victim.say).toContain("/data/big");
    expect(fns(r)).not.toContain("swap_putapage");
    for (let n = 0; n < 7; n++)
      expect(s.slot("P1", "a", n)).toMatchObject({ swapSlot: 0, hat: { prot: "rw" } });
    expect(s.deviceUsed()).toBe(3);
  });

  it("when no page at all can be freed the access fails with ENOMEM and changes nothing", () => {
    // The reservation rules keep RAM plus the device able to hold every anon page, so no
    // scenario reaches this; every page being locked (p_selock held, k.busy) does.
    const s = new Sim("machine arch=x86 ram=16 swap=64");
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 20 rw private\nP1 write a 0-15");
    expect(s.st.page.nFree).toBe(0);
    const busy = new Set<number>();
    for (let id = 1; id < s.st.page.next; id++) if (s.st.page.kind[id] !== P_FREE) busy.add(id);
    expect(busy.size).toBe(16);
    const k: K = { ...newK(s.st), busy };
    const pi = s.procIndex("P1");
    const seg = s.seg("P1", "a");
    const swap = s.swap();
    expect(userAccess(k, pi, seg.base + 16, "write")).toBe("ENOMEM");
    const said = k.out.kept.map((e) => e.say).join("\n");
    expect(said).toContain("could find no page to push out");
    expect(checkInvariants(s.st)).toEqual([]);
    expect(s.slot("P1", "a", 16).anon).toBe(0);
    expect(s.swap()).toEqual(swap);
    expect(s.deviceUsed()).toBe(0);
  });

  // Regression (was an engine bug; contract, scenario-format.md §3: "Where the step stops with a signal or errno,
  // the last event says why"): when anon_zero cannot get a frame, the last event is the
  // anon_decref of the anon it had just made, which says nothing of ENOMEM.
  it("the ENOMEM of a failed zero-fill is what the last event says", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=64");
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 20 rw private\nP1 write a 0-15");
    const busy = new Set<number>();
    for (let id = 1; id < s.st.page.next; id++) if (s.st.page.kind[id] !== P_FREE) busy.add(id);
    const k: K = { ...newK(s.st), busy };
    expect(userAccess(k, s.procIndex("P1"), s.seg("P1", "a").base + 16, "write")).toBe("ENOMEM");
    expect(k.out.kept.at(-1)!.say).toContain("ENOMEM");
  });
});
