/**
 * The state diff against the JSON document (scenario-format.md §3): on every preset, at every
 * event, each difference between the two documents is listed by diffStates, and every item it
 * lists is such a difference. Both sides are reduced to the same signatures ("slot:P2/buf/1",
 * "refcnt:3", "swap:used"), with nothing folded.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SegmentDoc, VmDoc } from "../../contract/doc";
import { buildDoc } from "../report/doc";
import { initialState, runStep } from "../run";
import { cloneState } from "../state";
import { parse } from "../test-util";
import type { VmState } from "../types";
import type { Change } from "../../contract/change";
import { diffStates } from "./index";

/** What one difference of the documents asks the list for: an item with one of these signatures. */
interface Need {
  readonly any: readonly string[];
  readonly what: string;
}

const num = (id: string | null): number => (id ? Number(id.slice(id.indexOf(":") + 1)) : 0);
const vpnOf = (s: SegmentDoc, pageSize: number): number => Number(BigInt(s.base) / BigInt(pageSize));

/** Every difference between two documents, as the signatures an item about it would carry. */
function needs(a: VmDoc, b: VmDoc): Need[] {
  const out: Need[] = [];
  const need = (what: string, ...any: string[]): void => void out.push({ any, what });
  const ps = b.pageSize;

  for (const pb of b.processes) {
    const pa = a.processes.find((p) => p.name === pb.name);
    if (!pa) need(`${pb.name} appeared`, `proc:${pb.name}`);
    else if (pa.state !== pb.state) {
      need(`${pb.name} ${pb.state}`, `proc:${pb.name}`);
      continue;
    }
    const before = new Map((pa?.segments ?? []).map((s) => [`${s.name}@${s.first}`, s]));
    const after = new Map(pb.segments.map((s) => [`${s.name}@${s.first}`, s]));
    for (const [k, s] of before) if (!after.has(k)) need(`${pb.name} ${k} gone`, `seg:${pb.name}/${s.name}`);
    for (const [k, sb] of after) {
      const sa = before.get(k);
      if (!sa) need(`${pb.name} ${k} appeared`, `seg:${pb.name}/${sb.name}`);
      else
        for (const f of ["base", "pages", "prot", "share", "noreserve", "source", "offset"] as const)
          if (sa[f] !== sb[f]) need(`${pb.name} ${k} ${f}`, `seg:${pb.name}/${sb.name}`);
      // a segment given an anon_map (its first anon): the amp's own record says so
      if (sa && sa.amp !== sb.amp)
        need(
          `${pb.name} ${k} amp ${sa.amp}→${sb.amp}`,
          `seg:${pb.name}/${sb.name}`,
          `amp:${num(sa.amp)}`,
          `amp:${num(sb.amp)}`,
        );
      // slots by address: a stack that grew down renumbers its pages
      const slotsA = new Map<number, (typeof sb.slots)[number]>();
      if (sa) sa.slots.forEach((x, i) => slotsA.set(vpnOf(sa, ps) + i, x));
      sb.slots.forEach((y, i) => {
        const x = slotsA.get(vpnOf(sb, ps) + i);
        const at = `${pb.name}/${sb.name}/${sb.first + i}`;
        if ((x?.anon ?? null) !== y.anon) need(`slot ${at}`, `slot:${at}`);
        if ((x?.frame ?? null) !== y.frame || (x?.hat ?? null) !== y.hat)
          need(`translation ${at}`, `hat:${at}`);
      });
    }
  }

  const anonsA = new Map(a.anons.map((x) => [x.id, x]));
  const anonsB = new Map(b.anons.map((x) => [x.id, x]));
  for (const id of anonsA.keys()) if (!anonsB.has(id)) need(`${id} freed`, `anon:${num(id)}`);
  for (const [id, y] of anonsB) {
    const x = anonsA.get(id);
    if (!x) {
      need(`${id} created`, `anon:${num(id)}`);
      continue;
    }
    if (x.refcnt !== y.refcnt) need(`${id} refcnt`, `refcnt:${num(id)}`);
    if (x.swapSlot !== y.swapSlot) need(`${id} swap slot`, `anon:${num(id)}`);
    // its page named or dropped: the page's own record changed with it
    if (x.frame !== y.frame) need(`${id} frame`, `page:${num(x.frame)}`, `page:${num(y.frame)}`);
  }

  const ampsA = new Map(a.anonMaps.map((m) => [m.id, m]));
  const ampsB = new Map(b.anonMaps.map((m) => [m.id, m]));
  for (const id of ampsA.keys()) if (!ampsB.has(id)) need(`${id} freed`, `amp:${num(id)}`);
  for (const [id, m] of ampsB) {
    const w = ampsA.get(id);
    if (!w || (["refcnt", "pages", "slots", "levels", "chunks"] as const).some((f) => w[f] !== m[f]))
      need(`${id}`, `amp:${num(id)}`);
  }

  const framesA = new Map(a.frames.map((f) => [f.id, f]));
  const framesB = new Map(b.frames.map((f) => [f.id, f]));
  for (const id of new Set([...framesA.keys(), ...framesB.keys()])) {
    const x = framesA.get(id);
    const y = framesB.get(id);
    if (!x || !y || (["vnode", "offset", "cached", "pfn"] as const).some((f) => x[f] !== y[f]))
      need(`${id}`, `page:${num(id)}`);
  }

  const swapNames = {
    reservedPages: "reserved",
    allocatedPages: "allocated",
    usedPages: "used",
    availablePages: "available",
    deviceSlots: "device",
    deviceSlotsUsed: "device",
  } as const;
  for (const [k, name] of Object.entries(swapNames) as [keyof typeof swapNames, string][])
    if (a.swap[k] !== b.swap[k]) need(`swap ${k}`, `swap:${name}`);

  for (const [proc, rows] of Object.entries(b.pmap)) {
    const sum = (rs: readonly (typeof rows)[number][]) => {
      const m = new Map<string, string>();
      const acc = new Map<string, number[]>();
      for (const r of rs) {
        if (!r.segment) continue;
        const s = acc.get(r.segment) ?? [0, 0, 0];
        acc.set(r.segment, [s[0]! + r.kbytes, s[1]! + r.rss, s[2]! + r.anon]);
      }
      for (const [k, v] of acc) m.set(k, v.join("/"));
      return m;
    };
    const sa = sum(a.pmap[proc] ?? []);
    const sb = sum(rows);
    for (const seg of new Set([...sa.keys(), ...sb.keys()]))
      if ((sa.get(seg) ?? "0/0/0") !== (sb.get(seg) ?? "0/0/0"))
        need(`pmap ${proc} ${seg}`, `pmap:${proc}/${seg}`);
    // the rows themselves: a partial mprotect splits a segment's row by Mode (per-page prots)
    const shape = (rs: readonly (typeof rows)[number][], seg: string): string =>
      rs
        .filter((r) => r.segment === seg)
        .map((r) => `${r.addr} ${r.kbytes} ${r.mode}`)
        .join(",");
    for (const seg of new Set(rows.map((r) => r.segment).filter(Boolean)))
      if (a.pmap[proc] && shape(a.pmap[proc], seg) !== shape(rows, seg))
        need(`pmap rows ${proc} ${seg}`, `seg:${proc}/${seg}`, `pmap:${proc}/${seg}`);
  }
  return out;
}

/** The signatures of one item of the list. */
function signatures(c: Change): string[] {
  const r = c.refs;
  const at = `${r.proc}/${r.seg}/${r.page}`;
  switch (c.kind) {
    case "proc":
      return [`proc:${r.proc}`];
    case "seg":
      return [`seg:${r.proc}/${r.seg}`];
    case "slot":
      return [`slot:${at}`];
    case "hat":
      return [`hat:${at}`];
    case "refcnt":
      return [`refcnt:${r.anon}`];
    case "anon": {
      // a freed anon names no object on screen: its id is in the text
      const id = r.anon ?? Number(/^anon:(\d+)/.exec(c.text)?.[1]);
      return [`anon:${id}`];
    }
    case "amp":
      return [`amp:${r.amp ?? Number(/^amp:(\d+)/.exec(c.text)?.[1])}`];
    case "page":
      return [`page:${r.frame ?? Number(/^pp:(\d+)/.exec(c.text)?.[1])}`];
    case "swap":
      return (c.fields ?? []).map((f) => `swap:${f === "free" ? "device" : f}`);
    case "pmap":
      return [`pmap:${r.proc}/${r.seg}`];
  }
}

/** The state after every event of every step (as the timeline's positions are): [label, state]. */
function everyEvent(text: string): [string, VmState][] {
  const sc = parse(text);
  const st = initialState(sc);
  const out: [string, VmState][] = [["start", cloneState(st)]];
  sc.steps.forEach((s, i) => {
    const events = runStep(cloneState(st), s, i + 1)!.events;
    events.slice(0, -1).forEach((ev, e) => {
      const mid = cloneState(st);
      runStep(mid, s, i + 1, ev.raw + 1);
      out.push([`step ${i + 1} event ${e} (${ev.fn})`, mid]);
    });
    runStep(st, s, i + 1);
    out.push([`step ${i + 1}`, cloneState(st)]);
  });
  return out;
}

describe("diffStates lists exactly what the JSON document shows changed", () => {
  const dir = new URL("../../scenarios/presets/", import.meta.url);
  // the 9x presets hold a million slots: their documents are past the CLI's limit
  const presets = readdirSync(dir).filter((f) => f.endsWith(".vms") && !f.startsWith("9"));
  it.each(presets)("%s, event by event", (f) => {
    const states = everyEvent(readFileSync(new URL(f, dir), "utf8"));
    const docs = states.map(([, st]) => buildDoc(st, []));
    let compared = 0;
    for (let i = 1; i < states.length; i++) {
      const want = needs(docs[i - 1]!, docs[i]!);
      const d = diffStates(states[i - 1]![1], states[i]![1], Infinity);
      expect(d.folded).toBe(0);
      const got = new Set(d.items.flatMap(signatures));
      const where = `${f}, ${states[i]![0]}:\n${d.items.map((c) => c.text).join("\n")}`;
      for (const n of want)
        expect(
          n.any.some((s) => got.has(s)),
          `${where}\nmissing: ${n.what}`,
        ).toBe(true);
      const allowed = new Set(want.flatMap((n) => n.any));
      for (const c of d.items)
        for (const s of signatures(c))
          expect(allowed.has(s), `${where}\nnot in the JSON: ${c.text}`).toBe(true);
      compared += want.length;
    }
    // the scenario changed something the test could see
    expect(compared).toBeGreaterThan(0);
  });
});
