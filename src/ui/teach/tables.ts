/**
 * The facts of the diagrams as rows, from the JSON document (scenario-format.md §3): processes
 * and segments, anon slots, anon structs, page frames and swap. Pure, so the table view, the
 * printable view and the text copy all say the same thing.
 */
import type { VmDoc } from "../../engine/report/doc";

export interface Table {
  readonly id: string;
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** a sentence about rows left out, if any */
  readonly note?: string;
}

/** Segments up to this many pages list every slot; bigger ones list the slots in use only. */
export const ALL_SLOTS_MAX = 64;
/** At most this many rows in one table (the rest are counted): a few thousand rows stay quick. */
export const ROWS_MAX = 2000;

const notListed = (n: number, what: string): string =>
  n > 0 ? `${n.toLocaleString("en-US")} more ${what} are not listed.` : "";

/** The first ROWS_MAX items as rows, and a note counting the rest. */
function firstRows<T>(
  items: readonly T[],
  row: (x: T) => string[],
  what: string,
): { rows: string[][]; note?: string } {
  const rows = items.slice(0, ROWS_MAX).map(row);
  const note = notListed(items.length - rows.length, what);
  return note ? { rows, note } : { rows };
}

const hex = (n: number): string => `0x${n.toString(16)}`;
const kb = (doc: VmDoc, pages: number): string =>
  `${((pages * doc.pageSize) / 1024).toLocaleString("en-US")}k`;
const dash = (s: string | null | undefined): string => (s === null || s === undefined || s === "" ? "—" : s);

export function docTables(doc: VmDoc): Table[] {
  const alive = doc.processes.filter((p) => p.state === "alive");
  const refcnt = new Map(doc.anons.map((a) => [a.id, a.refcnt]));

  const segs: string[][] = [];
  for (const p of alive)
    for (const s of p.segments)
      segs.push([
        p.name,
        String(p.pid),
        s.name,
        `${s.first}–${s.first + s.pages - 1}`,
        s.base,
        String(s.pages),
        s.prot,
        s.share,
        s.source,
        dash(s.amp),
      ]);

  const slots: string[][] = [];
  let left = 0;
  for (const p of alive)
    for (const s of p.segments) {
      const all = s.pages <= ALL_SLOTS_MAX;
      s.slots.forEach((sl, i) => {
        if (!all && !sl.anon && !sl.frame) return;
        if (slots.length >= ROWS_MAX) {
          left++;
          return;
        }
        slots.push([
          p.name,
          s.name,
          String(s.first + i),
          sl.anon ?? "NULL",
          sl.anon ? String(refcnt.get(sl.anon) ?? "?") : "—",
          dash(sl.frame),
          dash(sl.hat),
        ]);
      });
    }
  const bigSegs = alive.some((p) => p.segments.some((s) => s.pages > ALL_SLOTS_MAX));
  const slotNote = [
    bigSegs ? `Segments over ${ALL_SLOTS_MAX} pages list only the slots in use.` : "",
    notListed(left, "slots"),
  ]
    .filter(Boolean)
    .join(" ");

  const anons = firstRows(
    doc.anons,
    (a) => [
      a.id,
      String(a.refcnt),
      `(swapfs, ${hex(a.swapfsOffset)})`,
      dash(a.frame),
      a.swapSlot === null ? "—" : String(a.swapSlot),
    ],
    "anons",
  );

  const frames = firstRows(
    doc.frames,
    (f) => [f.id, String(f.pfn), f.vnode, hex(f.offset), f.cached ? "cached (unmapped)" : "in use"],
    "pages",
  );

  const w = doc.swap;
  const swap = [
    ["allocated", String(w.allocatedPages), kb(doc, w.allocatedPages)],
    ["reserved", String(w.reservedPages), kb(doc, w.reservedPages)],
    ["used", String(w.usedPages), kb(doc, w.usedPages)],
    ["available", String(w.availablePages), kb(doc, w.availablePages)],
    ["device slots in use", String(w.deviceSlotsUsed), `of ${w.deviceSlots.toLocaleString("en-US")}`],
  ];

  const out: Table[] = [
    {
      id: "segments",
      caption: "Processes and segments",
      head: ["process", "pid", "segment", "pages", "base", "size", "prot", "share", "source", "anon_map"],
      rows: segs,
    },
    {
      id: "slots",
      caption: "Anon slots (anon_hdr), with each anon's an_refcnt",
      head: ["process", "segment", "page", "anon", "an_refcnt", "translation to", "prot"],
      rows: slots,
      ...(slotNote ? { note: slotNote } : {}),
    },
    {
      id: "anons",
      caption: "Anon structs",
      head: ["anon", "an_refcnt", "swapfs name", "page", "swap slot"],
      ...anons,
    },
    {
      id: "frames",
      caption: "Page frames (page_t)",
      head: ["page", "pfn", "vnode", "offset", "state"],
      ...frames,
    },
    { id: "swap", caption: "Swap (swap -s, in pages and KB)", head: ["figure", "pages", "size"], rows: swap },
  ];
  return out;
}

/** A table as tab-separated text, for notes and spreadsheets. */
export function tableText(t: Table): string {
  return [`# ${t.caption}`, t.head.join("\t"), ...t.rows.map((r) => r.join("\t"))].join("\n") + "\n";
}
