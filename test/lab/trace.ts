import type { SimRun } from "../../src/lab/expected";
import type { LabRun, SmapsRow } from "../../src/lab/parse/lab";
import type { Scenario } from "../../src/contract/ast";

/**
 * What a real (Linux) run of a lab program must show, read from its output: every statement in
 * order, each run by the process it names (the pid the process itself reports), the
 * simulator's result for each (unless the runs went different ways at a reservation, which a
 * machine of another size explains), and each scenario mapping at the scenario's size, with
 * the simulator's rows (offset, size, protection) while the runs agree.
 */

export interface TraceCase {
  readonly scenario: Scenario;
  readonly sim: SimRun;
  readonly run: LabRun;
  readonly pageSize: number;
}

const IMAGE = new Set(["text", "data", "stack"]);
const RESOURCE = new Set(["EAGAIN", "ENOMEM", "SIGBUS"]);

export function checkTrace(t: TraceCase): string[] {
  const bad: string[] = [];
  const { scenario: sc, sim, run } = t;
  if (run.platform !== "linux") bad.push(`platform ${run.platform}`);
  if (!run.ended || run.failed) bad.push(`the run did not end well: ${run.failed ?? "no == end"}`);
  if (run.problems.length) bad.push(`unreadable lines: ${JSON.stringify(run.problems.slice(0, 3))}`);
  const numbers = run.steps.map((s) => s.n);
  const want = Array.from({ length: sc.steps.length + 1 }, (_, i) => i);
  if (JSON.stringify(numbers) !== JSON.stringify(want)) bad.push(`steps ${numbers.join(",")}`);
  const pids = new Map<string, number>();
  let diverged: number | null = null;
  for (const step of run.steps) {
    if (step.n === 0) continue;
    const s = sc.steps[step.n - 1]!;
    const at = `step ${step.n} (${s.where.text})`;
    if (step.text !== s.where.text) bad.push(`${at}: marker says "${step.text}"`);
    for (const o of step.other) bad.push(`${at}: unexpected line ${o.line}: ${o.text}`);
    const simMain = sim.steps[step.n]!.results[0]!;
    const main = step.results[0];
    if (s.op === "pageout") {
      if (step.skipped === null || step.results.length) bad.push(`${at}: a pageout must be skipped`);
      continue;
    }
    if (!main) {
      bad.push(`${at}: no result line`);
      continue;
    }
    // who ran it: the process the statement names, by the pid it reported itself
    const actor = s.op === "spawn" ? s.proc : s.op === "fork" && main.actor === s.child ? s.child : s.proc;
    if (main.actor !== actor) bad.push(`${at}: run by ${main.actor}, not ${actor}`);
    if (main.pid !== null) {
      if (s.op === "spawn") pids.set(s.proc, main.pid);
      else if (pids.get(main.actor) !== main.pid)
        bad.push(`${at}: ${main.actor} answered as pid ${main.pid}, not ${pids.get(main.actor)}`);
    }
    if (s.op === "fork" && main.result === "ok") {
      const child = step.results[1];
      const said = /child (\S+) is pid (\d+)/.exec(main.detail);
      if (!child || !said || child.actor !== s.child || Number(said[2]) !== child.pid)
        bad.push(`${at}: the child did not report as ${s.child}`);
      else pids.set(s.child, child.pid);
    }
    // the same words as --emit-expected prints (addresses and pids aside), so diff lines up
    const norm = (d: string): string => d.replace(/[0-9A-F]{16}/g, "ADDR").replace(/pid \d+/g, "pid N");
    if (
      diverged === null &&
      main.result === "ok" &&
      simMain.result === "ok" &&
      s.op !== "munmap" &&
      s.op !== "spawn"
    )
      if (norm(main.detail) !== norm(simMain.detail))
        bad.push(`${at}: "${main.detail}", expected "${simMain.detail}"`);
    // the simulator's result, until a reservation came out differently on this machine
    if (main.result !== simMain.result) {
      if (diverged === null && !RESOURCE.has(simMain.result) && !RESOURCE.has(main.result))
        bad.push(`${at}: result ${main.result}, the simulator says ${simMain.result}`);
      diverged ??= step.n;
    }
    for (const p of step.procs)
      if (pids.get(p.name) !== p.pid)
        bad.push(`${at}: map line of ${p.name} has pid ${p.pid}, not ${pids.get(p.name)}`);
    if (s.op === "mmap" && main.result === "ok") {
      const p = step.procs.find((q) => q.name === s.proc);
      const seg = p?.map.find((m) => m.name === s.seg);
      const vma = seg && p?.smaps?.find((r) => r.addr === seg.origin);
      if (!seg || seg.pages !== s.pages) bad.push(`${at}: ${s.seg} has ${seg?.pages} pages, not ${s.pages}`);
      else if (!vma || vma.kbytes * 1024 !== s.pages * t.pageSize)
        bad.push(`${at}: no mapping of ${(s.pages * t.pageSize) / 1024} KB at ${seg.origin} in smaps`);
    }
    if (diverged === null) bad.push(...layout(t, step.n, at));
  }
  return bad;
}

/** Each scenario segment: its extent in the map line, and its rows, as the simulator has them. */
function layout(t: TraceCase, n: number, at: string): string[] {
  const bad: string[] = [];
  const real = t.run.steps[n]!;
  for (const sp of t.sim.steps[n]!.procs) {
    const rp = real.procs.find((p) => p.name === sp.name);
    if (!rp) {
      bad.push(`${at}: ${sp.name} is not running`);
      continue;
    }
    for (const seg of sp.map) {
      if (IMAGE.has(seg.name)) continue;
      const rs = rp.map.find((m) => m.name === seg.name);
      if (!rs || rs.pages !== seg.pages) {
        bad.push(`${at}: ${sp.name}'s ${seg.name} has ${rs?.pages} pages, the simulator ${seg.pages}`);
        continue;
      }
      if (seg.name === "heap") continue; // its real rows also hold the C runtime's data
      const o = BigInt(`0x${rs.origin}`);
      const end = o + BigInt(rs.pages * t.pageSize);
      const rows = (rp.smaps ?? []).filter(
        (r: SmapsRow) => BigInt(`0x${r.addr}`) >= o && BigInt(`0x${r.addr}`) < end,
      );
      const realRows = rows.map((r) => `${BigInt(`0x${r.addr}`) - o}:${r.kbytes}:${r.mode.slice(0, 4)}`);
      const so = BigInt(`0x${seg.origin}`);
      const mine = sp.pmap.filter((l) => l.segment === seg.name);
      const simRows = mine.map((l) => `${BigInt(l.addr) - so}:${l.kbytes}:${l.mode.slice(0, 4)}`);
      const simKb = mine.reduce((n, l) => n + l.kbytes, 0);
      if (simKb * 1024 < seg.pages * t.pageSize) {
        // illumos's pmap leaves out what Linux prints: a file mapping's pages past the end of
        // the file, a MAP_NORESERVE segment's unbacked pages (anon-layer.md c.3). Each page
        // the simulator does print must have the real protection there.
        const modeAt = (rs: readonly { off: bigint; kb: number; mode: string }[], off: bigint) =>
          rs.find((r) => off >= r.off && off < r.off + BigInt(r.kb * 1024))?.mode;
        const real = rows.map((r) => ({
          off: BigInt(`0x${r.addr}`) - o,
          kb: r.kbytes,
          mode: r.mode.slice(0, 4),
        }));
        for (const l of mine)
          for (
            let off = BigInt(l.addr) - so;
            off < BigInt(l.addr) - so + BigInt(l.kbytes * 1024);
            off += BigInt(t.pageSize)
          )
            if (modeAt(real, off) !== l.mode.slice(0, 4))
              bad.push(
                `${at}: ${sp.name}'s ${seg.name} at +${off}: real ${modeAt(real, off)}, the simulator's ${l.mode}`,
              );
        continue;
      }
      if (realRows.join(" ") !== simRows.join(" "))
        bad.push(
          `${at}: ${sp.name}'s ${seg.name} rows (offset:KB:mode) are ${realRows.join(" ")}, the simulator's ${simRows.join(" ")}`,
        );
    }
  }
  return bad;
}
