import { describe, expect, it } from "vitest";
import { buildDoc, docRecords } from "../engine/report/doc";
import { type VmDoc } from "../contract/doc";
import { initialState, runStep, type StepRecord } from "../engine/run";
import type { VmState } from "../engine/types";
import { LIMITS } from "../contract/limits";
import { parseScenario } from "../scenarios/parse";
import { PRESETS } from "../scenarios/presets";
import { fileStem, toolText } from "../ui/teach/exportFiles";
import { tableText } from "../ui/teach/tables";
import { ALL_SLOTS_MAX, buildDocView, ROWS_MAX } from "./docView";
import { type DocTable } from "../contract/docView";
import { createSession } from "./session";
import * as late from "./late";

/** Every state of a scenario, with the whole JSON document of each (small scenarios only). */
function walk(text: string): { st: VmState; doc: VmDoc }[] {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.error.message);
  const st = initialState(r.scenario);
  const steps: StepRecord[] = [];
  const out = [{ st: structuredClone(st), doc: buildDoc(st, []) }];
  r.scenario.steps.forEach((s, i) => {
    steps.push(runStep(st, s, i + 1)!);
    out.push({ st: structuredClone(st), doc: buildDoc(st, steps) });
  });
  return out;
}

/** The state at the end of a scenario (no document: a big one would not fit in memory). */
function stateOf(text: string): VmState {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.error.message);
  const st = initialState(r.scenario);
  r.scenario.steps.forEach((s, i) => runStep(st, s, i + 1));
  return st;
}

/** The tables as read from the whole document (the way the browser built them before): the reference. */
function referenceRows(doc: VmDoc): Record<string, string[][]> {
  const alive = doc.processes.filter((p) => p.state === "alive");
  const refcnt = new Map(doc.anons.map((a) => [a.id, a.refcnt]));
  const slots: string[][] = [];
  for (const p of alive)
    for (const s of p.segments)
      s.slots.forEach((sl, i) => {
        if (s.pages > ALL_SLOTS_MAX && !sl.anon && !sl.frame) return;
        slots.push([
          p.name,
          s.name,
          String(s.first + i),
          sl.anon ?? "NULL",
          sl.anon ? String(refcnt.get(sl.anon)) : "—",
          sl.frame ?? "—",
          sl.hat ?? "—",
        ]);
      });
  const hex = (n: number): string => `0x${n.toString(16)}`;
  return {
    segments: alive.flatMap((p) =>
      p.segments.map((s) => [
        p.name,
        String(p.pid),
        s.name,
        `${s.first}–${s.first + s.pages - 1}`,
        s.base,
        String(s.pages),
        s.prot,
        s.share,
        s.source,
        s.amp ?? "—",
      ]),
    ),
    slots,
    anons: doc.anons.map((a) => [
      a.id,
      String(a.refcnt),
      `(swapfs, ${hex(a.swapfsOffset)})`,
      a.frame ?? "—",
      a.swapSlot === null ? "—" : String(a.swapSlot),
    ]),
    frames: doc.frames.map((f) => [
      f.id,
      String(f.pfn),
      f.vnode,
      hex(f.offset),
      f.cached ? "cached (unmapped)" : "in use",
    ]),
  };
}

const table = (ts: readonly DocTable[], id: string): DocTable => ts.find((t) => t.id === id)!;

describe("the document view (Tables, print, tool text)", () => {
  it("says what the whole document says, for every preset small enough to list whole", () => {
    for (const p of PRESETS.filter((x) => !/large/.test(x.id))) {
      for (const { st, doc } of walk(p.text)) {
        const v = buildDocView(st);
        const ref = referenceRows(doc);
        for (const id of ["segments", "slots", "anons", "frames"])
          expect(table(v.tables, id).rows, `${p.id} ${id}`).toEqual(ref[id]!.slice(0, ROWS_MAX));
        expect(v.tools.swapS).toBe(doc.text["swap-s"]);
        const live = doc.processes.filter((x) => x.state === "alive");
        expect(v.tools.pmap).toEqual(live.map((x) => ({ pid: x.pid, text: doc.text["pmap-x"][x.name] })));
        expect(v.records).toBe(docRecords(st));
      }
    }
  });

  it("lists a shared anon with an_refcnt 2, and copies as tab-separated text and shell text", () => {
    const runs = walk(PRESETS.find((p) => p.id === "default")!.text);
    const { doc, st } = runs[runs.length - 1]!;
    const v = buildDocView(st);
    const anons = table(v.tables, "anons");
    expect(anons.rows.some((r) => r[1] === "2")).toBe(true);
    expect(tableText(anons).split("\n")[1]).toBe("anon\tan_refcnt\tswapfs name\tpage\tswap slot");
    const both = toolText(v, "both");
    expect(both.startsWith("$ pmap -x 101\n101:")).toBe(true);
    expect(both).toContain("\n$ pmap -x 102\n");
    expect(both.endsWith(`$ swap -s\n${doc.text["swap-s"].trimEnd()}\n`)).toBe(true);
    expect(toolText(v, "swap")).toBe(`$ swap -s\n${doc.text["swap-s"].trimEnd()}\n`);
    expect(toolText(v, "pmap")).not.toContain("swap -s");
    expect(fileStem("Anon layer", 5)).toBe("anonscope-anon-layer-step-5");
  });

  it("the issue's 160-character link: 33 million records, a view of a few hundred KB at most", () => {
    const text =
      "machine ram=16g swap=16g\nspawn P1 empty\nP1 mmap a /dev/zero 16777216 rw private noreserve\n" +
      "P1 write a 0-2999\nP1 fork P2\nP2 write a 100-199\n";
    const st = stateOf(text);
    expect(docRecords(st)).toBeGreaterThan(LIMITS.docRecords);
    const v = buildDocView(st);
    const slots = table(v.tables, "slots");
    expect(slots.rows).toHaveLength(ROWS_MAX);
    // P1's 3,000 slots in use and P2's 3,000, less the rows listed
    expect(slots.note).toBe(
      `Segments over ${ALL_SLOTS_MAX} pages list only the slots in use. ${(6000 - ROWS_MAX).toLocaleString("en-US")} more slots are not listed.`,
    );
    expect(table(v.tables, "anons").rows).toHaveLength(ROWS_MAX);
    expect(table(v.tables, "anons").note).toBe("1,100 more anons are not listed.");
    expect(JSON.stringify(v).length).toBeLessThan(1_000_000);
    const small = buildDocView(st, 5);
    for (const t of small.tables) expect(t.rows.length).toBeLessThanOrEqual(5);
  });

  it("the session refuses the whole document past LIMITS.docRecords, as the CLI does, and serves the view", () => {
    const s = createSession({ late });
    const text =
      "machine ram=16g swap=16g\nspawn P1 empty\nP1 mmap a /dev/zero 16777216 rw private noreserve\nP1 fork P2\n";
    const loaded = s.handle({ v: 1, type: "load", id: 1, text, to: "end" });
    if (loaded.type !== "loaded") throw new Error(loaded.type);
    const pos = { step: 4, event: -1 };
    const doc = s.handle({ v: 1, type: "doc", id: 2, gen: loaded.gen, pos });
    expect(doc.type).toBe("failed");
    expect(doc.type === "failed" && doc.message).toMatch(/33554432 .*\(LIMITS\.docRecords\)$/);
    const view = s.handle({ v: 1, type: "view", id: 3, gen: loaded.gen, pos, rows: 64 });
    if (view.type !== "view") throw new Error(view.type);
    expect(view.view.records).toBe(33554432);
    expect(table(view.view.tables, "segments").rows).toHaveLength(2);
    // pmap -x prints no row for the untouched MAP_NORESERVE mapping (c.3), swap -s its figures
    const tools = toolText(view.view, "both");
    expect(tools).toContain("$ pmap -x 102\n");
    expect(tools).not.toContain("67108864");
    expect(tools).toMatch(/\$ swap -s\ntotal: 0k bytes allocated \+ 0k reserved = 0k used, \d+k available/);
  });
});
