import { grown } from "./state";
import { HAT_CHUNK, PROT_WRITE, type HatChunk, type Proc, type VmState } from "./types";

/**
 * The HAT: each process's translations from a virtual page to a physical page, with the
 * protection the MMU enforces without a fault. Kept per process in page-table chunks of 512
 * entries (as x86 page tables are), and linked from each page_t through hments so pageout can
 * unload a page from every process that maps it (hat_pageunload).
 */

function chunkOf(p: Proc, vpn: number, make: boolean): HatChunk | undefined {
  const key = Math.floor(vpn / HAT_CHUNK);
  let c = p.hat.get(key);
  if (!c && make) {
    c = { page: new Int32Array(HAT_CHUNK), prot: new Uint8Array(HAT_CHUNK) };
    p.hat.set(key, c);
  }
  return c;
}

/** hat_getattr: the page and prot of the translation at vpn, or null. */
export function hat_get(p: Proc, vpn: number): { page: number; prot: number } | null {
  const c = chunkOf(p, vpn, false);
  if (!c) return null;
  const i = vpn % HAT_CHUNK;
  return c.prot[i] ? { page: c.page[i]!, prot: c.prot[i] } : null;
}

/** hat_memload: load a translation (replacing any there). */
export function hat_memload(st: VmState, procIdx: number, vpn: number, page: number, prot: number): void {
  const p = st.procs[procIdx]!;
  hat_unload(st, procIdx, vpn);
  const c = chunkOf(p, vpn, true)!;
  const i = vpn % HAT_CHUNK;
  c.page[i] = page;
  c.prot[i] = prot;
  // Link an hment onto the page's p_mapping list.
  const hm = st.hm;
  let h = hm.free;
  if (h) hm.free = hm.next[h]!;
  else {
    h = hm.top++;
    if (h >= hm.proc.length) {
      hm.proc = grown(hm.proc, h);
      hm.vpn = grown(hm.vpn, h);
      hm.next = grown(hm.next, h);
    }
  }
  hm.proc[h] = procIdx;
  hm.vpn[h] = vpn;
  hm.next[h] = st.page.mapping[page]!;
  st.page.mapping[page] = h;
  st.page.ref[page] = 1;
}

/** hat_unload of one page: drop the translation at vpn, if any. */
export function hat_unload(st: VmState, procIdx: number, vpn: number): void {
  const p = st.procs[procIdx]!;
  const c = chunkOf(p, vpn, false);
  if (!c) return;
  const i = vpn % HAT_CHUNK;
  if (!c.prot[i]) return;
  const page = c.page[i]!;
  c.prot[i] = 0;
  c.page[i] = 0;
  unlinkHment(st, page, procIdx, vpn);
}

function unlinkHment(st: VmState, page: number, procIdx: number, vpn: number): void {
  const hm = st.hm;
  let prev = 0;
  let h = st.page.mapping[page]!;
  while (h) {
    if (hm.proc[h] === procIdx && hm.vpn[h] === vpn) {
      if (prev) hm.next[prev] = hm.next[h]!;
      else st.page.mapping[page] = hm.next[h]!;
      hm.next[h] = hm.free;
      hm.free = h;
      return;
    }
    prev = h;
    h = hm.next[h]!;
  }
}

/** Visit every loaded translation of p in [vpn, vpn+n). */
export function forEachTranslation(
  p: Proc,
  vpn: number,
  n: number,
  fn: (vpn: number, c: HatChunk, i: number) => void,
): void {
  let v = vpn;
  const end = vpn + n;
  while (v < end) {
    const key = Math.floor(v / HAT_CHUNK);
    const cEnd = Math.min((key + 1) * HAT_CHUNK, end);
    const c = p.hat.get(key);
    if (c) {
      for (let x = v; x < cEnd; x++) {
        const i = x - key * HAT_CHUNK;
        if (c.prot[i]) fn(x, c, i);
      }
    }
    v = cEnd;
  }
}

/**
 * hat_unload over a range; returns how many translations went. `unloaded` is called with the
 * virtual page of each (the unload callback segvn_unmap passes).
 */
export function hat_unload_range(
  st: VmState,
  procIdx: number,
  vpn: number,
  n: number,
  unloaded?: (vpn: number) => void,
): number {
  const p = st.procs[procIdx]!;
  let count = 0;
  forEachTranslation(p, vpn, n, (x, c, i) => {
    const page = c.page[i]!;
    c.prot[i] = 0;
    c.page[i] = 0;
    unlinkHment(st, page, procIdx, x);
    count++;
    unloaded?.(x);
  });
  for (let key = Math.floor(vpn / HAT_CHUNK); key * HAT_CHUNK < vpn + n; key++) {
    const c = p.hat.get(key);
    if (c && c.prot.every((b) => b === 0)) p.hat.delete(key);
  }
  return count;
}

/**
 * hat_chgattr over a range: each loaded translation's prot becomes (prot & keep) | add.
 * Returns how many changed.
 */
export function hat_setprot_range(p: Proc, vpn: number, n: number, keep: number, add: number): number {
  let count = 0;
  const end = vpn + n;
  for (let key = Math.floor(vpn / HAT_CHUNK); key * HAT_CHUNK < end; key++) {
    const c = p.hat.get(key);
    if (!c) continue;
    const lo = Math.max(vpn, key * HAT_CHUNK) - key * HAT_CHUNK;
    const hi = Math.min(end, (key + 1) * HAT_CHUNK) - key * HAT_CHUNK;
    const prot = c.prot;
    for (let i = lo; i < hi; i++) {
      const old = prot[i]!;
      if (!old) continue;
      const np = (old & keep) | add;
      if (np !== old) {
        prot[i] = np;
        count++;
      }
    }
  }
  return count;
}

/**
 * hat_clrattr(PROT_WRITE) over a range, as fork does to the parent. Whole page tables are
 * cleared four entries at a time (one 32-bit AND), since fork of a huge segment lands here.
 */
export function hat_clrattr_write(p: Proc, vpn: number, n: number): void {
  const end = vpn + n;
  const mask = ~(PROT_WRITE * 0x01010101);
  for (let key = Math.floor(vpn / HAT_CHUNK); key * HAT_CHUNK < end; key++) {
    const c = p.hat.get(key);
    if (!c) continue;
    const lo = Math.max(vpn, key * HAT_CHUNK) - key * HAT_CHUNK;
    const hi = Math.min(end, (key + 1) * HAT_CHUNK) - key * HAT_CHUNK;
    if (lo === 0 && hi === HAT_CHUNK) {
      const words = new Uint32Array(c.prot.buffer, c.prot.byteOffset, HAT_CHUNK / 4);
      for (let i = 0; i < words.length; i++) words[i]! &= mask;
    } else for (let i = lo; i < hi; i++) c.prot[i]! &= ~PROT_WRITE;
  }
}

/** hat_pageunload: unload a page from every process that maps it; returns the procs touched. */
export function hat_pageunload(st: VmState, page: number): number[] {
  const hm = st.hm;
  const procs: number[] = [];
  let h = st.page.mapping[page]!;
  while (h) {
    const p = st.procs[hm.proc[h]!]!;
    const vpn = hm.vpn[h]!;
    const c = p.hat.get(Math.floor(vpn / HAT_CHUNK))!;
    const i = vpn % HAT_CHUNK;
    c.prot[i] = 0;
    c.page[i] = 0;
    procs.push(hm.proc[h]!);
    const next = hm.next[h]!;
    hm.next[h] = hm.free;
    hm.free = h;
    h = next;
  }
  st.page.mapping[page] = 0;
  return procs;
}
