import { describe, expect, it } from "vitest";
import { hexAddr } from "./arch";
import { swapSText } from "./report/text";
import type { StepRecord } from "./run";
import { Sim, corePath, fns, lastSay } from "./test-util";
import { VPP_SWAPRES } from "./types";

/** The step's core events (test-util CORE_FNS, plus those named) are exactly `e`, in order. */
const expectPath = (r: StepRecord, e: string[]): void => expect(corePath(r, e)).toEqual(e);

/**
 * Segments: mmap (placement, errors, reservation), munmap (anon-layer.md b.8), mprotect (b.9),
 * brk and stack growth (b.5). Reservation and `swap -s` figures are checked after each step.
 */

const FILE_HEADER = "machine arch=x86 ram=1000 swap=1000\nfile /data/f 8";

/** Base address of every piece of a mapping, as the JSON document writes it. */
const bases = (s: Sim, p: string, seg: string): string[] =>
  s.pieces(p, seg).map((g) => hexAddr(g.base, s.st.a));

describe("mmap placement", () => {
  it("x86: top-down from 0xFFFFFD7FFF400000, 64 KiB aligned, a gap between every two mappings", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    s.do("P1 mmap a /dev/zero 4 rw private");
    s.do("P1 mmap b /dev/zero 4 rw private");
    s.do("P1 mmap c /dev/zero 16 rw private");
    s.do("P1 mmap d /dev/zero 17 rw private");
    expect(bases(s, "P1", "a")).toEqual(["0xfffffd7fff3f0000"]);
    expect(bases(s, "P1", "b")).toEqual(["0xfffffd7fff3d0000"]);
    expect(bases(s, "P1", "c")).toEqual(["0xfffffd7fff3b0000"]);
    expect(bases(s, "P1", "d")).toEqual(["0xfffffd7fff380000"]);
    const segs = s.proc("P1").segs;
    for (const g of segs) expect(g.base % 16, g.name).toBe(0);
    for (let i = 1; i < segs.length; i++)
      expect(segs[i]!.base).toBeGreaterThan(segs[i - 1]!.base + segs[i - 1]!.pages);
    // Never merged: four segments, four pmap lines.
    expect(segs.length).toBe(4);
    expect(s.pmap("P1").length).toBe(4);
  });

  it("sparc: the same rule with 8 KiB pages (64 KiB = 8 pages) from 0xFFFFFFFF7F400000", () => {
    const s = new Sim("machine arch=sparc ram=1000 swap=1000");
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 4 rw private\nP1 mmap b /dev/zero 3 rw private");
    expect(bases(s, "P1", "a")).toEqual(["0xffffffff7f3f0000"]);
    expect(bases(s, "P1", "b")).toEqual(["0xffffffff7f3d0000"]);
  });

  it("each process places its own mappings; a child inherits the parent's next address", () => {
    const s = new Sim();
    s.do(
      "spawn P1 empty\nspawn P2 empty\nP1 mmap a /dev/zero 1 rw private\nP2 mmap b /dev/zero 1 rw private",
    );
    expect(bases(s, "P2", "b")).toEqual(bases(s, "P1", "a"));
    s.do("P1 fork P3\nP3 mmap c /dev/zero 1 rw private");
    expect(bases(s, "P3", "c")).toEqual(["0xfffffd7fff3d0000"]);
  });
});

describe("mmap errors", () => {
  it("EINVAL for a name already in use; the first mapping is untouched", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 4 rw private");
    const r = s.do("P1 mmap a /dev/zero 2 rw private");
    expect(r.result).toBe("EINVAL");
    expectPath(r, ["smmap_common"]);
    expect(s.seg("P1", "a").pages).toBe(4);
    expect(s.reserved()).toBe(4);
  });

  it("EINVAL for a file that does not exist (a statement the parser would refuse)", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    const r = s.run({
      op: "mmap",
      proc: "P1",
      seg: "x",
      source: "/nope",
      pages: 4,
      prot: { r: true, w: false, x: false },
      shared: false,
      offset: 0,
      noreserve: false,
      where: { line: 2, text: "P1 mmap x /nope 4 r private" },
    });
    expect(r.result).toBe("EINVAL");
    expect(s.proc("P1").segs).toEqual([]);
    // The EINVAL is the simulator's, and the sentence says a real program fails earlier, at open.
    expect(lastSay(r)).toContain("ENOENT");
  });

  it("a mapping may run past the end of its file; a touch there gets SIGBUS, inside it works", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty");
    // /data/f has 8 pages: pages 0-1 of the mapping are file pages 6-7, pages 2-3 lie beyond it
    expect(s.do("P1 mmap f /data/f 4 rw private offset=6").result).toBe("ok");
    expect(s.seg("P1", "f").offset).toBe(6);
    expect(s.do("P1 read f 1").result).toBe("ok");
    const before = s.swap();
    // segvn_fault asks the file system for the page (VOP_GETPAGE) before segvn_faultpage: EFAULT
    expectPath(s.do("P1 read f 2"), ["trap", "pagefault", "as_fault", "segvn_fault", "ufs_getpage", "trap"]);
    // a write makes the anon_map first (segvn_fault does, before it looks at the page)
    const w = s.do("P1 write f 3");
    expect(w.result).toBe("SIGBUS");
    expectPath(w, ["trap", "pagefault", "as_fault", "segvn_fault", "anonmap_alloc", "ufs_getpage", "trap"]);
    expect(lastSay(w)).toContain("BUS_OBJERR");
    // no anon was allocated for the refused pages, and the good one is still mapped
    expect(s.swap()).toEqual(before);
    expect(s.do("P1 write f 0").result).toBe("ok");
    // wholly past the end too: the mapping is made, every touch is refused
    expect(s.do("P1 mmap g /data/f 2 r shared offset=20").result).toBe("ok");
    expect(s.do("P1 read g 0").result).toBe("SIGBUS");
  });

  it("EAGAIN past the limit on ram=1000 swap=1000: 999 disk pages, memory lends nothing", () => {
    // swapfs_minfree = 896 (min(512 MiB, 1000/8) raised by swapadd to swapfs_desfree, 3.5 MiB)
    // and swapfs_reserve = 1024 pages (4 MiB): availrmem 1000 is below their sum, so an
    // unprivileged process can reserve only the 999 usable pages of the device.
    const s = new Sim();
    s.do("spawn P1 empty");
    const before = s.swap();
    expect(before).toEqual({ allocated: 0, reserved: 0, used: 0, available: 999 + (1000 - 896) });
    const r = s.do("P1 mmap big /dev/zero 1000 rw private");
    expect(r.result).toBe("EAGAIN");
    expectPath(r, ["smmap_common", "segvn_create", "anon_resvmem", "segvn_create", "smmap_common"]);
    expect(lastSay(r)).toContain("EAGAIN");
    expect(s.proc("P1").segs).toEqual([]);
    expect(s.swap()).toEqual(before);
    expect(s.st.swap.ani_phys_resv).toBe(0);
    // Nothing was created, so the name is free and the address is the one the failure would have had.
    expect(s.res("P1 mmap big /dev/zero 999 rw private")).toBe("ok");
    expect(bases(s, "P1", "big")).toEqual(["0xfffffd7fff010000"]);
    expect(s.swap()).toEqual({ allocated: 0, reserved: 999, used: 999, available: 104 });
    expect(s.res("P1 mmap one /dev/zero 1 r private")).toBe("EAGAIN");
    // Shared anon and NORESERVE: shared reserves too (EAGAIN), NORESERVE does not.
    expect(s.res("P1 mmap sh /dev/zero 1 rw shared")).toBe("EAGAIN");
    expect(s.res("P1 mmap nr /dev/zero 100 rw private noreserve")).toBe("ok");
    // A private read-only file mapping needs no reservation either.
    expect(s.res("P1 munmap big")).toBe("ok");
    expect(s.swap()).toEqual(before);
  });

  it("EAGAIN with memory lending: ram=2000 swap=100 lets an unprivileged process reserve 178", () => {
    // swapfs_minfree = 896 (2000/8 = 250, raised to swapfs_desfree by swapadd); swapfs_reserve =
    // 1024. limit = pswap + (availrmem - swapfs_minfree) - swapfs_reserve - 1
    //             = 99 + (2000 - 896) - 1024 - 1 = 178
    const s = new Sim("machine arch=x86 ram=2000 swap=100");
    s.do("spawn P1 empty");
    expect(s.res("P1 mmap big /dev/zero 179 rw private")).toBe("EAGAIN");
    expect(s.swap().used).toBe(0);
    expect(s.res("P1 mmap big /dev/zero 178 rw private")).toBe("ok");
    expect([s.st.swap.ani_phys_resv, s.st.swap.ani_mem_resv, s.st.swap.availrmem]).toEqual([99, 79, 1921]);
    // swap -s still shows what root could take: available = 0 + (1921 - 896).
    expect(s.swap()).toEqual({ allocated: 0, reserved: 178, used: 178, available: 1025 });
    // Unreserving drains memory first: 79 back to availrmem, the other 21 off the device.
    s.do("P1 munmap big 0-99");
    expect([s.st.swap.ani_phys_resv, s.st.swap.ani_mem_resv, s.st.swap.availrmem]).toEqual([78, 0, 2000]);
  });
});

describe("munmap of a private mapping (8 pages, all written)", () => {
  const written = (): Sim => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 8 rw private\nP1 write buf 0-7");
    expect(s.swap()).toMatchObject({ allocated: 8, reserved: 0, used: 8 });
    return s;
  };

  it("the beginning: slots freed, anon_index and base move, the amp keeps its 8 slots", () => {
    const s = written();
    const base = s.seg("P1", "buf").base;
    const a3 = s.slot("P1", "buf", 2).anon;
    const r = s.do("P1 munmap buf 0-1");
    expectPath(r, ["as_unmap", "segvn_unmap", "anon_free", "anon_decref", "anon_decref", "anon_unresvmem"]);
    const g = s.seg("P1", "buf");
    expect([g.first, g.base, g.pages, g.anon_index, g.swresv]).toEqual([2, base + 2, 6, 2, 6]);
    expect(s.amp("P1", "buf")!.ahp.size).toBe(8);
    expect(s.slot("P1", "buf", 2).anon).toBe(a3);
    expect(s.swap()).toMatchObject({ allocated: 6, reserved: 0, used: 6 });
    expect(s.res("P1 read buf 1")).toBe("SIGSEGV");
  });

  it("the end (O25): 4 pages freed and unreserved; amp->size stays 8", () => {
    const s = written();
    s.do("P1 munmap buf 4-7");
    const g = s.seg("P1", "buf");
    expect([g.pages, g.swresv]).toEqual([4, 4]);
    const amp = s.amp("P1", "buf")!;
    expect([amp.size, amp.ahp.size]).toEqual([8, 8]);
    expect(s.swap()).toMatchObject({ allocated: 4, reserved: 0, used: 4 });
    expect(s.rows("P1", "buf")).toEqual([expect.objectContaining({ kbytes: 16, rss: 16, anon: 16 })]);
  });

  it("the middle (O26): two segments, a new 2-slot array low, a new amp high, slots moved", () => {
    const s = written();
    const oldAmp = s.amp("P1", "buf")!.id;
    const a7 = s.slot("P1", "buf", 6).anon;
    const a8 = s.slot("P1", "buf", 7).anon;
    const r = s.do("P1 munmap buf 2-5");
    expect(fns(r)).toContain("anon_copy_ptr");
    const [low, high] = s.pieces("P1", "buf");
    expect([low!.first, low!.pages, low!.swresv, low!.amp, low!.anon_index]).toEqual([0, 2, 2, oldAmp, 0]);
    expect([high!.first, high!.pages, high!.swresv, high!.anon_index]).toEqual([6, 2, 2, 0]);
    expect(high!.amp).not.toBe(oldAmp);
    expect(high!.base).toBe(low!.base + 6);
    const lowAmp = s.st.amps.get(low!.amp)!;
    const highAmp = s.st.amps.get(high!.amp)!;
    expect([lowAmp.size, lowAmp.ahp.size, highAmp.size, highAmp.ahp.size]).toEqual([2, 2, 2, 2]);
    expect(s.slot("P1", "buf", 6)).toMatchObject({ anon: a7, refcnt: 1 });
    expect(s.slot("P1", "buf", 7)).toMatchObject({ anon: a8, refcnt: 1 });
    expect(s.swap()).toMatchObject({ allocated: 4, reserved: 0, used: 4 });
    const rows = s.rows("P1", "buf");
    expect(rows.map((x) => [x.kbytes, x.rss, x.anon])).toEqual([
      [8, 8, 8],
      [8, 8, 8],
    ]);
    expect(s.res("P1 write buf 3")).toBe("SIGSEGV");
  });

  it("the whole segment: everything freed and unreserved, the amp is gone", () => {
    const s = written();
    const id = s.amp("P1", "buf")!.id;
    const r = s.do("P1 munmap buf");
    expect(fns(r)).toContain("anonmap_free");
    expect(s.pieces("P1", "buf")).toEqual([]);
    expect(s.st.amps.has(id)).toBe(false);
    // available: 999 on the device + (1000 - swapfs_minfree 896) from memory
    expect(s.swap()).toEqual({ allocated: 0, reserved: 0, used: 0, available: 1103 });
    expect(s.livePages()).toBe(0);
  });

  it("an untouched mapping splits without any anon_map", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 8 rw private\nP1 munmap buf 3");
    expect(s.pieces("P1", "buf").map((g) => [g.first, g.pages, g.swresv, g.amp])).toEqual([
      [0, 3, 3, 0],
      [4, 4, 4, 0],
    ]);
    expect(s.reserved()).toBe(7);
  });

  it("MAP_NORESERVE: what stays reserved is the number of slots still used", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap nr /dev/zero 8 rw private noreserve\nP1 write nr 0\nP1 write nr 5-6");
    expect(s.seg("P1", "nr").swresv).toBe(3);
    s.do("P1 munmap nr 4-5");
    expect(s.pieces("P1", "nr").map((g) => g.swresv)).toEqual([1, 1]);
    expect(s.swap()).toMatchObject({ allocated: 2, reserved: 0, used: 2 });
  });

  it("a COW-shared range unmapped in one process (O27): refcnts drop, nothing freed", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2");
    expect(s.swap()).toMatchObject({ allocated: 4, reserved: 4, used: 8 });
    const u = s.do("P1 munmap buf 2-3");
    // anon_free only drops a holder from each anon: the sentence must not say they are freed.
    expect(u.events.find((e) => e.fn === "segvn_unmap")!.say).toContain(
      "each anon loses a holder (anon_free)",
    );
    expect(s.swap()).toMatchObject({ allocated: 4, reserved: 2, used: 6 });
    expect(s.slot("P2", "buf", 2).refcnt).toBe(1);
    expect(s.rows("P1", "buf")[0]).toMatchObject({ kbytes: 8, rss: 8, anon: 0 });
    expect(s.rows("P2", "buf")[0]).toMatchObject({ kbytes: 16, rss: 16, anon: 0 });
  });
});

describe("munmap of a shared anon mapping (O13)", () => {
  it("middle, then the high piece, then the low piece", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 8 rw shared\nP1 write sh 0-7");
    const amp = s.amp("P1", "sh")!;
    const a7 = s.slot("P1", "sh", 6).anon;
    s.do("P1 munmap sh 2-5");
    const [low, high] = s.pieces("P1", "sh");
    expect(low!.amp).toBe(amp.id);
    expect(high!.amp).toBe(amp.id);
    expect([amp.refcnt, amp.swresv, high!.anon_index, low!.swresv, high!.swresv]).toEqual([2, 4, 6, 0, 0]);
    expect(s.slot("P1", "sh", 6).anon).toBe(a7);
    expect(s.swap()).toMatchObject({ allocated: 4, reserved: 0, used: 4 });
    expect(s.rows("P1", "sh").map((x) => [x.kbytes, x.rss, x.anon, x.mode])).toEqual([
      [8, 8, 0, "rw-s-"],
      [8, 8, 0, "rw-s-"],
    ]);
    // The whole high piece: refcnt 2 → 1, a7 and a8 are NOT freed.
    s.do("P1 munmap sh 6-7");
    expect([amp.refcnt, s.liveAnons()]).toEqual([1, 4]);
    expect(s.swap()).toMatchObject({ allocated: 4, used: 4 });
    // The last piece: the whole amp goes, a1 a2 a7 a8 with it.
    s.do("P1 munmap sh 0-1");
    expect(s.st.amps.has(amp.id)).toBe(false);
    expect(s.swap()).toMatchObject({ allocated: 0, reserved: 0, used: 0 });
  });

  it("the beginning with refcnt 1 frees and unreserves; with refcnt 2 it frees nothing", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 4 rw shared\nP1 write sh 0-3");
    const amp = s.amp("P1", "sh")!;
    s.do("P1 munmap sh 0");
    expect([amp.swresv, s.seg("P1", "sh").anon_index, s.liveAnons()]).toEqual([3, 1, 3]);
    expect(s.swap()).toMatchObject({ allocated: 3, used: 3 });
    s.do("P1 fork P2");
    expect(s.swap()).toMatchObject({ allocated: 3, used: 3 }); // shared: no reservation at fork
    s.do("P2 munmap sh 3");
    expect([amp.refcnt, amp.swresv, s.liveAnons()]).toEqual([2, 3, 3]);
    expect(s.slot("P1", "sh", 3).anon).toBeGreaterThan(0);
    expect(s.swap()).toMatchObject({ allocated: 3, used: 3 });
  });
});

describe("mprotect (b.9)", () => {
  it("O28a: whole segment to r: PTEs changed in place, no reservation back, a write is SIGSEGV", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3");
    const pages = [0, 1, 2, 3].map((n) => s.slot("P1", "buf", n).anonPage);
    const r = s.do("P1 mprotect buf r");
    expectPath(r, ["as_setprot", "segvn_setprot"]);
    expect(r.events[1]!.say).toContain("changed in place");
    for (let n = 0; n < 4; n++) expect(s.slot("P1", "buf", n).hat).toEqual({ page: pages[n], prot: "r" });
    expect(s.seg("P1", "buf").prot).toBe(1);
    expect(s.swap()).toMatchObject({ allocated: 4, used: 4 });
    expect(s.res("P1 write buf 0")).toBe("SIGSEGV");
    expect(s.rows("P1", "buf")).toEqual([expect.objectContaining({ mode: "r----", rss: 16, anon: 0 })]);
  });

  it("O28b: part of it: one segment, a vpage array, two pmap lines", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 mprotect buf r 2-3");
    const g = s.seg("P1", "buf");
    expect(g.pageprot).toBe(true);
    expect(Array.from(g.vpage!).map((b) => b & 7)).toEqual([3, 3, 1, 1]);
    expect(s.rows("P1", "buf").map((x) => [x.addr, x.kbytes, x.rss, x.anon, x.mode])).toEqual([
      ["0xfffffd7fff3f0000", 8, 8, 8, "rw---"],
      ["0xfffffd7fff3f2000", 8, 8, 0, "r----"],
    ]);
    expect(s.res("P1 write buf 3")).toBe("SIGSEGV");
    expect(s.doc().processes[0]!.segments[0]!.prot).toBe("rw");
  });

  it("granting write unloads the translations (the next write decides COW again); pages stay", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 2 rw private\nP1 write buf 0-1\nP1 mprotect buf r");
    const r = s.do("P1 mprotect buf rw");
    expect(r.events.find((e) => e.fn === "hat_unload")!.say).toContain("2 translations");
    expect(s.slot("P1", "buf", 0).hat).toBeNull();
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 8, anon: 0 });
    const w = s.do("P1 write buf 0");
    expectPath(w, [
      "trap",
      "pagefault",
      "as_fault",
      "segvn_fault",
      "segvn_faultpage",
      "anon_getpage",
      "hat_memload",
    ]);
    expect(s.liveAnons()).toBe(2);
    expect(s.reserved()).toBe(2);
  });

  it("PROT_NONE unloads; shared anon changes in place even when write is granted", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 2 rw shared\nP1 write sh 0-1\nP1 mprotect sh r");
    expect(s.slot("P1", "sh", 0).hat?.prot).toBe("r");
    s.do("P1 mprotect sh rw");
    expect(s.slot("P1", "sh", 0).hat?.prot).toBe("rw");
    s.do("P1 mprotect sh none");
    expect(s.slot("P1", "sh", 0).hat).toBeNull();
    expect(s.rows("P1", "sh")[0]).toMatchObject({ mode: "---s-", rss: 8 });
  });

  // Regression (was an engine bug): segvn_setprot returns at once when the segment has no per-page prots and already
  // has the requested prot ("return if prot is the same"; anon-layer.md b.9 item 2: "Same prot
  // over the whole segment: nothing to do"). The engine goes on and, the prot granting write,
  // unloads every translation, so pmap's Anon falls from 16 to - although nothing changed.
  it("mprotect to the prot the segment already has changes nothing", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3");
    const before = [0, 1, 2, 3].map((n) => s.slot("P1", "buf", n).hat);
    expect(s.res("P1 mprotect buf rw")).toBe("ok");
    expect([0, 1, 2, 3].map((n) => s.slot("P1", "buf", n).hat)).toEqual(before);
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 16, anon: 16 });
  });

  // Regression (was an engine bug): same early return, for a range inside a uniform segment: the kernel creates no
  // vpage array and keeps the translations; the engine sets pageprot and unloads pages 1..2.
  it("mprotect of part of a uniform segment to its own prot makes no per-page prots", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3");
    expect(s.res("P1 mprotect buf rw 1-2")).toBe("ok");
    expect([s.seg("P1", "buf").pageprot, s.seg("P1", "buf").vpage]).toEqual([false, null]);
    expect(s.slot("P1", "buf", 1).hat?.prot).toBe("rw");
  });

  // Regression (was an engine bug): after fork the parent's COW-protected (read-only) translations must survive an
  // mprotect to the same prot; the engine unloads them.
  it("mprotect to the same prot after fork leaves the read-only COW translations", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 2 rw private\nP1 write buf 0-1\nP1 fork P2");
    s.do("P1 mprotect buf rw");
    expect(s.slot("P1", "buf", 0).hat?.prot).toBe("r");
  });

  it("O29: a private file mapping gives its reservation back while never written", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private");
    expect(s.swap()).toMatchObject({ used: 4, reserved: 4 });
    s.do("P1 mprotect f r");
    expect([s.seg("P1", "f").swresv, s.swap().used]).toEqual([0, 0]);
    const up = s.do("P1 mprotect f rw");
    expectPath(up, ["as_setprot", "segvn_setprot", "anon_resvmem"]);
    expect([s.seg("P1", "f").swresv, s.swap().used]).toEqual([4, 4]);
    s.do("P1 write f 0");
    expect(s.swap()).toMatchObject({ allocated: 1, reserved: 3, used: 4 });
    s.do("P1 mprotect f r");
    expect([s.seg("P1", "f").swresv, s.swap().used]).toEqual([4, 4]); // an amp exists now
    expect(s.rows("P1", "f")[0]!.mode).toBe("r----");
  });

  it("anonymous memory never gives its reservation back through mprotect", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 mprotect buf r\nP1 mprotect buf none");
    expect(s.seg("P1", "buf").swresv).toBe(4);
    expect(s.reserved()).toBe(4);
    s.do("P1 mprotect buf rw");
    expect(s.reserved()).toBe(4);
  });

  it("adding write to part of a read-only private file mapping reserves just those pages", () => {
    const s = new Sim(FILE_HEADER);
    s.do("spawn P1 empty\nP1 mmap g /data/f 4 r private");
    expect(s.reserved()).toBe(0);
    s.do("P1 mprotect g rw 1-2");
    const g = s.seg("P1", "g");
    expect([g.swresv, g.pageswap, g.pageprot]).toEqual([2, true, true]);
    expect(Array.from(g.vpage!).map((b) => (b & VPP_SWAPRES ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(s.rows("P1", "g").map((x) => [x.kbytes, x.mode])).toEqual([
      [4, "r----"],
      [8, "rw---"],
      [4, "r----"],
    ]);
    // Unmapping the tail keeps the marked page of what stays (recounted from vpage).
    s.do("P1 munmap g 2-3");
    expect([s.seg("P1", "g").swresv, s.reserved()]).toEqual([1, 1]);
    // Now the whole (2-page) segment: only the unmarked page is added.
    s.do("P1 mprotect g rw");
    expect([s.seg("P1", "g").swresv, s.reserved()]).toEqual([2, 2]);
  });

  it("adding write fails with EAGAIN when it cannot be reserved; nothing changes", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=5\nfile /data/f 8");
    s.do("spawn P1 empty\nP1 mmap z /dev/zero 4 rw private\nP1 mmap g /data/f 4 r private");
    const r = s.do("P1 mprotect g rw");
    expect(r.result).toBe("EAGAIN");
    expect(lastSay(r)).toContain("EAGAIN");
    expect([s.seg("P1", "g").prot, s.seg("P1", "g").swresv]).toEqual([1, 0]);
    expect(s.res("P1 write g 0")).toBe("SIGSEGV");
  });

  it("a range that runs into a hole is ENOMEM, after the pages before the hole changed (as_setprot)", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 8 rw private\nP1 write buf 0-7\nP1 munmap buf 4-5");
    expect(s.res("P1 mprotect buf r 2-6")).toBe("ENOMEM");
    // as_setprot has already called segvn_setprot on pages 2..3 when it meets the hole at 4.
    expect([0, 1, 2, 3, 6].map((n) => s.slot("P1", "buf", n).prot)).toEqual(["rw", "rw", "r", "r", "rw"]);
    expect([2, 3].map((n) => s.slot("P1", "buf", n).hat?.prot)).toEqual(["r", "r"]);
    expect(s.rows("P1", "buf").map((r) => [r.mode, r.anon])).toEqual([
      ["rw---", 8],
      ["r----", 0],
      ["rw---", 8],
    ]);
  });

  it("a range that starts in a hole is ENOMEM and changes nothing; one running past the end stops there", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 8 rw private\nP1 munmap buf 2-3");
    expect(s.res("P1 mprotect buf r 3-7")).toBe("ENOMEM");
    expect(s.pieces("P1", "buf").map((g) => g.prot)).toEqual([3, 3]);
    // The page after the mapping is unmapped: pages 6..7 change, then ENOMEM.
    expect(s.res("P1 mprotect buf r 6-9")).toBe("ENOMEM");
    expect([4, 5, 6, 7].map((n) => s.slot("P1", "buf", n).prot)).toEqual(["rw", "rw", "r", "r"]);
    // Without a range the statement names every piece: no hole in between counts.
    expect(s.res("P1 mprotect buf r")).toBe("ok");
  });
});

describe("brk: sbrk merges into the heap", () => {
  it("O30a: one heap segment, swresv +3, RSS and Anon unchanged, nothing allocated", () => {
    const s = new Sim();
    s.do("spawn P1");
    const heap = s.seg("P1", "heap");
    expect([heap.pages, heap.swresv, heap.amp]).toEqual([4, 4, 0]);
    const before = s.swap();
    const r = s.do("P1 sbrk 3");
    expectPath(r, ["brk_internal", "segvn_create", "anon_resvmem", "segvn_extend_prev"]);
    expect(s.pieces("P1", "heap").length).toBe(1);
    expect([s.seg("P1", "heap").pages, s.seg("P1", "heap").swresv]).toEqual([7, 7]);
    expect(s.proc("P1").brksize).toBe(7);
    expect(s.swap()).toEqual({
      ...before,
      reserved: before.reserved + 3,
      used: before.used + 3,
      available: before.available - 3,
    });
    expect(s.rows("P1", "heap")).toEqual([
      expect.objectContaining({
        addr: "0x0000000000416000",
        kbytes: 28,
        rss: 0,
        anon: 0,
        mapped: "[ heap ]",
      }),
    ]);
  });

  it("with an anon_map the heap's array grows with anon_grow (flat 4 → 64)", () => {
    const s = new Sim();
    s.do("spawn P1\nP1 write heap 0-3");
    const amp = s.amp("P1", "heap")!;
    const slots = [0, 1, 2, 3].map((n) => s.slot("P1", "heap", n).anon);
    expect(amp.ahp.size).toBe(4);
    s.do("P1 sbrk 2");
    expect([amp.size, amp.ahp.size, amp.ahp.levels]).toEqual([64, 64, 1]);
    expect([0, 1, 2, 3].map((n) => s.slot("P1", "heap", n).anon)).toEqual(slots);
    s.do("P1 write heap 5");
    expect(s.rows("P1", "heap")[0]).toMatchObject({ kbytes: 24, rss: 20, anon: 20 });
  });

  it("sbrk that cannot be reserved fails with EAGAIN and leaves the heap as it was", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=10");
    s.do("spawn P1");
    expect(s.res("P1 sbrk 2")).toBe("EAGAIN");
    expect(s.seg("P1", "heap").pages).toBe(4);
    expect(s.proc("P1").brksize).toBe(4);
    expect(s.res("P1 sbrk 1")).toBe("ok");
  });
});

describe("stack growth", () => {
  it("O30b: `P stack 5` maps 5 pages below, merges them, and pre-faults all of them", () => {
    const s = new Sim();
    s.do("spawn P1");
    const before = s.swap();
    const row = s.rows("P1", "stack")[0]!;
    expect(row).toMatchObject({
      addr: "0xfffffd7fffdfe000",
      kbytes: 8,
      rss: 4,
      anon: 4,
      mapped: "[ stack ]",
    });
    const r = s.do("P1 stack 5");
    // the touch faults (FC_NOMAP), trap calls grow: grow_internal maps and merges the pages,
    // then grow pre-faults them (as_fault); the retried access needs no fault
    expect(fns(r).slice(0, 10)).toEqual([
      "trap",
      "pagefault",
      "as_fault",
      "trap",
      "grow",
      "grow_internal",
      "segvn_create",
      "anon_resvmem",
      "segvn_extend_next",
      "as_fault",
    ]);
    expect(r.events.at(-1)!.say).toContain("No fault");
    // Five pre-faults: the first pages in full, the repeats folded into one summary event.
    expect(fns(r).filter((f) => f === "anon_zero").length).toBe(3);
    // numbered from the new bottom: the new pages are 0 to 4
    expect(r.events.find((e) => e.say.startsWith("The same again"))!.say).toContain("pages 3 to 4 (2 pages");
    expect(s.liveAnons()).toBe(6);
    const g = s.seg("P1", "stack");
    expect([g.first, g.pages, g.swresv]).toEqual([0, 7, 7]);
    expect(s.proc("P1").stksize).toBe(7);
    for (let n = 0; n < 5; n++)
      expect(s.slot("P1", "stack", n)).toMatchObject({ refcnt: 1, hat: { prot: "rw" } });
    expect(s.swap()).toEqual({
      ...before,
      allocated: before.allocated + 5,
      used: before.used + 5,
      available: before.available - 5,
    });
    expect(s.rows("P1", "stack")).toEqual([
      expect.objectContaining({ addr: "0xfffffd7fffdf9000", kbytes: 28, rss: 24, anon: 24 }),
    ]);
  });

  it("a write below the stack (a negative page) grows it, renumbers it from the new bottom, completes", () => {
    const s = new Sim();
    s.do("spawn P1");
    const r = s.do("P1 write stack -3");
    expect(r.result).toBe("ok");
    expect(fns(r).slice(0, 5)).toEqual(["trap", "pagefault", "as_fault", "trap", "grow"]);
    expect(r.events[2]!.say).toContain("FC_NOMAP");
    expect(fns(r)).toContain("segvn_extend_next");
    expect(fns(r).at(-1)).toBe("trap"); // the retried access: no fault now
    expect(s.seg("P1", "stack")).toMatchObject({ first: 0, pages: 5 });
    expect(s.liveAnons()).toBe(4);
    // the page written is now page 0, the exec-time pages 3 and 4
    expect(s.slot("P1", "stack", 0).hat).toMatchObject({ prot: "rw" });
    expect(s.slot("P1", "stack", 3).anon).toBe(0);
    // a range below the bottom: its addresses are fixed when it starts, so it grows once
    const r2 = s.do("P1 read stack -2--1");
    expect(r2.result).toBe("ok");
    expect(fns(r2).filter((f) => f === "grow").length).toBeGreaterThan(0);
    expect(s.seg("P1", "stack").first).toBe(0);
    expect(s.doc().processes[0]!.segments.find((g) => g.name === "stack")).toMatchObject({
      first: 0,
      pages: 7,
      base: "0xfffffd7fffdf9000",
    });
    expect(s.liveAnons()).toBe(6);
  });

  it("x86: the 10 MiB limit (DFLSSIZ = 8 MiB + (USRSTACK & 0x3FFFFF)): 2560 pages is allowed, one more is SIGSEGV", () => {
    const s = new Sim("machine arch=x86 ram=4000 swap=4000");
    s.do("spawn P1\nspawn P2");
    // 2 + 2559 = 2561 pages > 2560: grow_internal refuses (ENOMEM), trap sends SIGSEGV
    const over = s.do("P1 stack 2559");
    expect(over.result).toBe("SIGSEGV");
    expectPath(over, ["trap", "pagefault", "as_fault", "trap", "grow", "grow_internal", "trap"]);
    expect(lastSay(over)).toContain("SIGSEGV (SEGV_MAPERR)");
    expect(s.seg("P1", "stack").pages).toBe(2);
    // trap tries grow for any FC_NOMAP below p_usrstack; grow_internal refuses past the limit
    const far = s.do("P2 write stack -2559");
    expect(far.result).toBe("SIGSEGV");
    expectPath(far, ["trap", "pagefault", "as_fault", "trap", "grow", "grow_internal", "trap"]);
    expect(s.res("P1 stack 2558")).toBe("ok");
    expect([s.seg("P1", "stack").pages, s.liveAnons()]).toEqual([2560, 2560]);
    expect(s.res("P1 stack 1")).toBe("SIGSEGV");
  });

  it("sparc: the limit is 1024 pages of 8 KiB", () => {
    const s = new Sim("machine arch=sparc ram=2000 swap=2000");
    s.do("spawn P1");
    expect(s.res("P1 stack 1023")).toBe("SIGSEGV");
    expect(s.res("P1 stack 1022")).toBe("ok");
    expect(s.seg("P1", "stack").pages).toBe(1024);
  });

  it("no swap to grow: the console message and SIGSEGV; nothing mapped", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=12");
    s.do("spawn P1");
    expect(s.swap().available).toBe(3);
    const r = s.do("P1 stack 4");
    expect(r.result).toBe("SIGSEGV");
    expect(lastSay(r)).toContain("Sorry, no swap space to grow stack for pid 101");
    expect(lastSay(r)).toContain("SEGV_MAPERR");
    expect(s.seg("P1", "stack").pages).toBe(2);
    expect(s.swap().used).toBe(8);
  });
});

describe("swap -s after munmap", () => {
  it("prints the figures of the state (x86: 4 KB a page)", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 8 rw private\nP1 write buf 0-5\nP1 munmap buf 6-7");
    expect(swapSText(s.swap(), 4096)).toBe(
      "total: 24k bytes allocated + 0k reserved = 24k used, 4388k available\n",
    );
  });
});
