import { protName, segPageProt } from "../segs";
import { HAT_CHUNK, type HatChunk, type Proc, type Seg, type VmState } from "../types";
import { Group, n, Parts } from "./change";
import { type Part } from "../../contract/change";

/** A segment is the same object in both states when its process, mapping name and first page agree. */
const segKey = (s: Seg): string => `${s.name}@${s.first}`;

const slotName = (p: Proc, s: Seg, i: number): string => `${p.name} ${s.name}[${s.first + i}]`;

/**
 * Reads the anon in each page's slot of s (0: none), with the anon_map looked up once: the diff
 * walks every page of both states, a million of them in the large presets.
 */
function slotReader(st: VmState, s: Seg): (i: number) => number {
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  if (!amp) return () => 0;
  const h = amp.ahp;
  const at = s.anon_index;
  if (h.levels === 1) return (i) => h.flat![at + i] ?? 0;
  const chunk = st.a.anonChunkSize;
  return (i) => {
    const c = h.chunks[Math.floor((at + i) / chunk)];
    return c ? c[(at + i) % chunk]! : 0;
  };
}

/** A process's translations by vpn, without building an object per page (hat_get does). */
class HatReader {
  private key = -1;
  private chunk: HatChunk | undefined;
  constructor(private readonly p: Proc | undefined) {}
  private at(vpn: number): number {
    const key = Math.floor(vpn / HAT_CHUNK);
    if (key !== this.key) {
      this.key = key;
      this.chunk = this.p?.hat.get(key);
    }
    return vpn % HAT_CHUNK;
  }
  /** the prot of the translation at vpn, 0 = none */
  prot(vpn: number): number {
    const i = this.at(vpn);
    return this.chunk ? this.chunk.prot[i]! : 0;
  }
  /** the page_t it maps (only when prot(vpn) is not 0) */
  page(vpn: number): number {
    const i = this.at(vpn);
    return this.chunk ? this.chunk.page[i]! : 0;
  }
}

/**
 * Processes, their segments, each page's slot and each page's translation, from a to b.
 * Groups are per segment, so a fork that fills a million slots is one line per segment.
 */
export function diffProcs(a: VmState, b: VmState, keep: number): Part {
  const out = new Parts();
  for (const pb of b.procs) {
    const pa = a.procs.find((p) => p.name === pb.name);
    if (!pa) {
      out.push({ kind: "proc", text: `${pb.name} created (pid ${pb.pid})`, refs: { proc: pb.name } });
    } else if (pa.alive && !pb.alive) {
      // its segments, slots and translations all went with it: the anons' refcounts say the rest
      out.push({
        kind: "proc",
        text: `${pb.name} exited (its address space freed)`,
        refs: { proc: pb.name },
      });
      continue;
    }
    const before = new Map((pa?.alive ? pa.segs : []).map((s) => [segKey(s), s]));
    const after = new Map((pb.alive ? pb.segs : []).map((s) => [segKey(s), s]));
    for (const [key, sa] of before)
      if (!after.has(key))
        out.push({
          kind: "seg",
          text: `${pb.name} ${sa.name} unmapped (${n(sa.pages)} ${sa.pages === 1 ? "page" : "pages"} from page ${sa.first})`,
          refs: { proc: pb.name, seg: sa.name },
        });
    for (const [key, sb] of after) {
      const sa = before.get(key);
      if (!sa)
        out.push({
          kind: "seg",
          text: `${pb.name} ${sb.name} mapped (${n(sb.pages)} ${sb.pages === 1 ? "page" : "pages"} from page ${sb.first}, ${protName(sb.prot)})`,
          refs: { proc: pb.name, seg: sb.name },
        });
      else if (sa.pages !== sb.pages)
        out.push({
          kind: "seg",
          text: `${pb.name} ${sb.name} ${n(sa.pages)}→${n(sb.pages)} pages`,
          refs: { proc: pb.name, seg: sb.name },
        });
      else if (sa.prot !== sb.prot && !sa.pageprot && !sb.pageprot)
        out.push({
          kind: "seg",
          text: `${pb.name} ${sb.name} prot ${protName(sa.prot)}→${protName(sb.prot)}`,
          refs: { proc: pb.name, seg: sb.name },
        });
      if (sa && (sa.pageprot || sb.pageprot)) out.add(diffPageProts(pb, sa, sb, keep));
      // segvn_data's amp pointer: set at the first anon, or a new one (a split, a copy)
      if (sa && sa.amp !== sb.amp)
        out.push({
          kind: "seg",
          text: sb.amp
            ? `${pb.name} ${sb.name} → amp:${sb.amp}${sa.amp ? ` (was amp:${sa.amp})` : " (its first anon_map)"}`
            : `${pb.name} ${sb.name} no longer has an anon_map (was amp:${sa.amp})`,
          refs: { proc: pb.name, seg: sb.name, ...(sb.amp ? { amp: sb.amp } : {}) },
        });
      out.add(diffSlots(a, b, pa, pb, sa, sb, keep));
    }
  }
  return out.part;
}

/**
 * Per-page protections (svd->vpage after a partial mprotect: segvn_setprot), as runs of pages
 * whose prot went from one value to another. A partial mprotect of untouched pages changes
 * nothing else a student sees but pmap's Mode column, so it must be listed here.
 */
function diffPageProts(pb: Proc, sa: Seg, sb: Seg, keep: number): Part {
  const runs = new Group("seg", keep);
  const refs = { proc: pb.name, seg: sb.name };
  let start = -1;
  const flush = (end: number, from: number, to: number): void => {
    const [a, b] = [sb.first + start, sb.first + end - 1];
    runs.add(() => ({
      kind: "seg",
      text: `${pb.name} ${sb.name} ${a === b ? `page ${a}` : `pages ${a}–${b}`} prot ${protName(from)}→${protName(to)} (vpage)`,
      refs,
    }));
  };
  let was = 0;
  let now = 0;
  for (let i = 0; i <= sb.pages; i++) {
    // by address: a segment that grew down renumbers its pages
    const j = sb.base + i - sa.base;
    const inA = i < sb.pages && j >= 0 && j < sa.pages;
    const x = inA ? segPageProt(sa, j) : -1;
    const y = inA ? segPageProt(sb, i) : -1;
    const differs = inA && x !== y;
    if (start >= 0 && (!differs || x !== was || y !== now)) {
      flush(i, was, now);
      start = -1;
    }
    if (differs && start < 0) [start, was, now] = [i, x, y];
  }
  return runs.done((c) => ({
    kind: "seg",
    text: `${pb.name} ${sb.name}: ${n(c)} more runs of pages changed prot`,
    refs,
  }));
}

/** The slots and translations of one segment (sa undefined: the segment is new). */
function diffSlots(
  a: VmState,
  b: VmState,
  pa: Proc | undefined,
  pb: Proc,
  sa: Seg | undefined,
  sb: Seg,
  keep: number,
): Part {
  const slots = new Group("slot", keep);
  const hats = new Group("hat", keep);
  const slotA = sa ? slotReader(a, sa) : () => 0;
  const slotB = slotReader(b, sb);
  const hatA = new HatReader(sa ? pa : undefined);
  const hatB = new HatReader(pb);
  for (let i = 0; i < sb.pages; i++) {
    // a segment that grew down (the stack) renumbers its pages: compare by address
    const vpn = sb.base + i;
    const j = sa ? vpn - sa.base : -1;
    const inA = !!sa && j >= 0 && j < sa.pages;
    const was = inA ? slotA(j) : 0;
    const now = slotB(i);
    if (was !== now)
      slots.add(() => ({
        kind: "slot",
        text: now
          ? `${slotName(pb, sb, i)} → anon:${now}${was ? ` (was anon:${was})` : ""}`
          : `${slotName(pb, sb, i)} emptied (was anon:${was})`,
        refs: { proc: pb.name, seg: sb.name, page: sb.first + i, ...(now ? { anon: now } : {}) },
      }));
    const protA = inA ? hatA.prot(vpn) : 0;
    const protB = hatB.prot(vpn);
    const pageA = protA ? hatA.page(vpn) : 0;
    const pageB = protB ? hatB.page(vpn) : 0;
    if (pageA !== pageB || protA !== protB)
      hats.add(() => ({
        kind: "hat",
        text: protB
          ? pageA === pageB
            ? `${slotName(pb, sb, i)} translation to pp:${pageB} ${protName(protA)}→${protName(protB)}`
            : `${slotName(pb, sb, i)} translation → pp:${pageB} ${protName(protB)}${protA ? ` (was pp:${pageA} ${protName(protA)})` : ""}`
          : `${slotName(pb, sb, i)} translation unloaded (was pp:${pageA} ${protName(protA)})`,
        refs: { proc: pb.name, seg: sb.name, page: sb.first + i, ...(protB ? { frame: pageB } : {}) },
      }));
  }
  const refs = { proc: pb.name, seg: sb.name };
  const s = slots.done((c) => ({
    kind: "slot",
    text: `${pb.name} ${sb.name}: ${n(c)} more slots changed`,
    refs,
  }));
  const h = hats.done((c) => ({
    kind: "hat",
    text: `${pb.name} ${sb.name}: ${n(c)} more translations changed`,
    refs,
  }));
  const out = new Parts();
  out.add(s);
  out.add(h);
  return out.part;
}
