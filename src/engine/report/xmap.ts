import { anon_get_ptr } from "../anon_hdr";
import { hat_get } from "../hat";
import { page_lookup_file } from "../page";
import { segPageProt } from "../segs";
import { PROT_EXEC, PROT_READ, PROT_WRITE, type Proc, type Seg, type VmState } from "../types";

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
  return `${r.prot & PROT_READ ? "r" : "-"}${r.prot & PROT_WRITE ? "w" : "-"}${r.prot & PROT_EXEC ? "x" : "-"}${r.shared ? "s" : "-"}${r.noreserve ? "R" : "-"}`;
}

function mappedName(st: VmState, p: Proc, s: Seg, vpn: number, pages: number): string {
  if (s.vp >= 0) {
    const path = st.files[s.vp]!.path;
    return path.slice(path.lastIndexOf("/") + 1);
  }
  const overlaps = (lo: number, n: number): boolean => n > 0 && vpn < lo + n && lo < vpn + pages;
  if (overlaps(p.usrstack - p.stksize, p.stksize)) return "[ stack ]";
  if (p.brkbase >= 0 && overlaps(p.brkbase, p.brksize)) return "[ heap ]";
  return "[ anon ]";
}

/** segvn_incore for one page: 0, or bit 1 = INCORE, bit 2 = ANON. */
function incore(st: VmState, p: Proc, s: Seg, i: number): number {
  if (!s.amp && s.vp < 0) return 0;
  let ret = 0;
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  const ap = amp ? anon_get_ptr(amp.ahp, s.anon_index + i, st.a.anonChunkSize) : 0;
  if (ap && st.anon.an_page[ap]) {
    ret = 1;
    const t = hat_get(p, s.base + i);
    if (t && t.prot & PROT_WRITE) ret |= 2;
  }
  if (!(ret & 1) && s.vp >= 0 && page_lookup_file(st, s.vp, s.offset + i)) ret |= 1;
  return ret;
}

/** prgetxmap: one row per run of equal protection inside each segment. */
export function prgetxmap(st: VmState, p: Proc): XmapRow[] {
  const rows: XmapRow[] = [];
  const ps = st.a.pageSize;
  for (const s of p.segs) {
    let start = 0;
    while (start < s.pages) {
      const prot = segPageProt(s, start);
      let end = start + 1;
      if (s.pageprot) while (end < s.pages && segPageProt(s, end) === prot) end++;
      else end = s.pages;
      let rss = 0;
      let anon = 0;
      if (s.amp || s.vp >= 0)
        for (let i = start; i < end; i++) {
          const r = incore(st, p, s, i);
          if (r & 1) rss++;
          if (r & 2) anon++;
        }
      rows.push({
        vpn: s.base + start,
        pages: end - start,
        offset: (s.offset + start) * ps,
        rss,
        anon,
        prot,
        shared: s.shared,
        noreserve: s.noreserve,
        mapped: mappedName(st, p, s, s.base + start, end - start),
        segment: s.name,
      });
      start = end;
    }
  }
  return rows;
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
