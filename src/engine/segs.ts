import { protText } from "../contract/prot";
import { hexAddr } from "./arch";
import { PROT_EXEC, PROT_READ, PROT_WRITE, VPP_PROT, type Proc, type Seg, type VmState } from "./types";

/** Small lookups over a process's segments, shared by the operations. */

/** The segment containing vpn (as_segat), or undefined. */
export function segAt(p: Proc, vpn: number): Seg | undefined {
  // Binary search: segments are sorted by base and never overlap.
  let lo = 0;
  let hi = p.segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = p.segs[mid]!;
    if (vpn < s.base) hi = mid - 1;
    else if (vpn >= s.base + s.pages) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The page's protection: from vpage when per-page prots exist, else the segment's. */
export const segPageProt = (s: Seg, i: number): number =>
  s.vpage && s.pageprot ? s.vpage[i]! & VPP_PROT : s.prot;

/**
 * What the segment grants as a whole (the JSON's and the diagram's prot): with per-page prots,
 * the union over the pages it still has, since a munmap may have taken away those granting more.
 */
export function segGrantedProt(s: Seg): number {
  if (!s.pageprot) return s.prot;
  let prot = 0;
  for (let i = 0; i < s.pages; i++) prot |= segPageProt(s, i);
  return prot;
}

/** "rw", "none": contract/prot.ts spells protection for every layer. */
export const protName = (prot: number): string => protText(prot);

export function parseProt(r: boolean, w: boolean, x: boolean): number {
  return (r ? PROT_READ : 0) | (w ? PROT_WRITE : 0) | (x ? PROT_EXEC : 0);
}

export function segLabel(s: Seg, st: VmState): string {
  return `${s.name} [${hexAddr(s.base, st.a)}, ${s.pages} ${s.pages === 1 ? "page" : "pages"})`;
}

/** The pieces of mapping `name` in address order. */
export const piecesOf = (p: Proc, name: string): Seg[] => p.segs.filter((s) => s.name === name);

/** The virtual page of mapping page `n` of `name`: from any piece (holes included), or null. */
export function mappingVpn(p: Proc, name: string, n: number): number | null {
  const s = piecesOf(p, name)[0];
  return s ? s.base + (n - s.first) : null;
}

export function insertSeg(p: Proc, s: Seg): void {
  let i = p.segs.length;
  while (i > 0 && p.segs[i - 1]!.base > s.base) i--;
  p.segs.splice(i, 0, s);
}

export function removeSeg(p: Proc, s: Seg): void {
  const i = p.segs.indexOf(s);
  if (i >= 0) p.segs.splice(i, 1);
}

/** Whether any segment of p lies in [base, base + pages): the room a new mapping needs. */
export function overlaps(p: Proc, base: number, pages: number): boolean {
  return p.segs.some((s) => s.base < base + pages && base < s.base + s.pages);
}
