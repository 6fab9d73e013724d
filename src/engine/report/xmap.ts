import { protText } from "../../contract/prot";
import { page_lookup_file } from "../page";
import { segPageProt } from "../segs";
import { forEachRun } from "../seg_runs";
import { PROT_WRITE, type Proc, type Seg, type VmState } from "../types";

/**
 * What /proc/<pid>/xmap reports (fs/proc/prsubr.c: prgetxmap) and what pmap -x prints from it
 * after merging (cmd/ptools/pmap/pmap.c: look_xmap_nopgsz), per anon-layer.md c.3.
 * RSS and Anon come from segvn_incore: RSS counts pages whose backing page exists; Anon counts
 * resident anon pages that this process maps writable right now.
 */

export interface XmapRow {
  /** first page (vpn) and size in pages */
  vpn: number;
  pages: number;
  /** byte offset into the object (svd->offset + delta), for pmap's merge rule */
  offset: number;
  rss: number;
  anon: number;
  prot: number;
  shared: boolean;
  noreserve: boolean;
  /** Mapped File text, without pmap's leading blanks: "[ anon ]", "demo" */
  mapped: string;
  segment: string;
}

export function modeString(r: XmapRow): string {
  return `${protText(r.prot, "dashes")}${r.shared ? "s" : "-"}${r.noreserve ? "R" : "-"}`;
}

/** pmap's Mapped File text for pages [vpn, vpn + pages) of segment s. */
export function mappedName(st: VmState, p: Proc, s: Seg, vpn: number, pages: number): string {
  if (s.vp >= 0) {
    const path = st.files[s.vp]!.path;
    return path.slice(path.lastIndexOf("/") + 1);
  }
  const overlaps = (lo: number, n: number): boolean => n > 0 && vpn < lo + n && lo < vpn + pages;
  if (overlaps(p.usrstack - p.stksize, p.stksize)) return "[ stack ]";
  if (p.brkbase >= 0 && overlaps(p.brkbase, p.brksize)) return "[ heap ]";
  return "[ anon ]";
}

/** What segvn_incore reports for a range of pages, summed: pmap's RSS and Anon in pages. */
export interface IncoreCounts {
  /** pages with INCORE set: the backing page exists (anon page, or else the file's page) */
  rss: number;
  /** pages with ANON set: a resident anon page this process maps writable */
  anon: number;
}

/**
 * segvn_incore over pages [from, from + n) of segment s, summed (NOTE mutates `out`). It reads
 * the anon_hdr one chunk and the HAT one page table at a time, straight from their typed
 * arrays, and skips a missing chunk whole: pmap of a 1 GiB process is a handful of tight loops,
 * not 262,144 lookups (pmap runs on every snapshot the browser draws).
 *
 * Per page: no amp and no vnode gives nothing; an anon slot whose page exists (page_exists,
 * cachelist included) is INCORE, and ANON too when this process's translation there allows
 * write (hat_getattr); otherwise a vnode page in the page cache at svd->offset + delta is
 * INCORE, whether or not this process maps it.
 */
export function segvn_incore(st: VmState, p: Proc, s: Seg, from: number, n: number, out: IncoreCounts): void {
  out.rss = 0;
  out.anon = 0;
  if (!s.amp && s.vp < 0) return;
  const an_page = st.anon.an_page;
  let rss = 0;
  let anon = 0;
  forEachRun(st, p, s, from, n, ({ i, len, slots, soff, hat, j0 }) => {
    // No chunk there: no slot is used, and without a vnode nothing else can be resident.
    if (!slots && s.vp < 0) return;
    const prot = hat?.prot;
    for (let k = 0; k < len; k++) {
      const ap = slots ? (slots[soff + k] ?? 0) : 0;
      if (ap && an_page[ap]) {
        rss++;
        if (prot && prot[j0 + k]! & PROT_WRITE) anon++;
      } else if (s.vp >= 0 && page_lookup_file(st, s.vp, s.offset + i + k)) rss++;
    }
  });
  out.rss = rss;
  out.anon = anon;
}

/**
 * prgetxmap: one row per run of equal protection inside each segment, walked only up to
 * pr_getsegsize (a file mapping stops at the end of its file; one wholly past it has no row),
 * and for a MAP_NORESERVE anonymous segment only over the pages segvn_incore finds backed
 * (pr_getprot's check_noreserve): one row per run of them, nothing for the others.
 */
export function prgetxmap(st: VmState, p: Proc): XmapRow[] {
  const rows: XmapRow[] = [];
  const ps = st.a.pageSize;
  const counts: IncoreCounts = { rss: 0, anon: 0 };
  for (const s of p.segs) {
    const end = pr_getsegsize(st, s);
    const noreserve = s.noreserve && s.vp < 0;
    const backed = noreserve ? backedPages(st, p, s, end) : null;
    let start = 0;
    while (start < end) {
      if (backed && !backed[start]) {
        start++;
        continue;
      }
      const prot = segPageProt(s, start);
      let stop = start + 1;
      if (s.pageprot || backed)
        while (stop < end && segPageProt(s, stop) === prot && (!backed || backed[stop])) stop++;
      else stop = end;
      segvn_incore(st, p, s, start, stop - start, counts);
      rows.push({
        vpn: s.base + start,
        pages: stop - start,
        offset: (s.offset + start) * ps,
        rss: counts.rss,
        anon: counts.anon,
        prot,
        shared: s.shared,
        noreserve: s.noreserve,
        mapped: mappedName(st, p, s, s.base + start, stop - start),
        segment: s.name,
      });
      start = stop;
    }
  }
  return rows;
}

/**
 * pr_getsegsize (fs/proc/prsubr.c) in pages: the segment's size, or for a mapping of a regular
 * file the part that lies inside the file (0 when its offset is past the end).
 */
function pr_getsegsize(st: VmState, s: Seg): number {
  if (s.vp < 0) return s.pages;
  return Math.min(s.pages, Math.max(0, st.files[s.vp]!.pages - s.offset));
}

/** Pages [0, end) of a MAP_NORESERVE anonymous segment that segvn_incore reports backed. */
function backedPages(st: VmState, p: Proc, s: Seg, end: number): Uint8Array {
  const out = new Uint8Array(end);
  const an_page = st.anon.an_page;
  forEachRun(st, p, s, 0, end, ({ i, len, slots, soff }) => {
    if (!slots) return;
    for (let k = 0; k < len; k++) {
      const ap = slots[soff + k] ?? 0;
      if (ap && an_page[ap]) out[i + k] = 1;
    }
  });
  return out;
}

/** pmap's merge: neighbours that touch, with equal flags and name and contiguous offsets. */
export function mergeXmap(rows: XmapRow[], pageSize: number): XmapRow[] {
  const out: XmapRow[] = [];
  for (const r of rows) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.vpn + prev.pages === r.vpn &&
      modeString(prev) === modeString(r) &&
      prev.mapped === r.mapped &&
      prev.offset + prev.pages * pageSize === r.offset
    ) {
      out[out.length - 1] = {
        ...prev,
        pages: prev.pages + r.pages,
        rss: prev.rss + r.rss,
        anon: prev.anon + r.anon,
      };
    } else out.push({ ...r });
  }
  return out;
}
