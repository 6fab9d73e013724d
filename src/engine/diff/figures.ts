import { pmapOf } from "../report/doc";
import type { PmapLine } from "../../contract/doc";
import { swapFigures } from "../swap";
import type { VmState } from "../types";
import { kb, n } from "./change";
import { type Change } from "../../contract/change";

/**
 * What the tools would print differently: `swap -s`'s four figures and, per process and
 * segment, pmap -x's Kbytes, RSS and Anon (summed over the segment's rows).
 */
export function diffFigures(a: VmState, b: VmState): Change[] {
  return [...diffSwap(a, b), ...diffPmap(a, b)];
}

function diffSwap(a: VmState, b: VmState): Change[] {
  const fa = swapFigures(a);
  const fb = swapFigures(b);
  const ps = b.a.pageSize;
  const dAlloc = fb.allocated - fa.allocated;
  const dResv = fb.reserved - fa.reserved;
  const out: Change[] = [];
  // an anon made under an existing reservation: the page moves from one figure to the other
  if (dAlloc > 0 && dResv === -dAlloc)
    out.push({
      kind: "swap",
      text: `swap -s: ${kb(dAlloc, ps)} moved from reserved to allocated`,
      refs: {},
      fields: ["reserved", "allocated"],
    });
  else if (dAlloc < 0 && dResv === -dAlloc)
    out.push({
      kind: "swap",
      text: `swap -s: ${kb(-dAlloc, ps)} moved from allocated to reserved`,
      refs: {},
      fields: ["allocated", "reserved"],
    });
  else {
    if (dAlloc) out.push(figure("allocated", fa.allocated, fb.allocated, ps));
    if (dResv) out.push(figure("reserved", fa.reserved, fb.reserved, ps));
  }
  if (fa.used !== fb.used) out.push(figure("used", fa.used, fb.used, ps));
  if (fa.available !== fb.available) out.push(figure("available", fa.available, fb.available, ps));
  // the device's slots: swap -s does not see them, swap -l's free column does
  if (a.swap.nfree !== b.swap.nfree)
    out.push({
      kind: "swap",
      text: `swap -l free ${n(a.swap.nfree)}→${n(b.swap.nfree)} slots (${b.swap.nfree < a.swap.nfree ? "written out" : "freed"}: ${n(Math.abs(a.swap.nfree - b.swap.nfree))})`,
      refs: {},
      fields: ["free"],
    });
  return out;
}

const figure = (name: string, was: number, now: number, ps: number): Change => ({
  kind: "swap",
  text: `swap -s ${name} ${kb(was, ps)}→${kb(now, ps)}`,
  refs: {},
  fields: [name],
});

type Sums = Map<string, { kbytes: number; rss: number; anon: number }>;

function sums(rows: readonly PmapLine[]): Sums {
  const m: Sums = new Map();
  for (const r of rows) {
    if (!r.segment) continue;
    const s = m.get(r.segment) ?? { kbytes: 0, rss: 0, anon: 0 };
    s.kbytes += r.kbytes;
    s.rss += r.rss;
    s.anon += r.anon;
    m.set(r.segment, s);
  }
  return m;
}

function diffPmap(a: VmState, b: VmState): Change[] {
  const out: Change[] = [];
  for (const pb of b.procs) {
    if (!pb.alive) continue;
    const pa = a.procs.find((p) => p.name === pb.name && p.alive);
    const sa = pa ? sums(pmapOf(a, pa)) : (new Map() as Sums);
    const sb = sums(pmapOf(b, pb));
    for (const name of new Set([...sa.keys(), ...sb.keys()])) {
      const x = sa.get(name) ?? { kbytes: 0, rss: 0, anon: 0 };
      const y = sb.get(name) ?? { kbytes: 0, rss: 0, anon: 0 };
      const cols = (["kbytes", "rss", "anon"] as const).filter((k) => x[k] !== y[k]);
      const head = (k: (typeof cols)[number]) => (k === "kbytes" ? "Kbytes" : k === "rss" ? "RSS" : "Anon");
      if (cols.length)
        out.push({
          kind: "pmap",
          text: `pmap ${pb.name} ${name} ${cols.map((k) => `${head(k)} ${x[k]}k→${y[k]}k`).join(", ")}`,
          refs: { proc: pb.name, seg: name },
          fields: cols.map(head),
        });
    }
  }
  return out;
}
