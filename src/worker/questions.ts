/**
 * Predict mode's questions, worked out in the worker: questionsFor (engine/predict.ts) reads two
 * JSON documents, but only a few of their fields, and only for the processes and mappings the
 * step's statement touches. Building and posting two whole documents of a 1 GB state took
 * seconds; here each document is a view of the state that computes a field when questionsFor
 * first reads it, and only the questions travel back.
 *
 * The documents are partial, for questionsFor only: a slot carries its anon (frame and hat are
 * null; every slot holding one anon is the same object), an anon its id and an_refcnt, `frames`,
 * `anonMaps`, `steps` and `text` are empty. questions.test.ts checks that every preset and lesson
 * gets exactly the questions the whole documents give.
 */
import { anon_get_ptr } from "../engine/anon_hdr";
import { questionsFor } from "../engine/predict";
import { type Question } from "../contract/question";
import { pmapOf } from "../engine/report/doc";
import { type AnonDoc, type ProcessDoc, type SegmentDoc, type SlotDoc, type VmDoc } from "../contract/doc";
import type { PmapLine } from "../contract/doc";
import type { StepRecord } from "../engine/run";
import { protName } from "../engine/segs";
import type { Proc, Seg, VmState } from "../engine/types";
import { swapDocOf } from "../engine/report/doc";
import { sourceOf } from "./snapshot";

const EMPTY: SlotDoc = Object.freeze({ anon: null, frame: null, hat: null });

/** One slot object per anon id, shared by every slot (of both documents) that holds it. */
type SlotCache = SlotDoc[];

function slotOf(cache: SlotCache, ap: number): SlotDoc {
  if (!ap) return EMPTY;
  return (cache[ap] ??= Object.freeze({ anon: `anon:${ap}`, frame: null, hat: null }));
}

/** A getter that computes its value on first read and keeps it. */
function lazy<T extends object, K extends string, V>(o: T, key: K, make: () => V): T & Record<K, V> {
  let v: V | undefined;
  let made = false;
  Object.defineProperty(o, key, {
    enumerable: true,
    get: () => {
      if (!made) {
        v = make();
        made = true;
      }
      return v;
    },
  });
  return o as T & Record<K, V>;
}

function segment(st: VmState, s: Seg, cache: SlotCache): SegmentDoc {
  const amp = s.amp ? st.amps.get(s.amp) : undefined;
  const doc = {
    name: s.name,
    first: s.first,
    base: "",
    pages: s.pages,
    prot: protName(s.prot),
    share: s.shared ? ("shared" as const) : ("private" as const),
    noreserve: s.noreserve,
    source: sourceOf(st, s),
    offset: s.vp >= 0 ? s.offset : 0,
    amp: amp ? `amp:${amp.id}` : null,
  };
  return lazy(doc, "slots", () => {
    const slots = new Array<SlotDoc>(s.pages);
    const chunk = st.a.anonChunkSize;
    for (let i = 0; i < s.pages; i++)
      slots[i] = amp ? slotOf(cache, anon_get_ptr(amp.ahp, s.anon_index + i, chunk)) : EMPTY;
    return slots;
  });
}

function procDoc(st: VmState, p: Proc, cache: SlotCache): ProcessDoc {
  return {
    name: p.name,
    pid: p.pid,
    state: p.alive ? "alive" : "exited",
    segments: p.alive ? p.segs.map((s) => segment(st, s, cache)) : [],
  };
}

function anons(st: VmState): AnonDoc[] {
  const an = st.anon;
  const out: AnonDoc[] = [];
  for (let ap = 1; ap < an.next; ap++) {
    const refcnt = an.an_refcnt[ap]!;
    if (refcnt > 0) out.push({ id: `anon:${ap}`, refcnt, swapfsOffset: 0, swapSlot: null, frame: null });
  }
  return out;
}

/** The partial document of `st` that questionsFor reads (see the file's comment). */
export function questionDoc(st: VmState, cache: SlotCache = []): VmDoc {
  const pmap: Record<string, PmapLine[]> = {};
  for (const p of st.procs) if (p.alive) lazy(pmap, p.name, () => pmapOf(st, p));
  const doc = {
    format: "anonscope/1" as const,
    arch: st.a.arch,
    pageSize: st.a.pageSize,
    steps: [],
    processes: st.procs.map((p) => procDoc(st, p, cache)),
    anonMaps: [],
    frames: [],
    swap: swapDocOf(st),
    pmap,
    text: { "swap-s": "", "swap-l": "", "pmap-x": {} },
  };
  return lazy(doc, "anons", () => anons(st));
}

/** The questions about `step` (its record), from the states before and after it. */
export function questionsBetween(before: VmState, step: StepRecord, after: VmState): Question[] {
  const cache: SlotCache = [];
  return questionsFor(questionDoc(before, cache), step, questionDoc(after, cache));
}
