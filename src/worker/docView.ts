import type { DocView, FigureRow, FigureSlot } from "../contract/docView";
/**
 * What the browser's documents show (the Tables view, the printable view, Copy pmap -x and
 * swap -s, the text downloads), built in the worker with a cap on every list, so its size never
 * grows with the state: at most `rows` rows a table, a few hundred lines of tool text per
 * process, a small figure. The whole JSON document (scenario-format.md §3: one object per
 * mapped page) is what the CLI's --json writes, and the browser never builds it: a 16M-page
 * mapping forked is 33 million records.
 */
import { anon_get_ptr } from "../engine/anon_hdr";
import { docRecords, reportText, segmentDoc, swapDocOf } from "../engine/report/doc";
import { forEachRun } from "../engine/seg_runs";
import { hat_get } from "../engine/hat";
import { protName } from "../engine/segs";
import { P_ANON, P_FILE, type VmState } from "../engine/types";

/** Segments up to this many pages list every slot; bigger ones list the slots in use only. */
export const ALL_SLOTS_MAX = 64;
/** At most this many rows in one table (the rest are counted): a few thousand rows stay quick. */
export const ROWS_MAX = 2000;
/** The figure: most segments drawn, biggest segment drawn. */
const FIGURE_SEGS = 8;
const FIGURE_PAGES = 64;

const fmt = (n: number): string => n.toLocaleString("en-US");
const notListed = (n: number, what: string): string =>
  n > 0 ? `${fmt(n)} more ${what} are not listed.` : "";
const hex = (n: number): string => `0x${n.toString(16)}`;
const dash = (s: string | null | undefined): string => (s === null || s === undefined || s === "" ? "—" : s);

/** Rows collected up to a cap; past it only counted. */
class Capped {
  readonly rows: string[][] = [];
  left = 0;
  constructor(private readonly cap: number) {}
  /** Whether another row is wanted (else it is counted as left out). */
  want(): boolean {
    if (this.rows.length < this.cap) return true;
    this.left++;
    return false;
  }
}

export function buildDocView(st: VmState, rows = ROWS_MAX): DocView {
  const ps = st.a.pageSize;
  const kb = (pages: number): string => `${fmt((pages * ps) / 1024)}k`;
  const alive = st.procs.filter((p) => p.alive);
  const an = st.anon;

  const segs = new Capped(rows);
  const slots = new Capped(rows);
  const figure: FigureRow[] = [];
  let figureMore = 0;
  let bigSegs = false;
  for (const p of alive)
    for (const s of p.segs) {
      const head = segmentDoc(st, p, s, 0);
      if (segs.want())
        segs.rows.push([
          p.name,
          String(p.pid),
          head.name,
          `${head.first}–${head.first + head.pages - 1}`,
          head.base,
          String(head.pages),
          head.prot,
          head.share,
          head.source,
          dash(head.amp),
        ]);
      const slotRow = (i: number, ap: number, pp: number, prot: number): void => {
        if (!slots.want()) return;
        slots.rows.push([
          p.name,
          s.name,
          String(s.first + i),
          ap ? `anon:${ap}` : "NULL",
          ap ? String(an.an_refcnt[ap]) : "—",
          prot ? `pp:${pp}` : "—",
          prot ? protName(prot) : "—",
        ]);
      };
      if (s.pages <= ALL_SLOTS_MAX) {
        const amp = s.amp ? st.amps.get(s.amp) : undefined;
        for (let i = 0; i < s.pages; i++) {
          const ap = amp ? anon_get_ptr(amp.ahp, s.anon_index + i, st.a.anonChunkSize) : 0;
          const t = hat_get(p, s.base + i);
          slotRow(i, ap, t?.page ?? 0, t?.prot ?? 0);
        }
      } else {
        bigSegs = true;
        // a chunk and a page table at a time: an untouched stretch costs nothing
        forEachRun(st, p, s, 0, s.pages, (r) => {
          if (!r.slots && !r.hat) return;
          for (let k = 0; k < r.len; k++) {
            const ap = r.slots ? r.slots[r.soff + k]! : 0;
            const prot = r.hat ? r.hat.prot[r.j0 + k]! : 0;
            if (ap || prot) slotRow(r.i + k, ap, prot ? r.hat!.page[r.j0 + k]! : 0, prot);
          }
        });
      }
      if (!s.amp || s.pages > FIGURE_PAGES) continue;
      if (figure.length >= FIGURE_SEGS) {
        figureMore++;
        continue;
      }
      const amp = st.amps.get(s.amp)!;
      const cells: FigureSlot[] = [];
      for (let i = 0; i < s.pages; i++) {
        const ap = anon_get_ptr(amp.ahp, s.anon_index + i, st.a.anonChunkSize);
        cells.push({
          anon: ap,
          refcnt: ap ? an.an_refcnt[ap]! : 0,
          swapped: ap > 0 && !an.an_page[ap] && an.an_pslot[ap]! > 0,
        });
      }
      figure.push({ label: `${p.name} ${s.name}`, first: s.first, slots: cells });
    }

  const anons = new Capped(rows);
  for (let ap = 1; ap < an.next; ap++) {
    if (an.an_refcnt[ap]! <= 0 || !anons.want()) continue;
    const slot = an.an_pslot[ap]!;
    const pp = an.an_page[ap]!;
    anons.rows.push([
      `anon:${ap}`,
      String(an.an_refcnt[ap]),
      `(swapfs, ${hex(ap * ps)})`,
      pp ? `pp:${pp}` : "—",
      slot ? String(slot) : "—",
    ]);
  }

  const pg = st.page;
  const frames = new Capped(rows);
  for (let i = 1; i < pg.next; i++) {
    const kind = pg.kind[i];
    if ((kind !== P_ANON && kind !== P_FILE) || !frames.want()) continue;
    const file = kind === P_FILE;
    frames.rows.push([
      `pp:${i}`,
      String(pg.pfn[i]),
      file ? st.files[pg.owner[i]!]!.path : "swapfs",
      hex((file ? pg.index[i]! : pg.owner[i]!) * ps),
      file && pg.mapping[i] === 0 ? "cached (unmapped)" : "in use",
    ]);
  }

  const w = swapDocOf(st);
  const swap = [
    ["allocated", String(w.allocatedPages), kb(w.allocatedPages)],
    ["reserved", String(w.reservedPages), kb(w.reservedPages)],
    ["used", String(w.usedPages), kb(w.usedPages)],
    ["available", String(w.availablePages), kb(w.availablePages)],
    ["device slots in use", String(w.deviceSlotsUsed), `of ${fmt(w.deviceSlots)}`],
  ];
  const note = (...parts: string[]): { note?: string } => {
    const s = parts.filter(Boolean).join(" ");
    return s ? { note: s } : {};
  };

  const text = reportText(st).text;
  return {
    tables: [
      {
        id: "segments",
        caption: "Processes and segments",
        head: ["process", "pid", "segment", "pages", "base", "size", "prot", "share", "source", "anon_map"],
        rows: segs.rows,
        ...note(notListed(segs.left, "segments")),
      },
      {
        id: "slots",
        caption: "Anon slots (anon_hdr), with each anon's an_refcnt",
        head: ["process", "segment", "page", "anon", "an_refcnt", "translation to", "prot"],
        rows: slots.rows,
        ...note(
          bigSegs ? `Segments over ${ALL_SLOTS_MAX} pages list only the slots in use.` : "",
          notListed(slots.left, "slots"),
        ),
      },
      {
        id: "anons",
        caption: "Anon structs",
        head: ["anon", "an_refcnt", "swapfs name", "page", "swap slot"],
        rows: anons.rows,
        ...note(notListed(anons.left, "anons")),
      },
      {
        id: "frames",
        caption: "Page frames (page_t)",
        head: ["page", "pfn", "vnode", "offset", "state"],
        rows: frames.rows,
        ...note(notListed(frames.left, "pages")),
      },
      {
        id: "swap",
        caption: "Swap (swap -s, in pages and KB)",
        head: ["figure", "pages", "size"],
        rows: swap,
      },
    ],
    tools: {
      pmap: alive.map((p) => ({ pid: p.pid, text: text["pmap-x"][p.name] ?? "" })),
      swapS: text["swap-s"],
    },
    figure: { rows: figure, more: figureMore },
    records: docRecords(st),
  };
}
