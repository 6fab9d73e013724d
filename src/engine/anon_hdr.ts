import type { AnonHdr } from "./types";

/**
 * The anon_hdr slot array (vm/vm_anon.c: anon_create, anon_get_ptr, anon_set_ptr, anon_grow).
 * Up to ANON_CHUNK_SIZE slots it is one flat array of exactly that many pointers; past that it
 * is two levels: a top array of chunk pointers, each chunk one page of slot pointers, made the
 * first time a slot in it is stored (anon_set_ptr) or locked (anon_array_enter → anon_get_slot,
 * as every fault, a partial mprotect and pmap's incore scan do). That laziness is why a
 * million-page mapping costs nothing until it is touched. A slot holds an anon id (0 = NULL).
 */

/** anon_create: choose flat or two-level for `npages` slots. */
export function anon_create(npages: number, chunk: number): AnonHdr {
  if (npages <= chunk) return { size: npages, levels: 1, flat: new Int32Array(npages), chunks: [] };
  const size = Math.ceil(npages / chunk) * chunk;
  return { size, levels: 2, flat: null, chunks: new Array<Int32Array | null>(size / chunk).fill(null) };
}

/** anon_get_ptr: the anon in slot i, 0 when empty (a missing chunk reads as empty). */
export function anon_get_ptr(h: AnonHdr, i: number, chunk: number): number {
  if (h.levels === 1) return h.flat![i] ?? 0;
  const c = h.chunks[Math.floor(i / chunk)];
  return c ? c[i % chunk]! : 0;
}

/** anon_set_ptr: store into slot i, allocating its chunk first when needed. */
export function anon_set_ptr(h: AnonHdr, i: number, ap: number, chunk: number): void {
  if (h.levels === 1) {
    h.flat![i] = ap;
    return;
  }
  const ci = Math.floor(i / chunk);
  let c = h.chunks[ci];
  if (!c) {
    if (ap === 0) return;
    c = new Int32Array(chunk);
    h.chunks[ci] = c;
  }
  c[i % chunk] = ap;
}

/**
 * anon_array_enter's anon_get_slot: make sure the chunk holding slot i exists, allocating it
 * empty if not. true when it had to be allocated.
 */
export function anon_array_enter(h: AnonHdr, i: number, chunk: number): boolean {
  if (h.levels === 1) return false;
  const ci = Math.floor(i / chunk);
  if (h.chunks[ci]) return false;
  h.chunks[ci] = new Int32Array(chunk);
  return true;
}

/** Second-level chunks allocated so far (0 for a flat array). */
export function chunkCount(h: AnonHdr): number {
  let n = 0;
  for (const c of h.chunks) if (c) n++;
  return n;
}

/**
 * Call `fn(i, ap)` for every used slot in [from, from+n), skipping missing chunks whole
 * (anon_get_next_ptr does the same walk in the kernel).
 */
export function forEachUsed(
  h: AnonHdr,
  from: number,
  n: number,
  chunk: number,
  fn: (i: number, ap: number) => void,
): void {
  const end = Math.min(from + n, h.size);
  if (h.levels === 1) {
    const a = h.flat!;
    for (let i = from; i < end; i++) {
      const ap = a[i]!;
      if (ap) fn(i, ap);
    }
    return;
  }
  let i = from;
  while (i < end) {
    const ci = Math.floor(i / chunk);
    const cEnd = Math.min((ci + 1) * chunk, end);
    const c = h.chunks[ci];
    if (c) {
      for (let j = i; j < cEnd; j++) {
        const ap = c[j - ci * chunk]!;
        if (ap) fn(j, ap);
      }
    }
    i = cEnd;
  }
}

/**
 * anon_copy_ptr: copy n slot pointers from s at sidx to d at didx, no refcount changing. Flat to
 * flat is a plain copy. Two-level to two-level walks chunk by chunk and allocates the
 * destination chunk for every source chunk that exists, even an empty one; between a flat and a
 * two-level array only used slots are stored (anon_set_ptr makes their chunks).
 */
export function anon_copy_ptr(
  s: AnonHdr,
  sidx: number,
  d: AnonHdr,
  didx: number,
  n: number,
  chunk: number,
): void {
  if (s.levels === 1 && d.levels === 1) {
    d.flat!.set(s.flat!.subarray(sidx, sidx + n), didx);
    return;
  }
  if (s.levels === 2 && d.levels === 2) {
    while (n > 0) {
      const so = sidx % chunk;
      const dof = didx % chunk;
      const len = Math.min(n, chunk - Math.max(so, dof));
      const src = s.chunks[Math.floor(sidx / chunk)];
      if (src) {
        const di = Math.floor(didx / chunk);
        const dst = (d.chunks[di] ??= new Int32Array(chunk));
        dst.set(src.subarray(so, so + len), dof);
      }
      sidx += len;
      didx += len;
      n -= len;
    }
    return;
  }
  forEachUsed(s, sidx, n, chunk, (i, ap) => anon_set_ptr(d, didx + (i - sidx), ap, chunk));
}

/** anon_pages: how many slots in a range are used. */
export function anon_pages(h: AnonHdr, from: number, n: number, chunk: number): number {
  let count = 0;
  forEachUsed(h, from, n, chunk, () => count++);
  return count;
}

/**
 * anon_grow: make room for `grow` more slots after the `used` slots that start at `start` (or,
 * growing down for a stack, before them). Returns the new start index. Growing up keeps every
 * slot from 0 to the last used one; growing down keeps every slot from `start` to the end of the
 * array and puts the old contents at the top of the new one. A flat result rounds up to
 * ANON_1_LEVEL_INC (chunk/8) slots, a two-level one to ANON_2_LEVEL_INC (chunk/8 chunks).
 */
export function anon_grow(
  h: AnonHdr,
  start: number,
  used: number,
  grow: number,
  down: boolean,
  chunk: number,
): number {
  const total = down ? h.size - start + grow : start + used + grow;
  if (h.size >= total) return down ? h.size - total : start;
  const inc1 = chunk / 8;
  const newSize =
    total <= chunk ? Math.ceil(total / inc1) * inc1 : Math.ceil(total / (inc1 * chunk)) * inc1 * chunk;
  const shift = down ? newSize - h.size : 0;
  if (h.levels === 2) {
    // Two levels stay two levels: only the top array of chunk pointers is rebuilt, so every
    // chunk allocated so far survives, used or not (ANON_INITBUF copies the pointers).
    const chunks = new Array<Int32Array | null>(newSize / chunk).fill(null);
    h.chunks.forEach((c, i) => (chunks[i + shift / chunk] = c));
    h.chunks = chunks;
    h.size = newSize;
    return down ? newSize - total : start;
  }
  const old = h.flat!;
  if (newSize <= chunk) {
    const flat = new Int32Array(newSize);
    flat.set(old, shift);
    h.flat = flat;
  } else {
    // Flat becomes two levels: the old array becomes (a copy in) one chunk, used or not.
    const fresh = anon_create(newSize, chunk);
    const ci = down ? fresh.chunks.length - 1 : 0;
    const c = new Int32Array(chunk);
    c.set(old, down ? chunk - old.length : 0);
    fresh.chunks[ci] = c;
    h.levels = 2;
    h.flat = null;
    h.chunks = fresh.chunks;
  }
  h.size = newSize;
  return down ? newSize - total : start;
}
