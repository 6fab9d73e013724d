import { describe, expect, it } from "vitest";
import { checkNothingLeft } from "./invariants";
import type { StepRecord } from "./run";
import { Sim, corePath, fns, lastSay } from "./test-util";

/**
 * fork (cfork → as_dup → segvn_dup, anon-layer.md b.7) and exit (relvm → as_free → segvn_free,
 * b.8), including the ENOMEM rollback of O23 and several generations of COW sharing.
 */

/** The step's core events (test-util CORE_FNS, plus those named) are exactly `e`, in order. */
const expectPath = (r: StepRecord, e: string[]): void => expect(corePath(r, e)).toEqual(e);

const written = (pages = 4): Sim => {
  const s = new Sim();
  s.do(`spawn P1 empty\nP1 mmap buf /dev/zero ${pages} rw private\nP1 write buf 0-${pages - 1}`);
  return s;
};

describe("fork of a private mapping with an anon_map (O4)", () => {
  it("anon_dup: a new amp for the child, every anon refcnt + 1, no page copied", () => {
    const s = written();
    const parentAmp = s.amp("P1", "buf")!;
    const before = [0, 1, 2, 3].map((n) => s.slot("P1", "buf", n));
    const pages = s.livePages();
    const r = s.do("P1 fork P2");
    expect(r.result).toBe("ok");
    expectPath(r, ["cfork", "hat_dup", "anon_resvmem", "anon_dup", "hat_clrattr", "cfork"]);
    const childAmp = s.amp("P2", "buf")!;
    expect(childAmp.id).not.toBe(parentAmp.id);
    expect([childAmp.refcnt, childAmp.size, parentAmp.refcnt]).toEqual([1, 4, 1]);
    expect(s.seg("P2", "buf").anon_index).toBe(0);
    for (let n = 0; n < 4; n++) {
      const c = s.slot("P2", "buf", n);
      expect(c.anon).toBe(before[n]!.anon);
      expect(c.refcnt).toBe(2);
      expect(c.hat).toBeNull(); // the child starts with no translations
    }
    expect(s.livePages()).toBe(pages);
    expect(s.liveAnons()).toBe(4);
  });

  it("the parent's translations lose write (hat_clrattr), pointing at the same pages", () => {
    const s = written();
    const before = [0, 1, 2, 3].map((n) => s.slot("P1", "buf", n).hat);
    expect(before.every((h) => h?.prot === "rw")).toBe(true);
    s.do("P1 fork P2");
    for (let n = 0; n < 4; n++)
      expect(s.slot("P1", "buf", n).hat).toEqual({ page: before[n]!.page, prot: "r" });
    expect(s.proc("P2").hat.size).toBe(0);
  });

  it("reserves a fresh copy of swresv for the child; pmap: RSS 16 and Anon - for both", () => {
    const s = written();
    const before = s.swap();
    s.do("P1 fork P2");
    expect(s.seg("P2", "buf").swresv).toBe(4);
    expect(s.swap()).toEqual({
      allocated: before.allocated,
      reserved: before.reserved + 4,
      used: before.used + 4,
      available: before.available - 4,
    });
    for (const p of ["P1", "P2"]) expect(s.rows(p, "buf")[0]).toMatchObject({ kbytes: 16, rss: 16, anon: 0 });
  });

  it("O5/O6/O7: after the child copies page 1, the parent writes it in place and copies page 2", () => {
    const s = written();
    s.do("P1 fork P2\nP2 write buf 1");
    expect(s.rows("P2", "buf")[0]).toMatchObject({ rss: 16, anon: 4 });
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 16, anon: 0 });
    const inPlace = s.do("P1 write buf 1");
    expect(fns(inPlace)).not.toContain("anon_private");
    expect(s.rows("P1", "buf")[0]!.anon).toBe(4);
    const copy = s.do("P1 write buf 2");
    expect(fns(copy)).toContain("anon_private");
    expect(s.slot("P1", "buf", 2)).toMatchObject({ anon: 6, refcnt: 1 });
    expect(s.slot("P2", "buf", 2)).toMatchObject({ anon: 3, refcnt: 1 });
    expect(s.rows("P1", "buf")[0]!.anon).toBe(8);
    expect(s.swap()).toMatchObject({ allocated: 6, reserved: 2, used: 8 });
  });
});

describe("fork of other kinds of segments", () => {
  it("MAP_SHARED anon: the same amp, refcnt + 1, no reservation, translations untouched", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 4 rw shared\nP1 write sh 0");
    const amp = s.amp("P1", "sh")!;
    const used = s.swap().used;
    const r = s.do("P1 fork P2");
    expectPath(r, ["cfork", "hat_dup", "cfork"]);
    expect(s.amp("P2", "sh")).toBe(amp);
    expect([amp.refcnt, amp.swresv, s.seg("P2", "sh").swresv]).toEqual([2, 4, 0]);
    expect(s.slot("P1", "sh", 0)).toMatchObject({ refcnt: 1, hat: { prot: "rw" } });
    expect(s.swap().used).toBe(used);
  });

  it("an untouched private mapping: no amp on either side, the reservation is copied", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 fork P2");
    expect(s.amp("P1", "buf")).toBeNull();
    expect(s.amp("P2", "buf")).toBeNull();
    expect(s.seg("P2", "buf").swresv).toBe(4);
    expect(s.swap()).toMatchObject({ allocated: 0, reserved: 8, used: 8 });
    expect(s.st.amps.size).toBe(0);
  });

  it("MAP_NORESERVE: the child reserves only the pages touched so far (O24)", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap nr /dev/zero 4 rw private noreserve\nP1 write nr 0-1");
    expect(s.swap()).toMatchObject({ allocated: 2, reserved: 0, used: 2 });
    s.do("P1 fork P2");
    expect(s.seg("P2", "nr").swresv).toBe(2);
    expect(s.swap()).toMatchObject({ allocated: 2, reserved: 2, used: 4 });
    expect(s.slot("P2", "nr", 1).refcnt).toBe(2);
    expect(s.rows("P2", "nr")[0]!.mode).toBe("rw--R");
    // A new page in the child is reserved at its fault; a COW of a touched page is not.
    s.do("P2 write nr 3");
    expect(s.seg("P2", "nr").swresv).toBe(3);
    s.do("P2 write nr 0");
    expect(s.seg("P2", "nr").swresv).toBe(3);
    expect(s.swap()).toMatchObject({ allocated: 4, reserved: 1, used: 5 });
  });

  it("O16: a MAP_SHARED file mapping is shared through the page cache; nothing reserved, ever", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 8");
    s.do("spawn P1 empty\nP1 mmap g /data/f 4 rw shared\nP1 write g 0\nP1 fork P2\nP2 read g 0");
    expect(s.slot("P2", "g", 0).hat).toEqual({ page: s.slot("P1", "g", 0).hat!.page, prot: "rw" });
    expect([s.seg("P2", "g").swresv, s.amp("P2", "g"), s.reserved(), s.liveAnons()]).toEqual([0, null, 0, 0]);
    expect(s.slot("P1", "g", 0).hat?.prot).toBe("rw");
    for (const p of ["P1", "P2"]) expect(s.rows(p, "g")[0]).toMatchObject({ mode: "rw-s-", anon: 0 });
  });

  it("O17: a private file mapping after a write, then fork: the child sees the parent's copy", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 8");
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private\nP1 read f 0-3\nP1 write f 1");
    const before = s.swap();
    s.do("P1 fork P2");
    expect(s.seg("P2", "f").swresv).toBe(4);
    const a1 = s.slot("P1", "f", 1);
    expect(s.slot("P2", "f", 1)).toMatchObject({ anon: a1.anon, refcnt: 2 });
    s.do("P2 read f 1");
    expect(s.slot("P2", "f", 1).hat).toEqual({ page: a1.anonPage, prot: "r" });
    s.do("P2 read f 2");
    const f2 = s.slot("P1", "f", 2).hat!.page;
    expect(s.slot("P2", "f", 2)).toMatchObject({ anon: 0, hat: { page: f2, prot: "r" } });
    s.do("P2 write f 2");
    expect(s.slot("P2", "f", 2)).toMatchObject({ anon: 2, refcnt: 1, hat: { prot: "rw" } });
    expect(s.slot("P1", "f", 2)).toMatchObject({ anon: 0, hat: { page: f2 } });
    expect(s.rows("P2", "f")[0]).toMatchObject({ rss: 16, anon: 4 });
    expect(s.rows("P1", "f")[0]).toMatchObject({ rss: 16, anon: 0 });
    expect(s.swap()).toEqual({
      allocated: before.allocated + 1,
      reserved: before.reserved + 3,
      used: before.used + 4,
      available: before.available - 4,
    });
  });

  it("the standard process: text and data have no amp; the child reserves data, heap and stack", () => {
    const s = new Sim();
    s.do("spawn P1");
    expect(s.swap()).toMatchObject({ allocated: 1, used: 8 });
    s.do("P1 fork P2");
    expect(s.pieces("P2", "text")[0]!.amp).toBe(0);
    expect(s.pieces("P2", "data")[0]!.swresv).toBe(2);
    expect(s.pieces("P2", "heap")[0]!.swresv).toBe(4);
    expect(s.pieces("P2", "stack")[0]!.swresv).toBe(2);
    expect(s.slot("P2", "stack", 1).refcnt).toBe(2);
    expect(s.swap()).toMatchObject({ allocated: 1, used: 16 });
    expect(s.doc().processes.map((p) => [p.name, p.pid, p.state])).toEqual([
      ["P1", 101, "alive"],
      ["P2", 102, "alive"],
    ]);
  });

  it("a child name already in use is refused", () => {
    const s = written();
    s.do("P1 fork P2");
    expect(s.res("P1 fork P2")).toBe("EINVAL");
    expect(s.res("P2 fork P1")).toBe("EINVAL");
    expect(s.st.procs.length).toBe(2);
  });
});

describe("fork ENOMEM (O23)", () => {
  // S2 is mapped first, so S1 is lower and as_dup copies it first (address order).
  const setup = (): Sim => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap s2 /dev/zero 600 rw private\nP1 mmap s1 /dev/zero 2 rw private");
    s.do("P1 write s1 0-1\nP1 write s2 0");
    expect(s.proc("P1").segs.map((g) => g.name)).toEqual(["s1", "s2"]);
    return s;
  };

  it("S1 is copied, S2 cannot be reserved: fork fails ENOMEM and everything is rolled back", () => {
    const s = setup();
    const before = s.swap();
    const amps = [...s.st.amps.keys()];
    const r = s.do("P1 fork P2");
    expect(r.result).toBe("ENOMEM");
    expect(lastSay(r)).toContain("ENOMEM");
    // as_free of the child: segvn_free → anon_free (its decrefs inside it) → anonmap_free →
    // anon_unresv of the copy's reservation
    expectPath(r, [
      "anon_resvmem",
      "anon_dup",
      "hat_clrattr",
      "anon_resvmem",
      "anon_free",
      "anon_decref",
      "anon_decref",
      "anonmap_free",
      "anon_unresvmem",
    ]);
    expect(s.swap()).toEqual(before);
    expect([...s.st.amps.keys()]).toEqual(amps);
    expect(s.st.procs.map((p) => p.name)).toEqual(["P1"]);
    expect(s.slot("P1", "s1", 0).refcnt).toBe(1);
    expect(s.liveAnons()).toBe(3);
  });

  it("left behind: P1's S1 translations stay read-only (Anon -) until it writes them, without a copy", () => {
    const s = setup();
    s.do("P1 fork P2");
    expect(s.slot("P1", "s1", 0).hat?.prot).toBe("r");
    expect(s.slot("P1", "s2", 0).hat?.prot).toBe("rw"); // S2 was never dup'ed
    expect(s.rows("P1", "s1")[0]).toMatchObject({ rss: 8, anon: 0 });
    const w = s.do("P1 write s1 0");
    expectPath(w, ["pagefault", "segvn_fault", "anon_getpage", "hat_memload"]);
    expect(s.rows("P1", "s1")[0]!.anon).toBe(4);
    expect(s.liveAnons()).toBe(3);
  });

  it("the name stays free: the same fork succeeds once S2 is gone", () => {
    const s = setup();
    s.do("P1 fork P2\nP1 munmap s2");
    expect(s.res("P1 fork P2")).toBe("ok");
    expect(s.proc("P2").pid).toBe(102);
  });
});

describe("exit", () => {
  it("frees every anon whose last holder goes, gives every reservation back", () => {
    const s = written();
    const r = s.do("P1 exit");
    expectPath(r, [
      "anon_free",
      "anon_decref",
      "anon_decref",
      "anon_decref",
      "anon_decref",
      "anonmap_free",
      "anon_unresvmem",
    ]);
    // ram=1000: swapfs_minfree is raised to swapfs_desfree (896) by swapadd, so memory lends
    // 1000 - 896 = 104 pages on top of the device's 999 (a.9, c.1)
    expect(s.swap()).toEqual({ allocated: 0, reserved: 0, used: 0, available: 1103 });
    expect(s.livePages()).toBe(0);
    expect(checkNothingLeft(s.st)).toEqual([]);
    expect(s.doc().processes).toEqual([{ name: "P1", pid: 101, state: "exited", segments: [] }]);
    expect(s.doc().pmap).toEqual({});
    expect(s.res("P1 write buf 0")).toBe("EINVAL");
  });

  it("O8: the parent's exit leaves the child sole holder; its write is in place", () => {
    const s = written();
    s.do("P1 fork P2\nP2 exit");
    expect(s.swap()).toMatchObject({ allocated: 4, reserved: 0, used: 4 });
    expect(s.slot("P1", "buf", 0).refcnt).toBe(1);
    const w = s.do("P1 write buf 0");
    expect(fns(w)).not.toContain("anon_private");
    expect(s.rows("P1", "buf")[0]).toMatchObject({ rss: 16, anon: 4 });
  });

  it("O12: a shared anon object lives until its last holder exits", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 4 rw shared\nP1 write sh 0\nP1 fork P2\nP2 read sh 2");
    expect(s.swap()).toMatchObject({ allocated: 2, reserved: 2, used: 4 });
    const first = s.do("P1 exit");
    expect(fns(first)).not.toContain("anon_unresvmem");
    expect(s.swap()).toMatchObject({ allocated: 2, used: 4 });
    expect(s.amp("P2", "sh")!.refcnt).toBe(1);
    s.do("P2 exit");
    expect(s.swap()).toMatchObject({ allocated: 0, reserved: 0, used: 0 });
    expect(checkNothingLeft(s.st)).toEqual([]);
  });

  it("O21: exit while a page is on disk frees its swap slot", () => {
    const s = written();
    s.do("pageout P1 buf 0");
    expect(s.deviceUsed()).toBe(1);
    s.do("P1 exit");
    expect(s.deviceUsed()).toBe(0);
    expect(checkNothingLeft(s.st)).toEqual([]);
  });

  it("the standard process leaves only the file's cached pages behind", () => {
    const s = new Sim();
    s.do("spawn P1\nP1 read text 0\nP1 write data 1\nP1 exit");
    expect(checkNothingLeft(s.st)).toEqual([]);
    expect(s.doc().frames.map((f) => [f.vnode, f.offset, f.cached])).toEqual([
      ["/usr/bin/demo", 0, true],
      ["/usr/bin/demo", 5 * 4096, true],
    ]);
  });
});

describe("three generations (O10 and beyond)", () => {
  it("P1 → P2 → P3 share one anon (refcnt 3); writes by P3, P2, then P1 leave 3 anons of refcnt 1", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 1 rw private\nP1 write buf 0\nP1 fork P2\nP2 fork P3");
    const a1 = s.slot("P1", "buf", 0).anon;
    for (const p of ["P1", "P2", "P3"]) expect(s.slot(p, "buf", 0)).toMatchObject({ anon: a1, refcnt: 3 });
    expect(s.swap()).toMatchObject({ allocated: 1, reserved: 2, used: 3 });
    s.do("P3 write buf 0");
    expect(s.slot("P3", "buf", 0)).toMatchObject({ anon: 2, refcnt: 1 });
    expect(s.slot("P1", "buf", 0).refcnt).toBe(2);
    s.do("P2 write buf 0");
    expect(s.slot("P2", "buf", 0)).toMatchObject({ anon: 3, refcnt: 1 });
    expect(s.slot("P1", "buf", 0).refcnt).toBe(1);
    const last = s.do("P1 write buf 0");
    expect(fns(last)).not.toContain("anon_private");
    expect(s.slot("P1", "buf", 0).anon).toBe(a1);
    expect(s.swap()).toMatchObject({ allocated: 3, reserved: 0, used: 3 });
    for (const p of ["P1", "P2", "P3"]) expect(s.rows(p, "buf")[0]).toMatchObject({ rss: 4, anon: 4 });
  });

  it("a grandchild shares the parent's untouched pages and its own copies alike", () => {
    const s = written(3);
    s.do("P1 fork P2\nP2 write buf 0\nP2 fork P3");
    expect(s.slot("P3", "buf", 0)).toMatchObject({ anon: 4, refcnt: 2 });
    expect(s.slot("P3", "buf", 1)).toMatchObject({ anon: 2, refcnt: 3 });
    expect(s.slot("P1", "buf", 0)).toMatchObject({ anon: 1, refcnt: 1 });
    // P2's own copy lost its write permission at the second fork.
    expect(s.slot("P2", "buf", 0).hat?.prot).toBe("r");
    s.do("P2 exit\nP1 exit");
    expect(s.slot("P3", "buf", 1).refcnt).toBe(1);
    expect(s.swap()).toMatchObject({ allocated: 3, used: 3 });
    s.do("P3 exit");
    expect(checkNothingLeft(s.st)).toEqual([]);
  });
});
