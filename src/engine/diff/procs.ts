import { anon_get_ptr } from "../anon_hdr";
import { hat_get } from "../hat";
import { protName } from "../segs";
import type { Proc, Seg, VmState } from "../types";
import { Group, n, Parts } from "./change";
import { type Part } from "../../contract/change";

/** A segment is the same object in both states when its process, mapping name and first page agree. */
const segKey = (s: Seg): string => `${s.name}@${s.first}`;

const slotName = (p: Proc, s: Seg, i: number): string => `${p.name} ${s.name}[${s.first + i}]`;

/** The anon in page i's slot of s (0: none). */
const anonAt = (st: VmState, s: Seg, i: number): number => {
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  return amp ? anon_get_ptr(amp.ahp, s.anon_index + i, st.a.anonChunkSize) : 0;
};

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
      else if (sa.prot !== sb.prot)
        out.push({
          kind: "seg",
          text: `${pb.name} ${sb.name} prot ${protName(sa.prot)}→${protName(sb.prot)}`,
          refs: { proc: pb.name, seg: sb.name },
        });
      out.add(diffSlots(a, b, pa, pb, sa, sb, keep));
    }
  }
  return out.part;
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
  for (let i = 0; i < sb.pages; i++) {
    // a segment that grew down (the stack) renumbers its pages: compare by address
    const vpn = sb.base + i;
    const j = sa ? vpn - sa.base : -1;
    const inA = !!sa && j >= 0 && j < sa.pages;
    const was = inA ? anonAt(a, sa, j) : 0;
    const now = anonAt(b, sb, i);
    if (was !== now)
      slots.add(() => ({
        kind: "slot",
        text: now
          ? `${slotName(pb, sb, i)} → anon:${now}${was ? ` (was anon:${was})` : ""}`
          : `${slotName(pb, sb, i)} emptied (was anon:${was})`,
        refs: { proc: pb.name, seg: sb.name, page: sb.first + i, ...(now ? { anon: now } : {}) },
      }));
    const ta = inA && pa ? hat_get(pa, vpn) : null;
    const tb = hat_get(pb, vpn);
    if ((ta?.page ?? 0) !== (tb?.page ?? 0) || (ta?.prot ?? 0) !== (tb?.prot ?? 0))
      hats.add(() => ({
        kind: "hat",
        text: tb
          ? ta?.page === tb.page
            ? `${slotName(pb, sb, i)} translation to pp:${tb.page} ${protName(ta.prot)}→${protName(tb.prot)}`
            : `${slotName(pb, sb, i)} translation → pp:${tb.page} ${protName(tb.prot)}${ta ? ` (was pp:${ta.page} ${protName(ta.prot)})` : ""}`
          : `${slotName(pb, sb, i)} translation unloaded (was pp:${ta!.page} ${protName(ta!.prot)})`,
        refs: { proc: pb.name, seg: sb.name, page: sb.first + i, ...(tb ? { frame: tb.page } : {}) },
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
