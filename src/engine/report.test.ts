import { describe, expect, it } from "vitest";
import type { VmDoc } from "../contract/doc";
import { pmapText, swapLText, swapSText } from "./report/text";
import { Sim } from "./test-util";

/**
 * What the tools print (real-tool-output.md §2: pmap -x for a 64-bit process, swap -s, swap -l)
 * and the JSON document of scenario-format.md §3.
 */

const HEADER = "         Address     Kbytes        RSS       Anon     Locked Mode   Mapped File";
const SEPARATOR = "---------------- ---------- ---------- ---------- ----------";

/** One pmap -x row built from the format rules: %.16lX, four " %10lu" cells (0 → "-"), " %-6s %s". */
function row(addr: string, cells: number[], mode: string, name: string): string {
  const cell = (v: number) => " " + (v === 0 ? "-" : String(v)).padStart(10);
  return addr + cells.map(cell).join("") + " " + (mode + " ").padEnd(6) + " " + name;
}

describe("pmap -x", () => {
  it("the standard process plus a written 4-page private mapping, byte for byte", () => {
    const s = new Sim();
    s.do("spawn P1\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3");
    const text = s.doc().text["pmap-x"]["P1"];
    expect(text).toBe(
      [
        "101:\tdemo",
        HEADER,
        "0000000000400000         16          -          -          - r-x--  demo",
        "0000000000414000          8          -          -          - rw---  demo",
        "0000000000416000         16          -          -          - rw---    [ heap ]",
        "FFFFFD7FFF3F0000         16         16         16          - rw---    [ anon ]",
        "FFFFFD7FFFDFE000          8          4          4          - rw---    [ stack ]",
        SEPARATOR,
        "        total Kb         64         20         20          -",
        "",
      ].join("\n"),
    );
  });

  it("layout rules: TAB after the pid, 79-column header, 16-digit upper-case addresses, 11-wide cells", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/lib.so.1 8");
    s.do(
      "spawn P1\nP1 mmap lib /data/lib.so.1 4 rx private\nP1 read lib 0-1\nP1 mmap sh /dev/zero 2 rw shared",
    );
    s.do("P1 write sh 0-1\nP1 mmap nr anon 3 rw private noreserve\nP1 write nr 1\nP1 read text 0");
    const lines = s.doc().text["pmap-x"]["P1"]!.split("\n");
    expect(lines[0]).toBe("101:\tdemo");
    expect(lines[1]).toBe(HEADER);
    expect(lines[1]!.length).toBe(79);
    const body = lines.slice(2, -3);
    for (const l of body) {
      expect(l).toMatch(/^[0-9A-F]{16}( {1,10}(\d+|-)){4} [r-][w-][x-][s-][R-]  {1,3}\S/);
      expect(
        l
          .slice(16, 60)
          .match(/.{11}/g)!
          .every((c) => c.startsWith(" ")),
      ).toBe(true);
    }
    expect(body).toEqual([
      row("0000000000400000", [16, 4, 0, 0], "r-x--", "demo"),
      row("0000000000414000", [8, 0, 0, 0], "rw---", "demo"),
      row("0000000000416000", [16, 0, 0, 0], "rw---", "  [ heap ]"),
      // NORESERVE: only the run of backed pages prints (pr_getprot, check_noreserve): page 1
      row("FFFFFD7FFF3B1000", [4, 4, 4, 0], "rw--R", "  [ anon ]"),
      // A shared mapping never shows Anon (pmap without -a), even with every page written.
      row("FFFFFD7FFF3D0000", [8, 8, 0, 0], "rw-s-", "  [ anon ]"),
      // A file name follows the mode after 2 blanks; only the part after the last "/".
      row("FFFFFD7FFF3F0000", [16, 8, 0, 0], "r-x--", "lib.so.1"),
      row("FFFFFD7FFFDFE000", [8, 4, 4, 0], "rw---", "  [ stack ]"),
    ]);
    expect(body[3]).toContain("rw--R    [ anon ]");
    expect(body[5]).toContain("r-x--  lib.so.1");
    expect(lines.at(-3)).toBe(SEPARATOR);
    // the NORESERVE segment adds only its one backed page: 16 + 8 + 16 + 4 + 8 + 16 + 8
    expect(lines.at(-2)).toBe(row("        total Kb", [76, 28, 8, 0], "", "").slice(0, 60));
    expect(lines.at(-1)).toBe("");
  });

  it("totals are the column sums and zero prints as a lone '-'", () => {
    const s = new Sim();
    s.do("spawn P1\nP1 mmap a /dev/zero 3 rw private\nP1 write a 0\nP1 fork P2\nP2 stack 2\nP2 write heap 1");
    for (const p of ["P1", "P2"]) {
      const rows = s.pmap(p);
      const text = s.doc().text["pmap-x"][p]!.split("\n");
      const total = text.at(-2)!;
      const sum = (k: "kbytes" | "rss" | "anon") => rows.reduce((n, r) => n + r[k], 0);
      expect(total).toBe(
        row("        total Kb", [sum("kbytes"), sum("rss"), sum("anon"), 0], "", "").slice(0, 60),
      );
      expect(total.endsWith("          -")).toBe(true);
    }
    expect(s.doc().text["pmap-x"]["P2"]).toContain(
      row("0000000000416000", [16, 4, 4, 0], "rw---", "  [ heap ]"),
    );
  });

  it("RSS of a file mapping counts the file's cached pages, whoever brought them in (O14)", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 8");
    s.do("spawn P1 empty\nspawn P2 empty\nP1 mmap f /data/f 4 r private\nP2 mmap g /data/f 4 r shared");
    s.do("P2 read g 1-2");
    expect(s.slot("P1", "f", 1).hat).toBeNull();
    expect(s.rows("P1", "f")[0]).toMatchObject({ kbytes: 16, rss: 8, anon: 0, mode: "r----", mapped: "f" });
    expect(s.rows("P2", "g")[0]).toMatchObject({ rss: 8, anon: 0, mode: "r--s-" });
  });

  it("an empty process prints its name as psargs and a zero total", () => {
    const s = new Sim();
    s.do("spawn P1 empty");
    expect(s.doc().text["pmap-x"]["P1"]).toBe(
      `101:\tP1\n${HEADER}\n${SEPARATOR}\n        total Kb          -          -          -          -\n`,
    );
  });

  it("pmapText keeps psargs to 70 bytes, as %.70s does", () => {
    const t = pmapText(7, "x".repeat(80), []);
    expect(t.split("\n")[0]).toBe("7:\t" + "x".repeat(70));
  });

  it("sparc: 8 KB pages double every size; addresses follow the sparcv9 layout", () => {
    const s = new Sim("machine arch=sparc ram=1000 swap=1000");
    s.do("spawn P1\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-2");
    expect(s.doc().text["pmap-x"]["P1"]).toBe(
      [
        "101:\tdemo",
        HEADER,
        "0000000100000000         32          -          -          - r-x--  demo",
        "0000000100028000         16          -          -          - rw---  demo",
        "000000010002C000         32          -          -          - rw---    [ heap ]",
        "FFFFFFFF7F3F0000         32         24         24          - rw---    [ anon ]",
        "FFFFFFFF7FFFC000         16          8          8          - rw---    [ stack ]",
        SEPARATOR,
        "        total Kb        128         32         32          -",
        "",
      ].join("\n"),
    );
  });
});

describe("swap -s", () => {
  it("x86: the exact sentence; used = allocated + reserved", () => {
    const s = new Sim();
    s.do("spawn P1");
    // 1 anon (the stack page exec wrote), 8 pages reserved; swapfs_minfree = min(512 MiB,
    // 1000/8) = 125, raised by swapadd to swapfs_desfree (3.5 MiB = 896 pages), so available is
    // 999 - 8 + (1000 - 896) = 1095 pages.
    expect(s.doc().text["swap-s"]).toBe(
      "total: 4k bytes allocated + 28k reserved = 32k used, 4380k available\n",
    );
    s.do("P1 mmap buf /dev/zero 10 rw private\nP1 write buf 0-5");
    const t = s.doc().text["swap-s"];
    expect(t).toBe("total: 28k bytes allocated + 44k reserved = 72k used, 4340k available\n");
    const m = t.match(
      /^total: (\d+)k bytes allocated \+ (\d+)k reserved = (\d+)k used, (\d+)k available\n$/,
    )!;
    expect(Number(m[1]) + Number(m[2])).toBe(Number(m[3]));
  });

  it("an empty system prints 0k, not '-'", () => {
    const s = new Sim();
    expect(s.doc().text["swap-s"]).toBe(
      "total: 0k bytes allocated + 0k reserved = 0k used, 4412k available\n",
    );
  });

  it("sparc: every figure is a multiple of 8k", () => {
    const s = new Sim("machine arch=sparc ram=1000 swap=1000");
    s.do("spawn P1");
    // available = 999 - 8 + (1000 - 448) pages of 8 KB: swapfs_desfree is 3.5 MiB = 448 pages
    expect(s.doc().text["swap-s"]).toBe(
      "total: 8k bytes allocated + 56k reserved = 64k used, 12344k available\n",
    );
  });

  it("swapSText prints used as the sum of the two printed figures", () => {
    expect(swapSText({ allocated: 3, reserved: 5, used: 8, available: 2 }, 4096)).toBe(
      "total: 12k bytes allocated + 20k reserved = 32k used, 8k available\n",
    );
  });
});

describe("swap -l", () => {
  it("x86: the illumos header and one row; swaplo 8, blocks and free in 512-byte blocks", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap a /dev/zero 2 rw private\nP1 write a 0-1\npageout P1 a 0-1");
    expect(s.doc().text["swap-l"]).toBe(
      "swapfile             dev    swaplo   blocks     free\n" +
        "/dev/dsk/c1t0d0s1   30,1         8     7992     7976\n",
    );
  });

  it("sparc: swaplo 16, 16 blocks a page", () => {
    const s = new Sim("machine arch=sparc ram=1000 swap=1000");
    expect(s.doc().text["swap-l"].split("\n")[1]).toBe(
      "/dev/dsk/c1t0d0s1   30,1        16    15984    15984",
    );
  });

  it("swap -l on a machine with no swap device says so, as the real tool does", () => {
    const s = new Sim("machine ram=64m swap=0");
    expect(s.doc().text["swap-l"]).toBe("No swap devices configured\n");
    expect(s.doc().swap).toMatchObject({ deviceSlots: 0, deviceSlotsUsed: 0 });
  });
  it("swapLText follows ` %8lu` for the numbers", () => {
    expect(swapLText(3, 1, 4096).split("\n")[1]).toBe("/dev/dsk/c1t0d0s1   30,1         8       24        8");
  });
});

/** Every field scenario-format.md §3 names, with its type. */
function checkShape(d: VmDoc): void {
  expect(d.format).toBe("anonscope/1");
  expect(typeof d.arch).toBe("string");
  expect(typeof d.pageSize).toBe("number");
  for (const st of d.steps) {
    expect(Object.keys(st)).toEqual(expect.arrayContaining(["n", "line", "text", "result", "events"]));
    expect([typeof st.n, typeof st.line, typeof st.text, typeof st.result]).toEqual([
      "number",
      "number",
      "string",
      "string",
    ]);
    expect(["ok", "ENOMEM", "EAGAIN", "EINVAL", "EACCES", "SIGSEGV", "SIGBUS"]).toContain(st.result);
    for (const e of st.events) {
      expect(typeof e.fn).toBe("string");
      expect(e.src).toMatch(/^usr\/src\/uts\/\S+\.c$/);
      expect(typeof e.say).toBe("string");
      expect(e.say.length).toBeGreaterThan(0);
    }
  }
  for (const p of d.processes) {
    expect([typeof p.name, typeof p.pid]).toEqual(["string", "number"]);
    expect(["alive", "exited"]).toContain(p.state);
    for (const g of p.segments) {
      expect(typeof g.name).toBe("string");
      expect(Number.isInteger(g.first)).toBe(true);
      expect(g.base).toMatch(/^0x[0-9a-f]{16}$/);
      expect(typeof g.pages).toBe("number");
      expect(["r", "rw", "rx", "rwx", "w", "x", "wx", "none"]).toContain(g.prot);
      expect(["private", "shared"]).toContain(g.share);
      expect(typeof g.noreserve).toBe("boolean");
      expect(typeof g.source).toBe("string");
      expect(typeof g.offset).toBe("number");
      if (g.amp !== null) expect(g.amp).toMatch(/^amp:\d+$/);
      expect(g.slots.length).toBe(g.pages);
      for (const sl of g.slots) {
        expect(Object.keys(sl).sort()).toEqual(["anon", "frame", "hat"]);
        if (sl.anon !== null) expect(sl.anon).toMatch(/^anon:\d+$/);
        if (sl.frame !== null) expect(sl.frame).toMatch(/^pp:\d+$/);
        if (sl.hat !== null) expect(["r", "rw", "rx", "rwx"]).toContain(sl.hat);
        expect(sl.frame === null).toBe(sl.hat === null);
      }
    }
  }
  for (const m of d.anonMaps) {
    expect(m.id).toMatch(/^amp:\d+$/);
    expect([typeof m.refcnt, typeof m.pages, typeof m.slots, typeof m.chunks]).toEqual([
      "number",
      "number",
      "number",
      "number",
    ]);
    expect([1, 2]).toContain(m.levels);
  }
  for (const a of d.anons) {
    expect(a.id).toMatch(/^anon:\d+$/);
    expect(typeof a.refcnt).toBe("number");
    expect(typeof a.swapfsOffset).toBe("number");
    expect(a.swapSlot === null || typeof a.swapSlot === "number").toBe(true);
    expect(a.frame === null || /^pp:\d+$/.test(a.frame)).toBe(true);
  }
  for (const f of d.frames) {
    expect(f.id).toMatch(/^pp:\d+$/);
    expect(typeof f.vnode).toBe("string");
    expect(typeof f.offset).toBe("number");
    expect(typeof f.cached).toBe("boolean");
  }
  expect(Object.keys(d.swap).sort()).toEqual(
    [
      "allocatedPages",
      "availablePages",
      "deviceSlots",
      "deviceSlotsUsed",
      "reservedPages",
      "usedPages",
    ].sort(),
  );
  for (const v of Object.values(d.swap)) expect(Number.isInteger(v)).toBe(true);
  for (const [p, rows] of Object.entries(d.pmap)) {
    expect(d.processes.find((x) => x.name === p)?.state).toBe("alive");
    for (const r of rows) {
      expect(r.addr).toMatch(/^0x[0-9a-f]{16}$/);
      for (const k of ["kbytes", "rss", "anon", "locked"] as const) expect(typeof r[k]).toBe("number");
      expect(r.mode).toMatch(/^[r-][w-][x-][s-][R-]$/);
      expect(r.mapped).toBe(r.mapped.trim());
      expect(typeof r.segment).toBe("string");
    }
  }
  expect(typeof d.text["swap-s"]).toBe("string");
  expect(Object.keys(d.text["pmap-x"]).sort()).toEqual(Object.keys(d.pmap).sort());
}

describe("the JSON document (scenario-format.md §3)", () => {
  const busy = (): Sim => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 8");
    s.do("spawn P1\nP1 mmap buf /dev/zero 8 rw private\nP1 write buf 0-7\nP1 munmap buf 2-5");
    s.do(
      "P1 mmap f /data/f 4 rw private\nP1 read f 0-1\nP1 write f 0\nP1 mmap sh anon 2 rw shared\nP1 write sh 0",
    );
    s.do(
      "P1 fork P2\nP2 write buf 7\nP2 read f 1\npageout P1 buf 0\nP1 mprotect buf r 6-7\nP2 exit\nP1 write nowhere 0",
    );
    return s;
  };

  it("every field is there with the right type", () => {
    const d = busy().doc();
    checkShape(d);
    expect(d.arch).toBe("x86");
    expect(d.pageSize).toBe(4096);
    expect(d.steps.length).toBe(16);
    expect(d.steps[0]).toMatchObject({ n: 1, line: 3, text: "spawn P1", result: "ok" });
    expect(d.steps.at(-1)).toMatchObject({ text: "P1 write nowhere 0", result: "EINVAL" });
  });

  it("segments: name, first, base, source, offset, amp and one slot per page", () => {
    const d = busy().doc();
    const p1 = d.processes.find((p) => p.name === "P1")!;
    expect(p1.segments.map((g) => [g.name, g.first, g.pages, g.source, g.offset, g.share])).toEqual([
      ["text", 0, 4, "/usr/bin/demo", 0, "private"],
      ["data", 0, 2, "/usr/bin/demo", 4, "private"],
      ["heap", 0, 4, "heap", 0, "private"],
      ["sh", 0, 2, "anon", 0, "shared"],
      ["f", 0, 4, "/data/f", 0, "private"],
      ["buf", 0, 2, "/dev/zero", 0, "private"],
      ["buf", 6, 2, "/dev/zero", 0, "private"],
      ["stack", 0, 2, "stack", 0, "private"],
    ]);
    const [low, high] = p1.segments.filter((g) => g.name === "buf");
    expect(high!.prot).toBe("r");
    // anon:1 is the stack page exec wrote; buf's pages are anon:2 onwards.
    expect(low!.slots[0]).toEqual({ anon: "anon:2", frame: null, hat: null }); // paged out
    expect(low!.slots[1]!.hat).toBe("r"); // write-protected by the fork
    expect(p1.segments.find((g) => g.name === "f")!.slots[1]!.hat).toBe("r"); // the file page
    expect(d.processes.find((p) => p.name === "P2")).toEqual({
      name: "P2",
      pid: 102,
      state: "exited",
      segments: [],
    });
  });

  it("slots[].frame is the page P's own translation points at", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap buf /dev/zero 2 rw private\nP1 write buf 0-1\nP1 fork P2\nP2 read buf 0");
    const d = s.doc();
    const slots = (p: string) => d.processes.find((x) => x.name === p)!.segments[0]!.slots;
    const frame = d.anons.find((a) => a.id === "anon:1")!.frame;
    expect(slots("P1")[0]).toEqual({ anon: "anon:1", frame, hat: "r" });
    expect(slots("P2")[0]).toEqual({ anon: "anon:1", frame, hat: "r" });
    expect(slots("P2")[1]).toEqual({ anon: "anon:2", frame: null, hat: null });
  });

  it("anonMaps, anons and frames agree with the state", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=2000");
    s.do(
      "spawn P1 empty\nP1 mmap big /dev/zero 600 rw private\nP1 write big 550\nP1 fork P2\npageout P1 big 550 reuse",
    );
    const d = s.doc();
    expect(d.anonMaps).toEqual([
      { id: "amp:1", refcnt: 1, pages: 600, slots: 1024, levels: 2, chunks: 1 },
      { id: "amp:2", refcnt: 1, pages: 600, slots: 1024, levels: 2, chunks: 1 },
    ]);
    expect(d.anons).toEqual([{ id: "anon:1", refcnt: 2, swapfsOffset: 4096, swapSlot: 1, frame: null }]);
    expect(d.frames).toEqual([]);
    expect(d.swap).toEqual({
      reservedPages: 1199,
      allocatedPages: 1,
      usedPages: 1200,
      // swapfs_minfree: min(512 MiB, 1000/8), raised to swapfs_desfree (896) at swapadd
      availablePages: 1999 - 1200 + (1000 - 896),
      deviceSlots: 1999,
      deviceSlotsUsed: 1,
    });
  });

  it("frames[].cached: a file page nobody maps after a private COW; a page in use is not", () => {
    const s = new Sim("machine arch=x86 ram=1000 swap=1000\nfile /data/f 8");
    s.do("spawn P1 empty\nP1 mmap f /data/f 4 rw private\nP1 read f 0-1\nP1 write f 1");
    const d = s.doc();
    const files = d.frames.filter((f) => f.vnode === "/data/f").map((f) => [f.offset, f.cached]);
    expect(files).toEqual([
      [0, false],
      [4096, true],
    ]);
    expect(d.frames.filter((f) => f.vnode === "swapfs")).toEqual([
      expect.objectContaining({ offset: 4096, cached: false }),
    ]);
  });

  it("pmap rows: sizes in KB, 0 where pmap prints '-', anon 0 for shared, mapped without blanks", () => {
    const s = new Sim();
    s.do("spawn P1 empty\nP1 mmap sh /dev/zero 2 rw shared\nP1 write sh 0-1");
    expect(s.doc().pmap).toEqual({
      P1: [
        {
          addr: "0xfffffd7fff3f0000",
          kbytes: 8,
          rss: 8,
          anon: 0,
          locked: 0,
          mode: "rw-s-",
          mapped: "[ anon ]",
          segment: "sh",
        },
      ],
    });
  });

  it("ids are never reused in a run, and one id names one object", () => {
    const s = new Sim("machine arch=x86 ram=24 swap=64\nfile /data/f 8");
    const seen = new Map<string, number>(); // id → last step where it was present
    const gone = new Set<string>();
    const lines = [
      "spawn P1 empty",
      "P1 mmap a /dev/zero 12 rw private",
      "P1 write a 0-11",
      "P1 fork P2",
      "P2 write a 0-5",
      "P1 munmap a 3-8",
      "P1 mmap f /data/f 8 rw private",
      "P1 read f 0-7",
      "P1 write f 0-3",
      "P2 exit",
      "P1 mmap b /dev/zero 12 rw private",
      "P1 write b 0-11",
      "pageout P1 b 0-3",
      "P1 read b 0-3",
      "P1 munmap a",
      "P1 fork P3",
      "P3 write b 4-7",
    ];
    for (const [n, line] of lines.entries()) {
      s.do(line);
      const d = s.doc();
      const ids = [...d.anonMaps.map((x) => x.id), ...d.anons.map((x) => x.id), ...d.frames.map((x) => x.id)];
      expect(new Set(ids).size, line).toBe(ids.length);
      for (const id of ids) {
        expect(gone.has(id), `${id} reappears at "${line}"`).toBe(false);
        seen.set(id, n);
      }
      for (const [id, last] of seen) if (last < n) gone.add(id);
    }
    expect(gone.size).toBeGreaterThan(20);
  });

  it("where a step stops with a signal or an errno, the last event says why", () => {
    const s = new Sim("machine arch=x86 ram=16 swap=4");
    const cases: [string, string, RegExp][] = [
      ["spawn P1 empty", "ok", /./],
      ["P1 mmap a /dev/zero 3 rw private", "ok", /./],
      ["P1 mmap b /dev/zero 1 rw private", "EAGAIN", /EAGAIN/],
      ["P1 mmap a /dev/zero 1 rw private", "EINVAL", /EINVAL/],
      ["P1 mmap ro /dev/zero 1 r private noreserve", "ok", /./],
      ["P1 write ro 0", "SIGSEGV", /SIGSEGV/],
      ["P1 read ro 0", "SIGBUS", /SIGBUS/],
      ["P1 write a 0", "ok", /./],
      ["P1 fork P2", "ENOMEM", /ENOMEM/],
      ["P1 munmap a 1", "ok", /./],
      ["P1 read a 1", "SIGSEGV", /SIGSEGV/],
    ];
    for (const [line, result, why] of cases) {
      const r = s.do(line);
      expect(r.result, line).toBe(result);
      expect(r.events.at(-1)!.say, line).toMatch(why);
    }
  });
});
