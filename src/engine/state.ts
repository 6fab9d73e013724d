import type { Arch } from "../contract/ast";
import { archInfo } from "./arch";
import type { AnonHdr, AnonMap, HatChunk, Proc, Seg, VmState } from "./types";

/**
 * Making and copying the whole state. A copy is a checkpoint for the timeline: the browser
 * steps back by restoring one and replaying forward.
 */

export interface MachineSpec {
  arch: Arch;
  ramPages: number;
  swapPages: number;
  files: { path: string; pages: number }[];
}

const MiB = 1024 * 1024;

export function newState(m: MachineSpec): VmState {
  const a = archInfo(m.arch);
  const perMiB = MiB / a.pageSize;
  // fs/swapfs/swap_subr.c:swapfs_recalc, from physmem: minfree = min(512 MiB, physmem/8);
  // reserve = max(4 MiB, physmem/128) capped at 128 MiB; desfree = 3.5 MiB (anon-layer.md a.9).
  const desfree = Math.ceil((7 * 512 * 1024) / a.pageSize);
  let minfree = Math.min(512 * perMiB, Math.floor(m.ramPages / 8));
  const reserve = Math.min(Math.max(4 * perMiB, Math.floor(m.ramPages / 128)), 128 * perMiB);
  // vm/vm_swap.c:swapadd skips the device's first page (its label), so a device of one page
  // or none is refused: no device at all. Adding one at boot, with nothing reserved from
  // memory yet, raises swapfs_minfree to swapfs_desfree.
  const device = hasSwapDevice(m.swapPages);
  if (device && minfree < desfree) minfree = desfree;
  const cap = 64;
  return {
    a,
    ramPages: m.ramPages,
    swapPages: m.swapPages,
    files: m.files.map((f) => ({ path: f.path, pages: f.pages })),
    procs: [],
    amps: new Map(),
    nextAmp: 1,
    nextPid: 101,
    anon: {
      an_refcnt: new Int32Array(cap),
      an_page: new Int32Array(cap),
      an_pslot: new Int32Array(cap),
      next: 1,
      live: 0,
    },
    page: {
      kind: new Uint8Array(cap),
      owner: new Int32Array(cap),
      index: new Int32Array(cap),
      pfn: new Int32Array(cap),
      mapping: new Int32Array(cap),
      mod: new Uint8Array(cap),
      ref: new Uint8Array(cap),
      cached: new Uint8Array(cap),
      cqAt: new Int32Array(cap),
      next: 1,
      live: 0,
      cacheq: new Int32Array(cap),
      cqHead: 0,
      cqTail: 0,
      nCached: 0,
      fileHash: new Map(),
      byPfn: new Int32Array(cap),
      freePfns: new Int32Array(cap),
      nFree: 0,
      nextPfn: 0,
    },
    hm: { proc: new Int32Array(cap), vpn: new Float64Array(cap), next: new Int32Array(cap), free: 0, top: 1 },
    swap: {
      // swapadd skips the first page of the device (its label): one slot fewer than its size.
      ani_max: device ? m.swapPages - 1 : 0,
      ani_phys_resv: 0,
      ani_mem_resv: 0,
      availrmem: m.ramPages,
      swapfs_minfree: minfree,
      swapfs_reserve: reserve,
      slots: new Uint8Array(device ? m.swapPages : 0),
      nfree: device ? m.swapPages - 1 : 0,
      hint: 1,
    },
    hand: 0,
  };
}

/** Whether a swap device of `pages` pages is added at all: swapadd refuses one of 0 or 1 page. */
const hasSwapDevice = (pages: number): boolean => pages >= 2;

/** Grow a typed array to hold index `need` (doubling), keeping its contents. */
export function grown<T extends Int32Array | Uint8Array | Float64Array>(arr: T, need: number): T {
  if (need < arr.length) return arr;
  let n = arr.length * 2;
  while (n <= need) n *= 2;
  const out = new (arr.constructor as new (n: number) => T)(n);
  out.set(arr);
  return out;
}

function cloneHdr(h: AnonHdr): AnonHdr {
  return {
    size: h.size,
    levels: h.levels,
    flat: h.flat ? h.flat.slice() : null,
    chunks: h.chunks.map((c) => (c ? c.slice() : null)),
  };
}

function cloneAmp(m: AnonMap): AnonMap {
  return { ...m, ahp: cloneHdr(m.ahp) };
}

export function cloneSeg(s: Seg): Seg {
  return { ...s, vpage: s.vpage ? s.vpage.slice() : null };
}

function cloneProc(p: Proc): Proc {
  const hat = new Map<number, HatChunk>();
  for (const [k, c] of p.hat) hat.set(k, { page: c.page.slice(), prot: c.prot.slice() });
  return { ...p, segs: p.segs.map(cloneSeg), hat };
}

/** A deep copy that shares nothing mutable with the original. */
export function cloneState(s: VmState): VmState {
  const amps = new Map<number, AnonMap>();
  for (const [k, m] of s.amps) amps.set(k, cloneAmp(m));
  const an = s.anon;
  const pg = s.page;
  const hm = s.hm;
  return {
    ...s,
    files: s.files.map((f) => ({ ...f })),
    procs: s.procs.map(cloneProc),
    amps,
    anon: {
      an_refcnt: an.an_refcnt.slice(0, an.next),
      an_page: an.an_page.slice(0, an.next),
      an_pslot: an.an_pslot.slice(0, an.next),
      next: an.next,
      live: an.live,
    },
    page: {
      kind: pg.kind.slice(0, pg.next),
      owner: pg.owner.slice(0, pg.next),
      index: pg.index.slice(0, pg.next),
      pfn: pg.pfn.slice(0, pg.next),
      mapping: pg.mapping.slice(0, pg.next),
      mod: pg.mod.slice(0, pg.next),
      ref: pg.ref.slice(0, pg.next),
      cached: pg.cached.slice(0, pg.next),
      cqAt: pg.cqAt.slice(0, pg.next),
      next: pg.next,
      live: pg.live,
      cacheq: pg.cacheq.slice(0, Math.max(1, pg.cqTail)),
      cqHead: pg.cqHead,
      cqTail: pg.cqTail,
      nCached: pg.nCached,
      fileHash: new Map(pg.fileHash),
      byPfn: pg.byPfn.slice(0, Math.max(1, pg.nextPfn)),
      freePfns: pg.freePfns.slice(0, Math.max(1, pg.nFree)),
      nFree: pg.nFree,
      nextPfn: pg.nextPfn,
    },
    hm: {
      proc: hm.proc.slice(0, hm.top),
      vpn: hm.vpn.slice(0, hm.top),
      next: hm.next.slice(0, hm.top),
      free: hm.free,
      top: hm.top,
    },
    swap: { ...s.swap, slots: s.swap.slots.slice() },
  };
}
