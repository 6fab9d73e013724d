import type { Op, Scenario, Statement } from "../src/contract/ast";
import { initialState, runStep } from "../src/engine/run";
import { cloneState } from "../src/engine/state";
import type { VmState } from "../src/engine/types";
import { anon_dup } from "../src/engine/anon";
import { anon_create } from "../src/engine/anon_hdr";
import { newK } from "../src/engine/events";
import { hat_clrattr_write } from "../src/engine/hat";
import { buildTimeline, stateAt } from "../src/engine/timeline";
import { prgetxmap } from "../src/engine/report/xmap";

/**
 * Engine benchmarks (npm run bench). Prints a table and writes bench/results.json. Timings are
 * medians of several runs in one process; they vary with the machine, so compare against the
 * figures in bench/README.md taken on the same kind of machine.
 */

const rw = { r: true, w: true, x: false };
const at = (op: Op): Statement => ({ ...op, where: { line: 0, text: op.op } });

function machine(ramPages: number, swapPages: number): Scenario {
  return { machine: { arch: "x86", ramPages, swapPages }, files: [], steps: [] };
}

function now(): number {
  return performance.now();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt(runs: number, setup: () => void, fn: () => void, after?: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup();
    const t = now();
    fn();
    times.push(now() - t);
    after?.();
  }
  return median(times);
}

function run(st: VmState, ...ops: Op[]): void {
  let n = 0;
  for (const o of ops) {
    const r = runStep(st, at(o), ++n)!;
    if (r.result !== "ok") throw new Error(`${o.op} gave ${r.result}`);
  }
}

const MB = 1024 * 1024;
const mem = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/**
 * Bytes reachable from a value: typed arrays by their buffers, other objects at a rough 8 bytes
 * a slot. A heap difference can come out negative when the collector frees an earlier section's
 * garbage in between; this cannot.
 */
function reachableBytes(root: unknown): number {
  const seen = new Set<object>();
  let bytes = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") bytes += 2 * v.length;
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (!seen.has(v.buffer)) {
        seen.add(v.buffer);
        bytes += v.buffer.byteLength;
      }
    } else if (v instanceof Map) {
      bytes += 16 * v.size;
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      bytes += 8 * v.size;
      for (const x of v) stack.push(x);
    } else {
      const vals: unknown[] = Object.values(v);
      bytes += 8 * vals.length;
      stack.push(...vals);
    }
  }
  return bytes;
}

const results: Record<string, number> = {};
const PAGES = 262_144;

// 1. Touch a 1 GiB private segment, then fork it.
const base = initialState(machine(2 * PAGES + 65_536, 4 * PAGES));
const m0 = mem();
run(
  base,
  { op: "spawn", proc: "P1", empty: true },
  {
    op: "mmap",
    proc: "P1",
    seg: "big",
    source: "/dev/zero",
    pages: PAGES,
    prot: rw,
    shared: false,
    offset: 0,
    noreserve: false,
  },
);
let t = now();
run(base, { op: "write", proc: "P1", seg: "big", range: { from: 0, to: PAGES - 1 } });
results.touch1GiBms = now() - t;
results.touched1GiBStateMB = (mem() - m0) / MB;

// Fork, then (untimed) exit the child, again and again on the same state: no big copies
// between runs whose garbage collection would land in the timed code.
let child = 0;
results.fork1GiBms = timeIt(
  9,
  () => undefined,
  () => run(base, { op: "fork", proc: "P1", child: `C${child}` }),
  () => run(base, { op: "exit", proc: `C${child++}` }),
);

// Its parts: anon_dup of the slots, and hat_clrattr over the parent's translations.
{
  const k = newK(base);
  const amp = [...base.amps.values()][0]!;
  let to = anon_create(PAGES, base.a.anonChunkSize);
  results.anonDupMs = timeIt(
    7,
    () => (to = anon_create(PAGES, base.a.anonChunkSize)),
    () => anon_dup(k, amp.ahp, 0, to, 0, PAGES),
  );
  const p1 = base.procs[0]!;
  const s1 = p1.segs[0]!;
  results.hatClrattrMs = timeIt(
    7,
    () => undefined,
    () => hat_clrattr_write(p1, s1.base, s1.pages),
  );
  // undo the refcounts the timing runs added
  for (let ap = 1; ap < base.anon.next; ap++) base.anon.an_refcnt[ap] = 1;
}

// pmap -x of that process: prgetxmap's segvn_incore over its 262,144 pages, read a chunk of the
// anon_hdr and a page table of the HAT at a time (the browser runs it for every snapshot).
results.xmap1GiBms = timeIt(
  15,
  () => undefined,
  () => prgetxmap(base, base.procs[0]!),
);

// The floor: a plain copy of as many slot entries (a loop, as anon_dup is, and a memcpy).
const src = new Int32Array(PAGES).map((_, i) => i + 1);
let dst = new Int32Array(PAGES);
results.copyLoopMs = timeIt(
  21,
  () => (dst = new Int32Array(PAGES)),
  () => {
    for (let i = 0; i < PAGES; i++) dst[i] = src[i]!;
  },
);
results.copySetMs = timeIt(
  21,
  () => (dst = new Int32Array(PAGES)),
  () => dst.set(src),
);
results.forkOverLoopCopy = results.fork1GiBms / results.copyLoopMs;
results.forkOverMemcpy = results.fork1GiBms / results.copySetMs;

// 2. A million-page mapping with 1,000 pages touched.
const M = 1_000_000;
let big: VmState = initialState(machine(65_536, 2 * M));
results.mmapMillionMs = timeIt(
  5,
  () => (big = initialState(machine(65_536, 2 * M))),
  () =>
    run(
      big,
      { op: "spawn", proc: "P1", empty: true },
      {
        op: "mmap",
        proc: "P1",
        seg: "huge",
        source: "/dev/zero",
        pages: M,
        prot: rw,
        shared: false,
        offset: 0,
        noreserve: false,
      },
    ),
);
t = now();
for (let i = 0; i < 1000; i++)
  run(big, { op: "write", proc: "P1", seg: "huge", range: { from: i * 997, to: i * 997 } });
results.touch1000of1MMs = now() - t;
results.millionMappedStateMB = reachableBytes(big) / MB;

// 3. 10,000 copy-on-write faults in one step.
let cow: VmState = initialState(machine(65_536, 65_536));
const N = 10_000;
results.cow10kMs = timeIt(
  5,
  () => {
    cow = initialState(machine(65_536, 65_536));
    run(
      cow,
      { op: "spawn", proc: "P1", empty: true },
      {
        op: "mmap",
        proc: "P1",
        seg: "b",
        source: "/dev/zero",
        pages: N,
        prot: rw,
        shared: false,
        offset: 0,
        noreserve: false,
      },
      { op: "write", proc: "P1", seg: "b", range: { from: 0, to: N - 1 } },
      { op: "fork", proc: "P1", child: "P2" },
    );
  },
  () => run(cow, { op: "write", proc: "P2", seg: "b", range: { from: 0, to: N - 1 } }),
);
results.cowFaultUs = (results.cow10kMs * 1000) / N;
results.checkpoint1GiBms = timeIt(
  5,
  () => undefined,
  () => cloneState(base),
);

// 4. Time travel for the browser: build the timeline of the large scenario and jump around it.
{
  const sc: Scenario = {
    machine: { arch: "x86", ramPages: 2 * PAGES, swapPages: 4 * PAGES },
    files: [],
    steps: [
      at({ op: "spawn", proc: "P1", empty: true }),
      at({
        op: "mmap",
        proc: "P1",
        seg: "big",
        source: "/dev/zero",
        pages: PAGES,
        prot: rw,
        shared: false,
        offset: 0,
        noreserve: false,
      }),
      at({ op: "write", proc: "P1", seg: "big", range: { from: 0, to: PAGES - 1 } }),
      at({ op: "fork", proc: "P1", child: "P2" }),
      at({ op: "write", proc: "P2", seg: "big", range: { from: 0, to: 2620 } }),
    ],
  };
  let tl = buildTimeline(sc);
  results.timelineLargeBuildMs = timeIt(
    3,
    () => undefined,
    () => (tl = buildTimeline(sc)),
  );
  // what the kept checkpoints hold (the tail aside: it is the state the worker runs on)
  results.timelineLargeCheckpoints = tl.checkpoints.filter(Boolean).length;
  results.timelineLargeCheckpointMB = reachableBytes(tl.checkpoints) / MB;
  results.jumpLargeEndMs = timeIt(
    5,
    () => undefined,
    () => stateAt(tl, { step: 5, event: -1 }),
  );
  results.jumpLargeMidStepMs = timeIt(
    5,
    () => undefined,
    () => stateAt(tl, { step: 5, event: 10 }),
  );
  const small: Scenario = {
    machine: { arch: "x86", ramPages: 1000, swapPages: 1000 },
    files: [],
    steps: [
      at({ op: "spawn", proc: "P1", empty: false }),
      at({
        op: "mmap",
        proc: "P1",
        seg: "buf",
        source: "/dev/zero",
        pages: 8,
        prot: rw,
        shared: false,
        offset: 0,
        noreserve: false,
      }),
      at({ op: "write", proc: "P1", seg: "buf", range: { from: 0, to: 7 } }),
      at({ op: "fork", proc: "P1", child: "P2" }),
      at({ op: "write", proc: "P2", seg: "buf", range: { from: 1, to: 1 } }),
    ],
  };
  const tls = buildTimeline(small);
  results.jumpSmallMidStepMs = timeIt(
    21,
    () => undefined,
    () => stateAt(tls, { step: 5, event: 4 }),
  );
}

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(24)} ${fmt(v)}`);
console.log(JSON.stringify(results));
