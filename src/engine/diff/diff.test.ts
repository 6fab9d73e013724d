import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cloneState } from "../state";
import { initialState, runStep } from "../run";
import { parse } from "../test-util";
import type { VmState } from "../types";
import { diffStates } from "./index";
import { type Change } from "../../contract/change";

/** The state after each step of a scenario: states[0] before the first step. */
function statesOf(text: string): VmState[] {
  const sc = parse(text);
  const st = initialState(sc);
  const out = [cloneState(st)];
  sc.steps.forEach((s, i) => {
    runStep(st, s, i + 1);
    out.push(cloneState(st));
  });
  return out;
}

const texts = (cs: readonly Change[]): string[] => cs.map((c) => c.text);
const one = (cs: readonly Change[], re: RegExp): Change => {
  const hits = cs.filter((c) => re.test(c.text));
  expect(hits, `one item like ${re} in:\n${texts(cs).join("\n")}`).toHaveLength(1);
  return hits[0]!;
};

const COW = `machine arch=x86 ram=16m swap=16m
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 write buf 0-3
P1 fork P2
P2 write buf 1
P2 exit`;

describe("diffStates: what changed between two states", () => {
  const s = statesOf(COW);

  it("says nothing when nothing changed", () => {
    expect(diffStates(s[4]!, s[4]!)).toEqual({ items: [], folded: 0 });
  });

  it("a copy-on-write write: the slot re-pointed, the old anon's count down, a new anon and page, swap -s and pmap", () => {
    const d = diffStates(s[4]!, s[5]!).items;
    // the child's slot goes from the shared anon to a new one
    const slot = one(d, /^P2 buf\[1\] → anon:\d+ \(was anon:\d+\)$/);
    const [, fresh, old] = /anon:(\d+) \(was anon:(\d+)\)/.exec(slot.text)!.map(Number);
    expect(slot.refs).toMatchObject({ proc: "P2", seg: "buf", page: 1, anon: fresh });
    // the old one is held by P1 alone now; the new one is made with a count of 1 under its swapfs name
    one(d, new RegExp(`^an_refcnt anon:${old} 2→1$`));
    one(
      d,
      new RegExp(`^anon:${fresh} created \\(an_refcnt 1, swapfs, 0x${(fresh! * 4096).toString(16)}\\)$`),
    );
    // its page, and P2's translation to it, writable
    const page = one(
      d,
      new RegExp(`^pp:\\d+ \\(swapfs, 0x${(fresh! * 4096).toString(16)}\\) created in frame \\d+$`),
    );
    one(d, new RegExp(`^P2 buf\\[1\\] translation → pp:${page.refs.frame} rw$`));
    // the new anon uses a page P2 reserved at fork: reserved → allocated
    one(d, /^swap -s: 4k moved from reserved to allocated$/);
    expect(d.some((c) => /^swap -s (used|available)/.test(c.text))).toBe(false);
    // P2 now maps one anon page writable: pmap's Anon column
    one(d, /^pmap P2 buf .*Anon 0k→4k$/);
    // nothing about P1's slots
    expect(d.filter((c) => c.text.startsWith("P1 "))).toEqual([]);
    // the order: slots, counts, anons, pages, translations, swap -s, pmap
    const kinds = d.map((c) => c.kind);
    expect(kinds.indexOf("slot")).toBeLessThan(kinds.indexOf("refcnt"));
    expect(kinds.lastIndexOf("hat")).toBeLessThan(kinds.indexOf("swap"));
    expect(kinds.at(-1)).toBe("pmap");
  });

  it("an exit: the process goes, its anons are released, nothing listed segment by segment", () => {
    const d = diffStates(s[5]!, s[6]!).items;
    one(d, /^P2 exited/);
    expect(d.filter((c) => c.kind === "seg" || c.kind === "slot" || c.kind === "hat")).toEqual([]);
    // P2's copy had only P2: freed; the three still shared drop to 1
    expect(d.filter((c) => /^anon:\d+ freed$/.test(c.text))).toHaveLength(1);
    expect(d.filter((c) => /^an_refcnt anon:\d+ 2→1$/.test(c.text))).toHaveLength(3);
  });

  it("a fork: the child, its segments, its slots pointing at the parent's anons, every count up", () => {
    const d = diffStates(s[3]!, s[4]!).items;
    one(d, /^P2 created \(pid \d+\)$/);
    one(d, /^P2 buf mapped \(4 pages from page 0, rw\)$/);
    // the parent loses write on its pages: the next write of either process faults
    expect(d.filter((c) => /^P1 buf\[\d\] translation to pp:\d+ rw→r$/.test(c.text))).toHaveLength(4);
    expect(d.filter((c) => /^P2 buf\[\d\] → anon:\d+$/.test(c.text))).toHaveLength(4);
    expect(d.filter((c) => /^an_refcnt anon:\d+ 1→2$/.test(c.text))).toHaveLength(4);
    // fork reserves the child's copy: used goes up by 4 pages
    one(d, /^swap -s used \d+k→\d+k$/);
  });

  it("folds a large change: a 4,096-page fork is a few lines a kind, with the count", () => {
    const big = statesOf(`machine arch=x86 ram=64m swap=64m
spawn P1 empty
P1 mmap buf /dev/zero 4096 rw private
P1 write buf 0-4095
P1 fork P2`);
    const d = diffStates(big[3]!, big[4]!, 6);
    const slots = d.items.filter((c) => c.kind === "slot");
    expect(slots).toHaveLength(6);
    expect(slots.at(-1)!.text).toBe("P2 buf: 4,091 more slots changed");
    one(d.items, /^an_refcnt changed on 4,091 more anons$/);
    expect(d.folded).toBeGreaterThanOrEqual(4091 * 2);
    expect(d.items.length).toBeLessThan(40);
  });

  it("pageout to the cachelist, and a reclaim from it", () => {
    const p = statesOf(`machine arch=x86 ram=16m swap=16m
spawn P1 empty
P1 mmap buf /dev/zero 2 rw private
P1 write buf 0-1
pageout P1 buf 0
P1 read buf 0`);
    const out = diffStates(p[3]!, p[4]!).items;
    one(out, /^anon:\d+ on swap slot \d+$/);
    one(out, /^pp:\d+ \(swapfs, 0x[0-9a-f]+\) freed to the cachelist \(keeps its name\)$/);
    one(out, /^P1 buf\[0\] translation unloaded \(was pp:\d+ rw\)$/);
    // the slot on the device: swap -l's free column, not swap -s
    one(out, /^swap -l free [\d,]+→[\d,]+ slots \(written out: 1\)$/);
    expect(out.filter((c) => c.text.startsWith("swap -s"))).toEqual([]);
    const back = diffStates(p[4]!, p[5]!).items;
    one(back, /^pp:\d+ \(swapfs, 0x[0-9a-f]+\) reclaimed from the cachelist$/);
    // no new anon, no new page: the same page, under the same name
    expect(back.filter((c) => / created/.test(c.text))).toEqual([]);
  });

  it("a partial mprotect of untouched pages: only the per-page prots (vpage) change, and they are listed", () => {
    const m = statesOf(`machine arch=x86 ram=16m swap=16m
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 mprotect buf r 2-3
P1 mprotect buf rw 2
P1 mprotect buf rw`);
    // segvn_setprot builds the vpage array: no slot, translation or reservation changes
    expect(texts(diffStates(m[2]!, m[3]!).items)).toEqual(["P1 buf pages 2–3 prot rw→r (vpage)"]);
    expect(texts(diffStates(m[3]!, m[4]!).items)).toEqual(["P1 buf page 2 prot r→rw (vpage)"]);
    // the whole segment once more: page 3 is the only one whose prot moves
    expect(texts(diffStates(m[4]!, m[5]!).items)).toEqual(["P1 buf page 3 prot r→rw (vpage)"]);
  });

  it("every preset, step by step: the list is bounded, and what it names exists where it says", () => {
    const dir = new URL("../../scenarios/presets/", import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".vms") && !x.startsWith("9"))) {
      const st = statesOf(readFileSync(new URL(f, dir), "utf8"));
      for (let i = 1; i < st.length; i++) {
        const d = diffStates(st[i - 1]!, st[i]!);
        expect(d.items.length, `${f} step ${i}`).toBeLessThan(200);
        for (const c of d.items) {
          if (c.refs.anon)
            expect(st[i]!.anon.an_refcnt[c.refs.anon], `${f} step ${i}: ${c.text}`).toBeGreaterThan(0);
          if (c.refs.proc)
            expect(
              st[i]!.procs.some((p) => p.name === c.refs.proc),
              c.text,
            ).toBe(true);
        }
        // a state compared with itself has no differences
        expect(diffStates(st[i]!, st[i]!).items).toEqual([]);
      }
    }
  });
});
