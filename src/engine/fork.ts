import { anon_dup } from "./anon";
import { anon_create } from "./anon_hdr";
import { emit, nest, type K } from "./events";
import { hat_clrattr_write } from "./hat";
import { roomFor } from "./room";
import { cloneSeg } from "./state";
import { segLabel } from "./segs";
import { SRC } from "../contract/kernel/source";
import { anon_resvmem, pl } from "./swap";
import { segvn_free } from "./unmap";
import type { AnonMap, Proc, Seg, StepResult } from "./types";

/**
 * fork: cfork → as_dup → segvn_dup for each segment (anon-layer.md b.7). The child gets its own
 * segments; private anon_maps are new but their slots point at the parent's anons (an_refcnt
 * + 1 each, no page copied), and the parent loses write permission on those pages so the next
 * write by either side faults and copies. The child starts with no translations at all.
 */
export function cfork(k: K, pi: number, childName: string): StepResult {
  const st = k.st;
  const parent = st.procs[pi]!;
  const pages = parent.segs.reduce((n, s) => n + s.pages, 0);
  if (!roomFor(k, pi, 0, pages, "cfork", `a copy of ${parent.name}'s address space for ${childName}`)) {
    emit(k, "cfork", SRC.fork, "fork fails with EAGAIN: no child is made.", { proc: parent.name });
    return "EAGAIN";
  }
  const child: Proc = {
    ...parent,
    name: childName,
    pid: st.nextPid++,
    alive: true,
    segs: [],
    hat: new Map(),
  };
  st.procs.push(child);
  const ci = st.procs.length - 1;
  emit(
    k,
    "cfork",
    SRC.fork,
    `${parent.name} forks: the child ${childName} (pid ${child.pid}) gets a new address space; as_dup copies ${parent.name}'s segments one by one, in address order.`,
    { proc: childName },
  );
  const failed = nest(k, () => {
    const arch = st.a.arch === "x86" ? SRC.hat_i86 : SRC.hat_sfmmu;
    emit(
      k,
      "hat_dup",
      arch,
      `hat_dup copies no translations: ${childName} starts with an empty page table and will fault every page in.`,
      { proc: childName },
    );
    for (const seg of parent.segs) {
      if (segvn_dup(k, pi, seg, child)) continue;
      // as_dup failed: as_free the half-built child, undoing what was copied so far.
      emit(
        k,
        "as_dup",
        SRC.vm_as,
        `segvn_dup of ${seg.name} failed with ENOMEM: as_free tears down the half-built child, giving back what was copied so far.`,
        { proc: childName },
      );
      nest(k, () => {
        for (const s of [...child.segs]) segvn_free(k, ci, s);
      });
      return true;
    }
    return false;
  });
  if (failed) {
    child.segs = [];
    st.procs.pop();
    st.nextPid--;
    emit(
      k,
      "cfork",
      SRC.fork,
      `fork fails with ENOMEM: not enough swap could be reserved for the child. ${parent.name}'s pages already write-protected stay so until it writes them again.`,
      { proc: parent.name },
    );
    return "ENOMEM";
  }
  emit(
    k,
    "cfork",
    SRC.fork,
    `fork returns: ${childName} has ${child.segs.length} ${pl(child.segs.length, "segment", "segments")} and no translations.`,
    { proc: childName },
  );
  return "ok";
}

/** segvn_dup: copy one segment into the child. false: the reservation failed (ENOMEM). */
function segvn_dup(k: K, pi: number, seg: Seg, child: Proc): boolean {
  const st = k.st;
  const parent = st.procs[pi]!;
  const amp = seg.amp ? st.amps.get(seg.amp)! : null;
  const plan = !amp
    ? `no anon_map yet (never faulted${seg.vp >= 0 ? " or never written" : ""}), so the child's copy has none either`
    : seg.shared
      ? `MAP_SHARED: the child points at the same amp:${amp.id}, whose refcnt becomes ${amp.refcnt + 1}; no slot is copied and ${parent.name}'s translations are left alone`
      : `a new anon_map whose slots point at the same anons (anon_dup), then ${parent.name}'s translations there made read-only (hat_clrattr)`;
  emit(
    k,
    "segvn_dup",
    SRC.seg_vn,
    `Duplicate ${segLabel(seg, st)} for ${child.name}: ${seg.swresv ? `first reserve its ${seg.swresv} ${pl(seg.swresv)} of swap again, then ` : ""}${plan}.`,
    { proc: child.name, seg: seg.name, ...(amp ? { amp: amp.id } : {}) },
  );
  return nest(k, () => {
    if (seg.swresv && !anon_resvmem(k, seg.swresv, `${child.name}'s copy of ${seg.name}`)) return false;
    const copy = cloneSeg(seg);
    child.segs.push(copy);
    if (!amp) return true;
    if (seg.shared) {
      amp.refcnt++;
      return true;
    }
    const nid = st.nextAmp++;
    const nAmp: AnonMap = {
      id: nid,
      refcnt: 1,
      size: seg.pages,
      swresv: 0,
      ahp: anon_create(seg.pages, st.a.anonChunkSize),
    };
    st.amps.set(nid, nAmp);
    copy.amp = nid;
    copy.anon_index = 0;
    const n = anon_dup(k, amp.ahp, seg.anon_index, nAmp.ahp, 0, seg.pages);
    emit(
      k,
      "anon_dup",
      SRC.vm_anon,
      `${child.name} gets its own amp:${nid} whose slots point at the same ${n} ${pl(n, "anon", "anons")} as ${parent.name}'s amp:${amp.id}; each anon's an_refcnt goes up by one. No page is copied.`,
      { proc: child.name, seg: seg.name, amp: nid },
    );
    hat_clrattr_write(parent, seg.base, seg.pages);
    emit(
      k,
      "hat_clrattr",
      st.a.arch === "x86" ? SRC.hat_i86 : SRC.hat_sfmmu,
      `hat_clrattr(PROT_WRITE) over all of ${seg.name}: every translation ${parent.name} has there becomes read-only, so the next write by either process faults and decides copy-on-write.`,
      { proc: parent.name, seg: seg.name },
    );
    return true;
  });
}
