import { anon_create, anon_get_ptr, anon_set_ptr, forEachUsed } from "./anon_hdr";
import { emit, nest, type K } from "./events";
import { hat_pageunload } from "./hat";
import { page_destroy } from "./page";
import { SRC } from "../contract/kernel/source";
import { grown } from "./state";
import { swap_phys_free } from "./swap";
import type { AnonHdr, AnonMap } from "./types";

/**
 * The anon struct's life (vm/vm_anon.c: anon_alloc, anon_decref, anon_dup, anon_free).
 * An anon is one page of anonymous memory. Its swapfs name (swapfs, an_off) is fixed when it
 * is made; an_refcnt counts the anon_map slots, in any process, that point at it.
 */

export const swapfsOff = (k: K, ap: number): number => ap * k.st.a.pageSize;
export const hex = (n: number): string => "0x" + n.toString(16);

/** anon_alloc: a new anon with an_refcnt 1, a fresh swapfs name and no disk slot. */
export function anon_alloc(k: K): number {
  const an = k.st.anon;
  const ap = an.next++;
  if (ap >= an.an_refcnt.length) {
    an.an_refcnt = grown(an.an_refcnt, ap);
    an.an_page = grown(an.an_page, ap);
    an.an_pslot = grown(an.an_pslot, ap);
  }
  an.an_refcnt[ap] = 1;
  an.an_page[ap] = 0;
  an.an_pslot[ap] = 0;
  an.live++;
  emit(
    k,
    "anon_alloc",
    SRC.vm_anon,
    () =>
      `Make anon:${ap} with an_refcnt 1 and the swapfs name (swapfs, ${hex(swapfsOff(k, ap))}): the simulator numbers names in order, illumos makes them from the anon's address. No disk space is tied to it, but swap -s now counts one more page allocated.`,
    { anon: ap },
  );
  return ap;
}

/**
 * anon_decref: one slot fewer points at ap. At zero the anon goes: its disk slot is freed, its
 * page destroyed (the name is lost), and one page of "allocated" swap becomes "reserved" again.
 */
export function anon_decref(k: K, ap: number, quiet = false): void {
  const st = k.st;
  const an = st.anon;
  const n = --an.an_refcnt[ap]!;
  if (n > 0) {
    if (!quiet)
      emit(
        k,
        "anon_decref",
        SRC.vm_anon,
        () =>
          `anon:${ap} loses a holder: an_refcnt ${n + 1} → ${n}. It stays, since another slot still points at it.`,
        { anon: ap },
      );
    return;
  }
  const slot = an.an_pslot[ap]!;
  if (slot) {
    swap_phys_free(st, slot);
    an.an_pslot[ap] = 0;
  }
  const pp = an.an_page[ap]!;
  if (pp) {
    hat_pageunload(st, pp);
    page_destroy(k, pp);
  }
  an.live--;
  if (!quiet) {
    const what = [
      pp ? `its page pp:${pp} is destroyed and the frame freed` : "",
      slot ? `its swap slot ${slot} is freed` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    emit(
      k,
      "anon_decref",
      SRC.vm_anon,
      () =>
        `anon:${ap} loses its last holder: an_refcnt 1 → 0, so the anon is freed${what ? ": " + what : ""}.`,
      { anon: ap },
    );
  }
}

/**
 * anon_free: clear every used slot of [idx, idx+n) and anon_decref each anon. Small ranges
 * show each decref; big ones only the summary, so exit of a huge process stays readable.
 */
export function anon_free(k: K, h: AnonHdr, idx: number, n: number, why: string): void {
  const chunk = k.st.a.anonChunkSize;
  const used: number[] = [];
  forEachUsed(h, idx, n, chunk, (i, ap) => used.push(i, ap));
  const count = used.length / 2;
  let freed = 0;
  // an anon sits in at most one slot of an array, so those with one holder are the ones to go
  for (let j = 1; j < used.length; j += 2) if (k.st.anon.an_refcnt[used[j]!] === 1) freed++;
  emit(
    k,
    "anon_free",
    SRC.vm_anon,
    count === 0
      ? `anon_free (${why}): no slot in the range holds an anon.`
      : `anon_free (${why}): ${count} used ${count === 1 ? "slot is" : "slots are"} cleared and each anon loses a holder (anon_decref): ${freed} ${freed === 1 ? "anon goes" : "anons go"} (no other holder), ${count - freed} ${count - freed === 1 ? "stays" : "stay"} for ${count - freed === 1 ? "its" : "their"} other holders.`,
  );
  const detail = count <= 8;
  nest(k, () => {
    for (let j = 0; j < used.length; j += 2) {
      anon_set_ptr(h, used[j]!, 0, chunk);
      anon_decref(k, used[j + 1]!, !detail);
    }
  });
}

/**
 * anon_dup: copy slot pointers [sidx, sidx+n) of `from` to `to` at didx, adding a holder to each
 * anon. No page is copied: this is why fork is cheap.
 */
export function anon_dup(k: K, from: AnonHdr, sidx: number, to: AnonHdr, didx: number, n: number): number {
  const st = k.st;
  const chunk = st.a.anonChunkSize;
  const ref = st.anon.an_refcnt;
  let count = 0;
  if (from.levels === 1 && to.levels === 1 && sidx === 0 && didx === 0) {
    // The common case, flat to flat: one tight loop.
    const s = from.flat!;
    const d = to.flat!;
    for (let i = 0; i < n; i++) {
      const ap = s[i]!;
      if (ap) {
        d[i] = ap;
        ref[ap]!++;
        count++;
      }
    }
  } else if (from.levels === 2 && to.levels === 2 && sidx % chunk === 0 && didx % chunk === 0) {
    // Chunk-aligned two-level copy: whole chunks at a time (a memcpy each), skipping the
    // missing and the empty ones, then one pass to count the holders.
    for (let off = 0; off < n; off += chunk) {
      const src = from.chunks[(sidx + off) / chunk];
      if (!src) continue;
      const len = Math.min(chunk, n - off);
      let used = 0;
      for (let j = 0; j < len; j++) {
        const ap = src[j]!;
        if (ap) {
          ref[ap]!++;
          used++;
        }
      }
      if (used) {
        const d = len === chunk ? src.slice() : new Int32Array(chunk);
        if (len < chunk) d.set(src.subarray(0, len));
        to.chunks[(didx + off) / chunk] = d;
      }
      count += used;
    }
  } else {
    forEachUsed(from, sidx, n, chunk, (i, ap) => {
      anon_set_ptr(to, didx + (i - sidx), ap, chunk);
      ref[ap]!++;
      count++;
    });
  }
  return count;
}

/** anonmap_alloc: a new anon_map of `pages` slots with refcnt 1 (anon_create lays out its array). */
export function anonmap_alloc(k: K, pages: number, swresv: number, why: string): AnonMap {
  const st = k.st;
  const id = st.nextAmp++;
  const amp: AnonMap = { id, refcnt: 1, size: pages, swresv, ahp: anon_create(pages, st.a.anonChunkSize) };
  st.amps.set(id, amp);
  const h = amp.ahp;
  const shape =
    h.levels === 1
      ? `a flat anon_hdr of exactly ${h.size} slot ${h.size === 1 ? "pointer" : "pointers"}`
      : `a two-level anon_hdr: ${pages} pages need more than one page of slot pointers (${st.a.anonChunkSize}), so the size rounds up to ${h.size} slots in ${h.chunks.length} chunks, none allocated yet`;
  emit(k, "anonmap_alloc", SRC.vm_anon, () => `${why}: make amp:${id} (refcnt 1) with ${shape}.`, {
    amp: id,
  });
  return amp;
}

export { anon_get_ptr };
