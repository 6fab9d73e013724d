import { anon_get_ptr, forEachUsed } from "./anon_hdr";
import { forEachTranslation } from "./hat";
import { page_lookup_file } from "./page";
import { P_ANON, P_FILE, PROT_WRITE, type VmState } from "./types";

/**
 * The engine's invariants, recomputed from scratch and compared with what the incremental
 * code keeps. Tests call this after every operation; an empty list means all hold.
 */
export function checkInvariants(st: VmState): string[] {
  const bad: string[] = [];
  const an = st.anon;
  const pg = st.page;
  const chunk = st.a.anonChunkSize;

  // an_refcnt equals the number of slots, in all anon_maps, that point at the anon.
  const holders = new Int32Array(an.next);
  for (const amp of st.amps.values()) {
    forEachUsed(amp.ahp, 0, amp.ahp.size, chunk, (i, ap) => {
      if (ap >= an.next || an.an_refcnt[ap]! <= 0)
        bad.push(`amp:${amp.id} slot ${i} points at dead anon:${ap}`);
      else holders[ap]!++;
    });
  }
  let liveAnons = 0;
  for (let ap = 1; ap < an.next; ap++) {
    const rc = an.an_refcnt[ap]!;
    if (rc < 0) bad.push(`anon:${ap} has negative an_refcnt ${rc}`);
    if (rc > 0) liveAnons++;
    if (rc !== holders[ap]) bad.push(`anon:${ap} has an_refcnt ${rc} but ${holders[ap]} slots point at it`);
    if (rc > 0 && !an.an_page[ap] && !an.an_pslot[ap])
      bad.push(`anon:${ap} has neither a page nor a swap slot: its data is lost`);
    if (rc > 0 && an.an_page[ap] && (pg.kind[an.an_page[ap]!] !== P_ANON || pg.owner[an.an_page[ap]!] !== ap))
      bad.push(`anon:${ap} names page pp:${an.an_page[ap]} which is not its page`);
  }
  if (liveAnons !== an.live) bad.push(`${an.live} anons counted live, ${liveAnons} found`);

  // amp->refcnt counts the segments that point at it; no amp outlives its segments.
  const ampUsers = new Map<number, number>();
  for (const p of st.procs) {
    if (!p.alive && p.segs.length) bad.push(`${p.name} has exited but still has segments`);
    for (const s of p.segs) if (s.amp) ampUsers.set(s.amp, (ampUsers.get(s.amp) ?? 0) + 1);
  }
  for (const amp of st.amps.values())
    if (amp.refcnt !== (ampUsers.get(amp.id) ?? 0))
      bad.push(`amp:${amp.id} has refcnt ${amp.refcnt} but ${ampUsers.get(amp.id) ?? 0} segments use it`);
  for (const id of ampUsers.keys()) if (!st.amps.has(id)) bad.push(`a segment points at freed amp:${id}`);

  // Each frame holds at most one identity, and every identity is findable by its name.
  let livePages = 0;
  const translations = new Int32Array(pg.next);
  for (let id = 1; id < pg.next; id++) {
    const kind = pg.kind[id];
    if (kind === P_ANON || kind === P_FILE) {
      livePages++;
      if (pg.byPfn[pg.pfn[id]!] !== id) bad.push(`pp:${id} is not in its frame ${pg.pfn[id]}`);
      if (kind === P_ANON && an.an_page[pg.owner[id]!] !== id)
        bad.push(`anon page pp:${id} is not its anon's page`);
      if (kind === P_FILE && page_lookup_file(st, pg.owner[id]!, pg.index[id]!) !== id)
        bad.push(`file page pp:${id} is not in the page hash`);
      for (let h = pg.mapping[id]!; h; h = st.hm.next[h]!) translations[id]!++;
    }
  }
  if (livePages !== pg.live) bad.push(`${pg.live} pages counted live, ${livePages} found`);

  // The cachelist: its pages keep their name but are free, so nobody maps them and their data is
  // safe elsewhere (clean: a file page on its file, an anon page on its swap slot); each is in
  // the cachelist queue exactly where it says; nothing without a name is on it.
  let cached = 0;
  for (let id = 1; id < pg.next; id++) {
    if (!pg.cached[id]) continue;
    cached++;
    const kind = pg.kind[id];
    if (kind !== P_ANON && kind !== P_FILE) bad.push(`pp:${id} is on the cachelist without a name`);
    if (pg.mapping[id]) bad.push(`pp:${id} is on the cachelist but mapped`);
    if (pg.mod[id]) bad.push(`pp:${id} is on the cachelist but modified`);
    if (kind === P_ANON && !an.an_pslot[pg.owner[id]!])
      bad.push(`anon page pp:${id} is on the cachelist but its anon has no swap slot`);
    const at = pg.cqAt[id]!;
    if (at < pg.cqHead || at >= pg.cqTail || pg.cacheq[at] !== id)
      bad.push(`pp:${id} is on the cachelist but not in its queue`);
  }
  if (cached !== pg.nCached) bad.push(`${pg.nCached} pages counted on the cachelist, ${cached} found`);
  if (livePages + pg.nFree !== pg.nextPfn)
    bad.push(`${livePages} pages in use + ${pg.nFree} free frames != ${pg.nextPfn} frames ever used`);
  if (pg.nextPfn > st.ramPages) bad.push(`${pg.nextPfn} frames used, more than the ${st.ramPages} of RAM`);

  // Every translation lies in a segment, points at the page behind its slot, and never lets a
  // process write a page that another process still shares (the heart of copy-on-write).
  for (let pi = 0; pi < st.procs.length; pi++) {
    const p = st.procs[pi]!;
    for (const s of p.segs) {
      const amp = s.amp ? st.amps.get(s.amp) : undefined;
      forEachTranslation(p, s.base, s.pages, (vpn, c, i) => {
        const page = c.page[i]!;
        translations[page]!--;
        const ap = amp ? anon_get_ptr(amp.ahp, s.anon_index + (vpn - s.base), chunk) : 0;
        const expect = ap
          ? an.an_page[ap]!
          : s.vp >= 0
            ? page_lookup_file(st, s.vp, s.offset + (vpn - s.base))
            : 0;
        if (page !== expect)
          bad.push(
            `${p.name} ${s.name} page ${s.first + vpn - s.base} maps pp:${page}, but the page behind its slot is pp:${expect}`,
          );
        if (c.prot[i]! & PROT_WRITE && !s.shared && (ap ? an.an_refcnt[ap]! > 1 : s.vp >= 0))
          bad.push(`${p.name} ${s.name} page ${s.first + vpn - s.base} is writable but shared copy-on-write`);
      });
    }
    let inSegs = 0;
    for (const s of p.segs) forEachTranslation(p, s.base, s.pages, () => inSegs++);
    let all = 0;
    for (const c of p.hat.values()) for (const b of c.prot) if (b) all++;
    if (all !== inSegs) bad.push(`${p.name} has ${all - inSegs} translations outside its segments`);
  }
  for (let id = 1; id < pg.next; id++)
    if (translations[id]) bad.push(`pp:${id}'s mapping list disagrees with the page tables`);

  // Swap: reservations add up, allocated = live anons, device slots are owned once.
  const sw = st.swap;
  let resv = 0;
  for (const p of st.procs) for (const s of p.segs) resv += s.swresv;
  for (const amp of st.amps.values()) resv += amp.swresv;
  if (resv !== sw.ani_phys_resv + sw.ani_mem_resv)
    bad.push(
      `segments and amps hold ${resv} pages of reservation, k_anoninfo says ${sw.ani_phys_resv + sw.ani_mem_resv}`,
    );
  if (sw.ani_phys_resv > sw.ani_max || sw.ani_phys_resv < 0 || sw.ani_mem_resv < 0)
    bad.push("disk or memory reservation out of range");
  if (sw.availrmem + sw.ani_mem_resv !== st.ramPages)
    bad.push(`availrmem ${sw.availrmem} + memory reservation ${sw.ani_mem_resv} != ${st.ramPages}`);
  const owner = new Int32Array(sw.slots.length);
  let usedSlots = 0;
  for (let ap = 1; ap < an.next; ap++) {
    const slot = an.an_pslot[ap]!;
    if (!slot || an.an_refcnt[ap]! <= 0) continue;
    if (owner[slot]) bad.push(`swap slot ${slot} belongs to anon:${owner[slot]} and anon:${ap}`);
    if (!sw.slots[slot]) bad.push(`anon:${ap}'s swap slot ${slot} is marked free`);
    owner[slot] = ap;
    usedSlots++;
  }
  // the device's first page is its label; swap=0 has no device at all
  const inUse = Math.max(0, sw.slots.length - 1) - sw.nfree;
  if (usedSlots !== inUse) bad.push(`${inUse} swap slots in use, ${usedSlots} owned by anons`);
  return bad;
}

/** After every process has exited: nothing of the anon layer may be left behind. */
export function checkNothingLeft(st: VmState): string[] {
  const bad: string[] = [];
  if (st.anon.live) bad.push(`${st.anon.live} anons left`);
  if (st.amps.size) bad.push(`${st.amps.size} anon_maps left`);
  for (let id = 1; id < st.page.next; id++)
    if (st.page.kind[id] === P_ANON) bad.push(`anon page pp:${id} left`);
  if (st.swap.ani_phys_resv + st.swap.ani_mem_resv)
    bad.push(`${st.swap.ani_phys_resv + st.swap.ani_mem_resv} pages still reserved`);
  if (st.swap.nfree !== Math.max(0, st.swap.slots.length - 1)) bad.push("swap device slots still in use");
  return bad;
}
