import type { AnonDoc, FrameDoc, SegmentDoc, SlotDoc, SwapDoc, VmDoc } from "../../contract/doc";
import { hexAddr } from "../arch";
import { anon_get_ptr, chunkCount } from "../anon_hdr";
import { hat_get } from "../hat";
import type { StepRecord } from "../run";
import { protName, segGrantedProt } from "../segs";
import { deviceUsable, swapFigures } from "../swap";
import type { PmapLine, SwapFigures } from "../../contract/doc";
import { P_ANON, P_FILE, type Proc, type Seg, type VmState } from "../types";
import { pmapLines, pmapText, swapLText, swapSText } from "./text";
import { mergeXmap, prgetxmap } from "./xmap";

/**
 * The JSON document of scenario-format.md §3 ("anonscope/1"): a contract other tools read,
 * so every field keeps the name the spec gives it.
 */

const id = (kind: string, n: number): string | null => (n ? `${kind}:${n}` : null);

function sourceOf(st: VmState, s: Seg): string {
  if (s.vp >= 0) return st.files[s.vp]!.path;
  return s.source === "zero" ? "/dev/zero" : s.source === "anon" ? "anon" : s.source;
}

/** A segment's record; `slotCount` (all of them by default) slots from its first page. */
export function segmentDoc(st: VmState, p: Proc, s: Seg, slotCount = s.pages): SegmentDoc {
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  const n = Math.min(s.pages, slotCount);
  const slots: SlotDoc[] = new Array<SlotDoc>(n);
  const prot = segGrantedProt(s);
  for (let i = 0; i < n; i++) {
    const ap = amp ? anon_get_ptr(amp.ahp, s.anon_index + i, st.a.anonChunkSize) : 0;
    const t = hat_get(p, s.base + i);
    slots[i] = { anon: id("anon", ap), frame: t ? id("pp", t.page) : null, hat: t ? protName(t.prot) : null };
  }
  return {
    name: s.name,
    first: s.first,
    base: hexAddr(s.base, st.a),
    pages: s.pages,
    prot: protName(prot),
    share: s.shared ? "shared" : "private",
    noreserve: s.noreserve,
    source: sourceOf(st, s),
    offset: s.vp >= 0 ? s.offset : 0,
    amp: amp ? `amp:${amp.id}` : null,
    slots,
  };
}

export function pmapOf(st: VmState, p: Proc): PmapLine[] {
  return pmapLines(mergeXmap(prgetxmap(st, p), st.a.pageSize), st.a.pageSize, st.a.pageShift);
}

/** swap -s and swap -l's figures in pages, as the JSON document reports them. */
export function swapDocOf(st: VmState, f: SwapFigures = swapFigures(st)): SwapDoc {
  const usable = deviceUsable(st);
  return {
    reservedPages: f.reserved,
    allocatedPages: f.allocated,
    usedPages: f.used,
    availablePages: f.available,
    // swap=0 or 1: no device at all (usable is −1)
    deviceSlots: Math.max(0, usable),
    deviceSlotsUsed: Math.max(0, usable - st.swap.nfree),
  };
}

export function buildDoc(st: VmState, steps: StepRecord[]): VmDoc {
  const an = st.anon;
  const anons: AnonDoc[] = [];
  for (let ap = 1; ap < an.next; ap++) {
    if (an.an_refcnt[ap]! <= 0) continue;
    anons.push({
      id: `anon:${ap}`,
      refcnt: an.an_refcnt[ap]!,
      swapfsOffset: ap * st.a.pageSize,
      swapSlot: an.an_pslot[ap] ? an.an_pslot[ap]! : null,
      frame: id("pp", an.an_page[ap]!),
    });
  }
  const pg = st.page;
  const frames: FrameDoc[] = [];
  for (let i = 1; i < pg.next; i++) {
    if (pg.kind[i] === P_ANON)
      frames.push({
        id: `pp:${i}`,
        vnode: "swapfs",
        offset: pg.owner[i]! * st.a.pageSize,
        cached: pg.cached[i] === 1,
        pfn: pg.pfn[i]!,
      });
    else if (pg.kind[i] === P_FILE)
      frames.push({
        id: `pp:${i}`,
        vnode: st.files[pg.owner[i]!]!.path,
        offset: pg.index[i]! * st.a.pageSize,
        cached: pg.cached[i] === 1,
        pfn: pg.pfn[i]!,
      });
  }
  const f = swapFigures(st);
  const { pmap, text } = reportText(st);
  return {
    format: "anonscope/1",
    arch: st.a.arch,
    pageSize: st.a.pageSize,
    steps: steps.map((s) => ({
      n: s.n,
      line: s.line,
      text: s.text,
      result: s.result,
      events: s.events.map((e) =>
        e.refs
          ? { fn: e.fn, src: e.src, say: e.say, depth: e.depth, refs: e.refs }
          : { fn: e.fn, src: e.src, say: e.say, depth: e.depth },
      ),
    })),
    processes: st.procs.map((p) => ({
      name: p.name,
      pid: p.pid,
      state: p.alive ? "alive" : "exited",
      segments: p.alive ? p.segs.map((s) => segmentDoc(st, p, s)) : [],
    })),
    anonMaps: [...st.amps.values()]
      .sort((a, b) => a.id - b.id)
      .map((m) => ({
        id: `amp:${m.id}`,
        refcnt: m.refcnt,
        pages: m.size,
        slots: m.ahp.size,
        levels: m.ahp.levels,
        chunks: chunkCount(m.ahp),
      })),
    anons,
    frames,
    swap: swapDocOf(st, f),
    pmap,
    text,
  };
}

/**
 * How many records buildDoc would write: a slot per mapped page of every live process, an anon
 * struct per live anon, a page_t per page with a name. The CLI refuses --json past a limit.
 */
export function docRecords(st: VmState): number {
  let n = st.anon.live;
  for (const p of st.procs) if (p.alive) for (const s of p.segs) n += s.pages;
  for (let i = 1; i < st.page.next; i++) if (st.page.kind[i] === P_ANON || st.page.kind[i] === P_FILE) n++;
  return n;
}

/**
 * Just the tools' output (`pmap -x` of every live process, `swap -s`, `swap -l`): what the CLI
 * prints without --json, with no per-page slot list (a huge mapping costs nothing here).
 */
export function reportText(st: VmState): { pmap: Record<string, PmapLine[]>; text: VmDoc["text"] } {
  const pmap: Record<string, PmapLine[]> = {};
  const pmapX: Record<string, string> = {};
  for (const p of st.procs) {
    if (!p.alive) continue;
    const lines = pmapOf(st, p);
    pmap[p.name] = lines;
    pmapX[p.name] = pmapText(p.pid, p.psargs, lines);
  }
  return {
    pmap,
    text: {
      "swap-s": swapSText(swapFigures(st), st.a.pageSize),
      "swap-l": swapLText(deviceUsable(st), st.swap.nfree, st.a.pageSize),
      "pmap-x": pmapX,
    },
  };
}
