import { describe, expect, it } from "vitest";
import { page_lookup_file } from "./page";
import type { StepRecord } from "./run";
import { Sim, corePath, fns, lastSay } from "./test-util";

/** The step's core events (test-util CORE_FNS, plus those named) are exactly `e`, in order. */
const expectPath = (r: StepRecord, e: string[]): void => expect(corePath(r, e)).toEqual(e);

/**
 * The per-page fault decision of segvn_faultpage, rows F1–F11 of anon-layer.md b.6, plus
 * page-in (b.11) and file pages from the page cache or the disk. Every step is followed by
 * checkInvariants (Sim.do throws when one breaks).
 */

const FILE_HEADER = "machine arch=x86 ram=1000 swap=1000\nfile /data/f 8";

/** The page cache page of /data/f at page `index`, 0 when not cached. */
const filePage = (s: Sim, index: number): number =>
  page_lookup_file(
    s.st,
    s.st.files.findIndex((f) => f.path === "/data/f"),
    index,
  );

describe("F1: anonymous memory, no slot yet (zero-fill on demand)", () => {
  it("a write to private /dev/zero makes the amp, an anon with refcnt 1 and a writable page", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private");
    expect(s.amp("P1", "buf")).toBeNull();
    const before = s.swap();
    const r = s.do("P1 write buf 2");
    expect(r.result).toBe("ok");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "segvn_faultpage",
      "anon_zero",
      "anon_alloc",
      "anon_set_ptr",
      "hat_memload",
    ]);
    const amp = s.amp("P1", "buf")!;
    expect([amp.refcnt, amp.size, amp.ahp.levels, amp.ahp.size]).toEqual([1, 4, 1, 4]);
    const v = s.slot("P1", "buf", 2);
    expect(v.anon).toBe(1);
    expect(v.refcnt).toBe(1);
    expect(v.hat).toEqual({ page: v.anonPage, prot: "rw" });
    expect(s.st.page.mod[v.anonPage]).toBe(1);
    for (const n of [0, 1, 3]) expect(s.slot("P1", "buf", n).anon).toBe(0);
    expect(s.swap()).toEqual({ ...before, allocated: before.allocated + 1, reserved: before.reserved - 1 });
  });

  it("a READ of untouched private /dev/zero also allocates a real zero page, mapped writable", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private");
    const r = s.do("P1 read buf 0");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "segvn_faultpage",
      "anon_zero",
      "anon_alloc",
      "anon_set_ptr",
      "hat_memload",
    ]);
    const v = s.slot("P1", "buf", 0);
    expect([v.anon, v.refcnt, v.hat?.prot]).toEqual([1, 1, "rw"]);
    expect(s.swap().allocated).toBe(1);
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 4, anon: 4 });
  });

  it("the same read with prot r allocates the anon but maps it read-only (RSS 1, Anon -)", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap ro /dev/zero 4 r private");
    expect(s.reserved()).toBe(4); // anonymous memory reserves whatever the prot
    s.do("P1 read ro 0");
    const v = s.slot("P1", "ro", 0);
    expect([v.anon, v.refcnt, v.hat?.prot]).toEqual([1, 1, "r"]);
    expect(s.rows("P1", "ro")[0]).toMatchObject({ kbytes: 16, rss: 4, anon: 0, mode: "r----" });
  });

  it("shared /dev/zero: the amp exists from mmap, so the fault only zero-fills", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 4 rw shared");
    const amp = s.amp("P1", "sh")!;
    expect([amp.refcnt, amp.swresv, s.seg("P1", "sh").swresv]).toEqual([1, 4, 0]);
    const r = s.do("P1 read sh 1");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_zero",
      "anon_alloc",
      "anon_set_ptr",
      "hat_memload",
    ]);
    expect(s.slot("P1", "sh", 1)).toMatchObject({ anon: 1, refcnt: 1 });
    expect(s.slot("P1", "sh", 1).hat?.prot).toBe("rw");
  });

  it("MAP_NORESERVE reserves the one page at the fault, before anon_zero", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap nr /dev/zero 4 rw private noreserve");
    expect(s.reserved()).toBe(0);
    const r = s.do("P1 write nr 3");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "segvn_faultpage",
      "anon_resvmem",
      "anon_zero",
      "anon_alloc",
      "anon_set_ptr",
      "hat_memload",
    ]);
    expect(s.seg("P1", "nr").swresv).toBe(1);
    expect(s.swap()).toMatchObject({ allocated: 1, reserved: 0, used: 1 });
    s.do("P1 read nr 0");
    expect(s.seg("P1", "nr").swresv).toBe(2);
    expect(s.swap()).toMatchObject({ allocated: 2, reserved: 0, used: 2 });
  });

  it("MAP_NORESERVE page that cannot be reserved: SIGBUS, nothing allocated or reserved", () => {
    // 2 swap pages = 1 usable slot; 16 pages of RAM lend nothing (with a device swapfs_minfree is
    // at least swapfs_desfree, 896 pages).
    const s = new Sim("machine arch=x86 ram=16 swap=2");
    s.do("spawn P1 empty\nP1 mmap full /dev/zero 1 rw private\nP1 mmap nr /dev/zero 4 rw private noreserve");
    expect(s.swap()).toMatchObject({ used: 1, available: 0 });
    const w = s.do("P1 write nr 0");
    expect(w.result).toBe("SIGBUS");
    expectPath(w, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "segvn_faultpage",
      "anon_resvmem",
      "trap",
    ]);
    expect(lastSay(w)).toContain("SIGBUS (BUS_OBJERR)");
    expect(s.slot("P1", "nr", 0)).toMatchObject({ anon: 0, hat: null });
    expect(s.seg("P1", "nr").swresv).toBe(0);
    expect(s.swap()).toMatchObject({ allocated: 0, used: 1 });
    // A read needs the page just as much: SIGBUS too.
    expect(s.res("P1 read nr 1")).toBe("SIGBUS");
    // The reserved mapping next to it still works.
    expect(s.res("P1 write full 0")).toBe("ok");
  });
});

describe("F2/F3: a slot is present, read access", () => {
  it("F2: the child reads a page shared after fork: mapped read-only, no copy", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2");
    const parent = s.slot("P1", "buf", 3);
    const r = s.do("P2 read buf 3");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "hat_memload",
    ]);
    const v = s.slot("P2", "buf", 3);
    expect(v.anon).toBe(parent.anon);
    expect(v.refcnt).toBe(2);
    expect(v.hat).toEqual({ page: parent.anonPage, prot: "r" });
    expect(s.liveAnons()).toBe(4);
    expect(s.rows("P2", "buf")[0]).toMatchObject({ rss: 16, anon: 0 });
  });

  it("F3: refcnt 1 (the other holder exited): a read maps the page writable", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP1 exit");
    const r = s.do("P2 read buf 1");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "hat_memload",
    ]);
    const v = s.slot("P2", "buf", 1);
    expect([v.refcnt, v.hat?.prot, v.hat?.page]).toEqual([1, "rw", v.anonPage]);
    expect(s.rows("P2", "buf")[0]).toMatchObject({ rss: 16, anon: 4 });
  });

  it("F3 on a read-only segment maps read-only (the segment does not allow write)", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap ro /dev/zero 2 r private\nP1 read ro 0\npageout P1 ro 0");
    expect(s.slot("P1", "ro", 0).hat).toBeNull();
    s.do("P1 read ro 0");
    expect(s.slot("P1", "ro", 0).hat?.prot).toBe("r");
  });
});

describe("F4/F5: a slot is present, write to a private mapping", () => {
  it("F4: refcnt 2 → copy-on-write; the new anon is the writer's, the old drops to 1", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2");
    const old = s.slot("P1", "buf", 1);
    const before = s.swap();
    const r = s.do("P2 write buf 1");
    // segvn_faultpage: anon_getpage, anon_private (anon_alloc, the page, page_release), then
    // anon_decref of the old anon BEFORE anon_set_ptr stores the new one, then hat_memload.
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "anon_private",
      "anon_alloc",
      "page_release",
      "anon_decref",
      "anon_set_ptr",
      "hat_memload",
    ]);
    const child = s.slot("P2", "buf", 1);
    expect(child.anon).toBe(5);
    expect(child.refcnt).toBe(1);
    expect(child.hat).toEqual({ page: child.anonPage, prot: "rw" });
    expect(child.anonPage).not.toBe(old.anonPage);
    const parent = s.slot("P1", "buf", 1);
    expect([parent.anon, parent.refcnt, parent.hat?.prot, parent.hat?.page]).toEqual([
      old.anon,
      1,
      "r",
      old.anonPage,
    ]);
    expect(s.swap()).toEqual({ ...before, allocated: before.allocated + 1, reserved: before.reserved - 1 });
    expect(s.livePages()).toBe(5);
  });

  it("F4 from the parent side: its read-only translation faults (F_PROT) and copies", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 2 rw private\nP1 write buf 0-1\nP1 fork P2");
    expect(s.slot("P1", "buf", 0).hat?.prot).toBe("r");
    const r = s.do("P1 write buf 0");
    expect(r.events[0]!.say).toContain("F_PROT");
    expect(fns(r)).toContain("anon_private");
    expect(s.slot("P1", "buf", 0)).toMatchObject({ anon: 3, refcnt: 1 });
    expect(s.slot("P2", "buf", 0)).toMatchObject({ anon: 1, refcnt: 1 });
  });

  it("F5: refcnt 1 → no copy; the same page is reloaded writable", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1");
    const mine = s.slot("P1", "buf", 1);
    expect([mine.refcnt, mine.hat?.prot]).toEqual([1, "r"]);
    const before = s.swap();
    const r = s.do("P1 write buf 1");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "hat_memload",
    ]);
    const after = s.slot("P1", "buf", 1);
    expect([after.anon, after.anonPage, after.hat?.page, after.hat?.prot]).toEqual([
      mine.anon,
      mine.anonPage,
      mine.anonPage,
      "rw",
    ]);
    expect(s.swap()).toEqual(before);
    expect(s.liveAnons()).toBe(5);
  });

  it("a write through a translation that already allows it does not fault at all", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 1 rw private\nP1 read buf 0");
    const r = s.do("P1 write buf 0");
    expectPath(r, ["trap"]);
    expect(r.events[0]!.say).toContain("No fault");
  });
});

describe("F6/F7: MAP_PRIVATE file, no slot", () => {
  it("F6: a read maps the file's page read-only although the mapping is rw; no amp, no anon", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private");
    expect(s.reserved()).toBe(4);
    const r = s.do("P1 read f 1");
    // segvn_fault gets the file page (VOP_GETPAGE) before segvn_faultpage runs
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "ufs_getpage",
      "segvn_faultpage",
      "hat_memload",
    ]);
    expect(r.events.find((e) => e.fn === "ufs_getpage")!.say).toContain("from disk");
    expect(s.amp("P1", "f")).toBeNull();
    const fp = filePage(s, 1);
    expect(fp).toBeGreaterThan(0);
    expect(s.slot("P1", "f", 1)).toMatchObject({ anon: 0, hat: { page: fp, prot: "r" } });
    expect(s.swap()).toMatchObject({ allocated: 0, used: 4 });
  });

  it("F6 with offset: mapping page 0 at offset=2 is file page 2", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap f /data/f 2 r private offset=2\nP1 read f 0");
    expect(filePage(s, 2)).toBeGreaterThan(0);
    expect(filePage(s, 0)).toBe(0);
    expect(s.slot("P1", "f", 0).hat?.page).toBe(filePage(s, 2));
    expect(s.reserved()).toBe(0); // private read-only file mapping: no reservation
  });

  it("F7: a write reads the file page (S_READ) and copies it into a new anon; the file page stays cached", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private");
    const r = s.do("P1 write f 0");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "ufs_getpage",
      "segvn_faultpage",
      "anon_private",
      "anon_alloc",
      "page_release",
      "anon_set_ptr",
      "hat_memload",
    ]);
    const fp = filePage(s, 0);
    expect(fp).toBeGreaterThan(0);
    const v = s.slot("P1", "f", 0);
    expect([v.anon, v.refcnt, v.hat?.prot, v.hat?.page]).toEqual([1, 1, "rw", v.anonPage]);
    expect(v.anonPage).not.toBe(fp);
    expect(s.st.page.mapping[fp]).toBe(0);
    const frame = s.doc().frames.find((f) => f.id === `pp:${fp}`);
    expect(frame).toMatchObject({ vnode: "/data/f", offset: 0, cached: true });
    expect(s.swap()).toMatchObject({ allocated: 1, reserved: 3, used: 4 });
    // pmap: RSS counts page 0 once (anon page and file page both resident), Anon 1.
    expect(s.rows("P1", "f")[0]).toMatchObject({ rss: 4, anon: 4, mode: "rw---", mapped: "f" });
  });

  it("F6 then F7 (O15): the read-only file translation faults, the copy replaces it", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private\nP1 read f 0-3");
    const f1 = filePage(s, 1);
    const r = s.do("P1 write f 1");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "ufs_getpage",
      "segvn_faultpage",
      "anon_private",
      "anon_alloc",
      "page_release",
      "anon_set_ptr",
      "hat_memload",
    ]);
    expect(r.events.find((e) => e.fn === "ufs_getpage")!.say).toContain("in the page cache");
    expect(filePage(s, 1)).toBe(f1);
    expect(s.slot("P1", "f", 1).hat?.page).not.toBe(f1);
    expect(s.rows("P1", "f")[0]).toMatchObject({ kbytes: 16, rss: 16, anon: 4 });
    expect(s.swap()).toMatchObject({ allocated: 1, reserved: 3 });
  });

  it("F7 with MAP_NORESERVE reserves one page before the copy", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private noreserve");
    expect(s.reserved()).toBe(0);
    const r = s.do("P1 write f 2");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "ufs_getpage",
      "segvn_faultpage",
      "anon_resvmem",
      "anon_private",
      "anon_alloc",
      "page_release",
      "anon_set_ptr",
      "hat_memload",
    ]);
    expect(s.seg("P1", "f").swresv).toBe(1);
    expect(s.rows("P1", "f")[0]!.mode).toBe("rw--R");
  });

  it("F7 when the NORESERVE reservation fails: SIGBUS, the file page was read but nothing copied", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=2\nfile /data/f 8");
    s.do("spawn P1 empty\nP1 mmap full /dev/zero 1 rw private\nP1 mmap f /data/f 4 rw private noreserve");
    const r = s.do("P1 write f 0");
    expect(r.result).toBe("SIGBUS");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "anonmap_alloc",
      "ufs_getpage",
      "segvn_faultpage",
      "anon_resvmem",
      "trap",
    ]);
    expect(s.liveAnons()).toBe(0);
    expect(s.slot("P1", "f", 0).hat).toBeNull();
  });
});

describe("F8/F9: MAP_SHARED", () => {
  it("F8: shared anon across fork: the child's write goes to the one shared page, never COW", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 4 rw shared\nP1 write sh 0\nP1 fork P2");
    const p1 = s.slot("P1", "sh", 0);
    expect(p1.hat?.prot).toBe("rw"); // fork leaves shared translations alone
    expect(s.amp("P1", "sh")).toBe(s.amp("P2", "sh"));
    expect(s.amp("P1", "sh")!.refcnt).toBe(2);
    const r = s.do("P2 write sh 0");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "hat_memload",
    ]);
    const p2 = s.slot("P2", "sh", 0);
    expect([p2.anon, p2.refcnt, p2.hat?.page, p2.hat?.prot]).toEqual([p1.anon, 1, p1.anonPage, "rw"]);
    expect(s.liveAnons()).toBe(1);
    // P2 reads page 2, never touched: a zero page in the shared amp that P1 sees too (O11).
    s.do("P2 read sh 2");
    expect(s.slot("P1", "sh", 2).anon).toBe(s.slot("P2", "sh", 2).anon);
    expect(s.rows("P1", "sh")[0]).toMatchObject({ rss: 8, anon: 0, mode: "rw-s-" });
    expect(s.swap()).toMatchObject({ allocated: 2, reserved: 2, used: 4 });
  });

  it("MAP_SHARED drops MAP_NORESERVE: the whole object is reserved at mmap, no R in pmap", () => {
    const s = new Sim();
    const m = s.do("spawn P1 empty\nP1 mmap sh /dev/zero 4 rw shared noreserve");
    expect(m.events.find((e) => e.fn === "segvn_create")!.say).toContain(
      "drops MAP_NORESERVE for MAP_SHARED",
    );
    expect([s.seg("P1", "sh").noreserve, s.amp("P1", "sh")!.swresv, s.reserved()]).toEqual([false, 4, 4]);
    expect(s.rows("P1", "sh")[0]!.mode).toBe("rw-s-");
    expect(s.doc().processes[0]!.segments[0]!.noreserve).toBe(false);
    expectPath(s.do("P1 write sh 0"), [
      "pagefault",
      "segvn_fault",
      "anon_zero",
      "anon_alloc",
      "anon_set_ptr",
      "hat_memload",
    ]);
  });

  it("F9: a shared file write changes the page cache page; nothing anon, no reservation", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap g /data/f 4 rw shared");
    expect(s.reserved()).toBe(0);
    const r = s.do("P1 write g 0");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "ufs_getpage",
      "segvn_faultpage",
      "hat_memload",
    ]);
    const fp = filePage(s, 0);
    expect(s.slot("P1", "g", 0).hat).toEqual({ page: fp, prot: "rw" });
    expect(s.st.page.mod[fp]).toBe(1);
    expect(s.amp("P1", "g")).toBeNull();
    expect(s.liveAnons()).toBe(0);
  });

  it("F9: a second process gets the same file page from the page cache (no disk read)", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nspawn P2 empty\nP1 mmap g /data/f 4 r shared\nP2 mmap h /data/f 4 rw shared");
    const first = s.do("P1 read g 3");
    expect(first.events.find((e) => e.fn === "ufs_getpage")!.say).toContain("from disk");
    const second = s.do("P2 write h 3");
    const say = second.events.find((e) => e.fn === "ufs_getpage")!.say;
    expect(say).toContain("is in the page cache");
    expect(say).not.toContain("from disk");
    expect(s.slot("P2", "h", 3).hat?.page).toBe(s.slot("P1", "g", 3).hat?.page);
    expect(s.livePages()).toBe(1);
  });
});

describe("F10/F11: faults that cannot be resolved", () => {
  it("F10: a write to a read-only mapping is SIGSEGV (SEGV_ACCERR), and no amp is made", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap ro /dev/zero 2 r private");
    const r = s.do("P1 write ro 0");
    expect(r.result).toBe("SIGSEGV");
    expectPath(r, ["trap", "pagefault", "as_fault", "segvn_fault", "trap"]);
    expect(lastSay(r)).toContain("SIGSEGV (SEGV_ACCERR)");
    expect(s.amp("P1", "ro")).toBeNull();
    expect(s.liveAnons()).toBe(0);
  });

  it("F10: per-page protection (partial mprotect) is checked page by page", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 mprotect buf r 2-3");
    expect(s.res("P1 write buf 1")).toBe("ok");
    const r = s.do("P1 write buf 3");
    expect(r.result).toBe("SIGSEGV");
    expect(lastSay(r)).toContain("SEGV_ACCERR");
    expect(s.res("P1 read buf 3")).toBe("ok");
  });

  it("F10: PROT_NONE refuses a read too", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap no /dev/zero 1 none private");
    expect(s.res("P1 read no 0")).toBe("SIGSEGV");
  });

  it("F11: a hole left by munmap is SIGSEGV (SEGV_MAPERR)", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 8 rw private\nP1 munmap buf 2-5");
    const r = s.do("P1 read buf 3");
    expect(r.result).toBe("SIGSEGV");
    // FC_NOMAP below p_usrstack: trap asks grow, which refuses (far over the stack limit)
    expectPath(r, ["trap", "pagefault", "as_fault", "trap", "grow", "grow_internal", "trap"]);
    expect(lastSay(r)).toContain("SIGSEGV (SEGV_MAPERR)");
    expect(s.res("P1 read buf 6")).toBe("ok");
  });

  it("a write stopped by a signal stops the range: later pages are not touched", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 8 rw private\nP1 munmap buf 2");
    expect(s.res("P1 write buf 0-7")).toBe("SIGSEGV");
    expect(s.liveAnons()).toBe(2);
    expect(s.slot("P1", "buf", 3).anon).toBe(0);
  });
});

describe("page-in (anon_getpage → swap_getapage, b.11)", () => {
  it("reads the page back, frees the swap slot, marks the page modified, maps it writable", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\npageout P1 buf 0 reuse");
    const out = s.slot("P1", "buf", 0);
    expect(out.swapSlot).toBe(1);
    expect(out.anonPage).toBe(0);
    expect(s.deviceUsed()).toBe(1);
    const swapBefore = s.swap();
    const r = s.do("P1 read buf 0");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "swap_getapage",
      "hat_memload",
    ]);
    const v = s.slot("P1", "buf", 0);
    expect(v.anon).toBe(out.anon);
    expect(v.swapSlot).toBe(0);
    expect(v.anonPage).toBeGreaterThan(0);
    expect(v.hat).toEqual({ page: v.anonPage, prot: "rw" });
    expect(s.st.page.mod[v.anonPage]).toBe(1);
    expect(s.deviceUsed()).toBe(0);
    expect(s.swap()).toEqual(swapBefore);
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 16, anon: 16 });
  });

  it("O20: page-in of a COW-shared page, then the write copies it", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2");
    s.do("pageout P1 buf 1 reuse");
    expect(s.deviceUsed()).toBe(1);
    expect(s.rows("P1", "buf")[0]!.rss).toBe(12);
    expect(s.rows("P2", "buf")[0]!.rss).toBe(12);
    const old = s.slot("P1", "buf", 1).anon;
    const r = s.do("P2 write buf 1");
    expectPath(r, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "swap_getapage",
      "anon_private",
      "anon_alloc",
      "page_release",
      "anon_decref",
      "anon_set_ptr",
      "hat_memload",
    ]);
    expect(s.deviceUsed()).toBe(0);
    expect(s.slot("P2", "buf", 1)).toMatchObject({ anon: 5, refcnt: 1 });
    const p1 = s.slot("P1", "buf", 1);
    expect([p1.anon, p1.refcnt, p1.hat]).toEqual([old, 1, null]);
    expect(p1.anonPage).toBeGreaterThan(0); // resident, but not mapped by P1
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 16, anon: 0 });
    expect(s.rows("P2", "buf")[0]).toMatchObject({ rss: 16, anon: 4 });
    expect(s.swap()).toMatchObject({ allocated: 5, reserved: 3 });
  });

  it("a page-in when the anon is still shared maps it read-only (refcnt 2)", () => {
    const s = new Sim();
    s.do(
      "spawn P1 empty\nP1 mmap buf /dev/zero 1 rw private\nP1 write buf 0\nP1 fork P2\npageout P1 buf 0 reuse",
    );
    s.do("P2 read buf 0");
    expect(s.slot("P2", "buf", 0)).toMatchObject({ refcnt: 2, swapSlot: 0, hat: { prot: "r" } });
  });
});
