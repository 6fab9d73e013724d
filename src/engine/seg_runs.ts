import { HAT_CHUNK, type HatChunk, type Proc, type Seg, type VmState } from "./types";

/**
 * A stretch of a segment's pages [i, i + len) that lies in one anon_hdr chunk and one HAT page
 * table: its slots are slots[soff .. soff + len) (null: the chunk does not exist, no slot is
 * used) and its translations hat.prot / hat.page [j0 .. j0 + len) (undefined: no page table).
 */
export interface SegRun {
  i: number;
  len: number;
  slots: Int32Array | null;
  soff: number;
  hat: HatChunk | undefined;
  j0: number;
}

/**
 * Walk pages [from, from + n) of segment s in process p one run at a time: what pmap's incore
 * scan and the browser's strips read, a chunk and a page table at a time instead of an
 * anon_get_ptr and a hat_get per page. The run object is reused from call to call.
 */
export function forEachRun(
  st: VmState,
  p: Proc,
  s: Seg,
  from: number,
  n: number,
  fn: (r: SegRun) => void,
): void {
  const h = s.amp ? st.amps.get(s.amp)?.ahp : undefined;
  const chunk = st.a.anonChunkSize;
  const end = Math.min(s.pages, from + n);
  const r: SegRun = { i: Math.max(0, from), len: 0, slots: null, soff: 0, hat: undefined, j0: 0 };
  while (r.i < end) {
    const si = s.anon_index + r.i;
    r.slots = null;
    r.soff = 0;
    r.len = end - r.i;
    if (h && h.levels === 1) {
      r.slots = h.flat;
      r.soff = si;
    } else if (h) {
      const ci = Math.floor(si / chunk);
      r.slots = h.chunks[ci] ?? null;
      r.soff = si - ci * chunk;
      r.len = Math.min(r.len, chunk - r.soff);
    }
    const vpn = s.base + r.i;
    const key = Math.floor(vpn / HAT_CHUNK);
    r.j0 = vpn - key * HAT_CHUNK;
    r.len = Math.min(r.len, HAT_CHUNK - r.j0);
    r.hat = p.hat.get(key);
    fn(r);
    r.i += r.len;
  }
}
