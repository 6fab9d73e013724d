import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../scenarios/parse";
import { anon_get_ptr } from "../anon_hdr";
import { hat_get } from "../hat";
import { page_lookup_file } from "../page";
import { initialState, runStep } from "../run";
import { PROT_WRITE, type Proc, type Seg, type VmState } from "../types";
import { prgetxmap, segvn_incore, type IncoreCounts } from "./xmap";

/**
 * segvn_incore reads the anon_hdr a chunk and the HAT a page table at a time. These tests hold
 * it to the straightforward reading, one page at a time through anon_get_ptr, hat_get and
 * page_lookup_file, on random states (two-level arrays with missing chunks, forks, pageouts,
 * file mappings, per-page protections, splits).
 */

/** segvn_incore for one page, the plain way: bit 1 INCORE, bit 2 ANON. */
function incorePage(st: VmState, p: Proc, s: Seg, i: number): number {
  if (!s.amp && s.vp < 0) return 0;
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  const ap = amp ? anon_get_ptr(amp.ahp, s.anon_index + i, st.a.anonChunkSize) : 0;
  let ret = 0;
  if (ap && st.anon.an_page[ap]) {
    ret = 1;
    const t = hat_get(p, s.base + i);
    if (t && t.prot & PROT_WRITE) ret |= 2;
  }
  if (!(ret & 1) && s.vp >= 0 && page_lookup_file(st, s.vp, s.offset + i)) ret |= 1;
  return ret;
}

function perPage(st: VmState, p: Proc, s: Seg, from: number, n: number): IncoreCounts {
  const c = { rss: 0, anon: 0 };
  for (let i = from; i < Math.min(s.pages, from + n); i++) {
    const r = incorePage(st, p, s, i);
    if (r & 1) c.rss++;
    if (r & 2) c.anon++;
  }
  return c;
}

const NAMES = ["a", "b", "c"];
const PROTS = ["rw", "r", "none", "rwx"];

/** One random statement, by index choices; the engine turns the nonsensical ones into errors. */
const statement = fc
  .record({
    kind: fc.nat(99),
    p: fc.nat(2),
    seg: fc.nat(2),
    from: fc.nat(1300),
    len: fc.nat(700),
    size: fc.constantFrom(3, 40, 513, 1100, 2100),
    src: fc.constantFrom("/dev/zero", "anon", "/data/f"),
    prot: fc.nat(3),
    shared: fc.boolean(),
    noreserve: fc.boolean(),
  })
  .map((r) => {
    const P = `P${r.p + 1}`;
    const S = NAMES[r.seg]!;
    const range = `${r.from}-${r.from + r.len}`;
    const k = r.kind;
    if (k < 12)
      return `${P} mmap ${S} ${r.src} ${r.src === "/data/f" ? Math.min(r.size, 2100) : r.size} ${r.prot === 2 ? "rw" : PROTS[r.prot]} ${r.shared ? "shared" : "private"}${r.noreserve ? " noreserve" : ""}`;
    if (k < 40) return `${P} write ${S} ${range}`;
    if (k < 55) return `${P} read ${S} ${range}`;
    if (k < 62) return `P1 fork P${r.p + 2}`;
    if (k < 72) return `pageout ${P} ${S} ${range}`;
    if (k < 80) return `${P} mprotect ${S} ${PROTS[r.prot]} ${range}`;
    if (k < 86) return `${P} munmap ${S} ${range}`;
    if (k < 90) return `${P} sbrk ${1 + (r.len % 9)}`;
    if (k < 94) return `${P} stack ${1 + (r.len % 9)}`;
    return `${P} exit`;
  });

function runText(lines: string[]): VmState {
  const text = ["machine arch=x86 ram=3000 swap=9000", "file /data/f 2100", "spawn P1", ...lines].join("\n");
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const st = initialState(parsed.scenario);
  parsed.scenario.steps.forEach((s, i) => runStep(st, s, i + 1));
  return st;
}

function compareAll(st: VmState, cuts: number[]): void {
  const out: IncoreCounts = { rss: 0, anon: 0 };
  for (const p of st.procs) {
    if (!p.alive) continue;
    for (const s of p.segs) {
      segvn_incore(st, p, s, 0, s.pages, out);
      expect(out, `${p.name} ${s.name} whole`).toEqual(perPage(st, p, s, 0, s.pages));
      for (let j = 0; j + 1 < cuts.length; j += 2) {
        const from = cuts[j]! % s.pages;
        const n = cuts[j + 1]! % (s.pages - from + 1);
        segvn_incore(st, p, s, from, n, out);
        expect(out, `${p.name} ${s.name} [${from}, +${n})`).toEqual(perPage(st, p, s, from, n));
      }
    }
    // prgetxmap's rows: one per run of equal protection, counted the same way.
    for (const r of prgetxmap(st, p)) {
      const s = p.segs.find((g) => r.vpn >= g.base && r.vpn < g.base + g.pages)!;
      expect({ rss: r.rss, anon: r.anon }).toEqual(perPage(st, p, s, r.vpn - s.base, r.pages));
    }
  }
}

describe("segvn_incore a chunk at a time", () => {
  it("matches the page-by-page reading on random states", () => {
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 3, maxLength: 30 }),
        fc.array(fc.nat(5000), { minLength: 8, maxLength: 8 }),
        (lines, cuts) => compareAll(runText(lines), cuts),
      ),
      { numRuns: 150, seed: 20261126 },
    );
  });

  it("skips a missing chunk but still counts file pages behind it", () => {
    const st = runText([
      "P1 mmap a /data/f 2000 rw private",
      "P1 read a 0-1999",
      "P1 write a 1500",
      "P1 fork P2",
      "P2 read a 10",
    ]);
    const p2 = st.procs[1]!;
    const a = p2.segs.find((s) => s.name === "a")!;
    const h = st.amps.get(a.amp)!.ahp;
    // chunk 2 (page 1500) came with anon_dup; P2's read of page 10 locked slot 10, which made
    // chunk 0 (anon-layer.md a.5); chunks 1 and 3 are missing
    expect([h.levels, h.chunks.filter(Boolean).length, h.chunks[1], h.chunks[3]]).toEqual([2, 2, null, null]);
    const out = { rss: 0, anon: 0 };
    segvn_incore(st, p2, a, 0, a.pages, out);
    // every file page is in the page cache; P2 maps nothing writable
    expect(out).toEqual({ rss: 2000, anon: 0 });
    expect(out).toEqual(perPage(st, p2, a, 0, a.pages));
  });
});
