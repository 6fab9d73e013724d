import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * A black-box fuzzer over the CLI's JSON (`sim --json`), in the independent-attack style of
 * issue 15: scenarios are generated as *text* from the language of scenario-format.md §1 by a
 * seeded generator of its own (no engine code, no fast-check: a different generator from
 * src/engine/random-ops.property.test.ts), run through the real CLI, and every document is
 * checked against invariants read off the contract (§3) alone. Each scenario also runs cut at a
 * few `--until` points, so ids can be checked across steps. Deterministic seeds; a few seconds.
 * FUZZ_SEEDS=N runs N scenarios (the suite runs SEEDS).
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const SEEDS = Number(process.env.FUZZ_SEEDS ?? 12);

/** mulberry32: a tiny seeded generator (the same seed gives the same scenario everywhere). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, int, pick };
}

interface Gen {
  text: string;
  arch: "x86" | "sparc";
  files: Map<string, number>;
  steps: number;
}

/**
 * A scenario as a user might type it: header lines, then operations on names the generator
 * remembers having made (it does not know what the engine did with them), with sizes in pages
 * or units, ranges, comments, blank lines and odd spacing; now and then a name that was never
 * made, or a range past the end.
 */
function generate(seed: number): Gen {
  const r = rng(seed);
  const arch = r.next() < 0.25 ? "sparc" : "x86";
  const kb = arch === "sparc" ? 8 : 4;
  const lines: string[] = [`# fuzz seed ${seed}`];
  lines.push(`machine arch=${arch} ram=${r.int(24, 160) * kb}k swap=${r.pick([0, 1, r.int(8, 200)]) * kb}k`);
  // the standard process's program (README: `spawn P` maps /usr/bin/demo, 6 pages)
  const files = new Map<string, number>([["/usr/bin/demo", 6]]);
  for (let i = 0, n = r.int(0, 2); i < n; i++) {
    const pages = r.int(1, 12);
    files.set(`/data/f${i}`, pages);
    lines.push(`file /data/f${i} ${r.next() < 0.5 ? pages : `${pages * kb}k`}`);
  }
  const procs: string[] = [];
  const segs = new Map<string, { name: string; pages: number }[]>();
  let nextProc = 1;
  let nextSeg = 0;
  const sp = (): string => (r.next() < 0.1 ? "  " : " ");
  const range = (pages: number): string => {
    const a = r.int(0, Math.max(0, pages - 1 + (r.next() < 0.1 ? 3 : 0)));
    const b = Math.min(a + r.int(0, 6), pages - 1 + (r.next() < 0.1 ? 2 : 0));
    return a === b || b < a ? String(a) : `${a}-${b}`;
  };
  let steps = 0;
  const n = r.int(6, 36);
  for (let i = 0; i < n; i++) {
    if (r.next() < 0.08) lines.push(r.next() < 0.5 ? "" : `  # step ${i}`);
    const who = procs.length ? r.pick(procs) : null;
    const mine = who ? (segs.get(who) ?? []) : [];
    const seg = mine.length ? r.pick(mine) : null;
    const x = r.next();
    let line: string;
    if (!who || x < 0.08) {
      const p = `P${nextProc++}`;
      const empty = r.next() < 0.4;
      line = `spawn ${p}${empty ? " empty" : ""}`;
      procs.push(p);
      segs.set(
        p,
        empty
          ? []
          : [
              { name: "heap", pages: 4 },
              { name: "stack", pages: 2 },
              { name: "data", pages: 2 },
            ],
      );
    } else if (x < 0.25 || !seg) {
      const name = `m${nextSeg++}`;
      const pages = r.int(1, 24);
      const declared = [...files.keys()].filter((f) => f.startsWith("/data/"));
      const file = declared.length && r.next() < 0.3 ? r.pick(declared) : null;
      const src = file ?? r.pick(["/dev/zero", "anon"]);
      const size = r.next() < 0.3 ? `${pages * kb}k` : String(pages);
      const prot = r.pick(["r", "rw", "rw", "rx", "rwx", "none"]);
      const share = r.next() < 0.3 ? "shared" : "private";
      const extra = [
        file && r.next() < 0.3 ? `offset=${r.int(0, 3)}` : "",
        r.next() < 0.15 ? "noreserve" : "",
      ];
      line = [`${who} mmap ${name} ${src} ${size} ${prot} ${share}`, ...extra].filter(Boolean).join(sp());
      mine.push({ name, pages });
    } else if (x < 0.55)
      line = `${who}${sp()}${r.next() < 0.7 ? "write" : "read"} ${seg.name} ${range(seg.pages)}`;
    else if (x < 0.65) {
      const child = `P${nextProc++}`;
      line = `${who} fork ${child}`;
      procs.push(child);
      segs.set(
        child,
        mine.map((s) => ({ ...s })),
      );
    } else if (x < 0.72)
      // (the shared contract now also has `pageout … reuse`; the parser does not take it yet)
      line = `pageout ${who} ${seg.name} ${range(seg.pages)}`;
    else if (x < 0.78) line = `${who} munmap ${seg.name}${r.next() < 0.6 ? ` ${range(seg.pages)}` : ""}`;
    else if (x < 0.84)
      line = `${who} mprotect ${seg.name} ${r.pick(["r", "rw", "none", "rwx"])}${r.next() < 0.5 ? ` ${range(seg.pages)}` : ""}`;
    else if (x < 0.88) line = `${who} sbrk ${r.int(1, 6)}`;
    else if (x < 0.91) line = `${who} stack ${r.int(1, 4)}`;
    else if (x < 0.95) {
      line = `${who} exit`;
      procs.splice(procs.indexOf(who), 1);
    } else line = `${who} write ${r.next() < 0.5 ? "nosuch" : seg.name} ${seg.pages + r.int(0, 4)}`;
    lines.push(line);
    steps++;
  }
  return { text: `${lines.join("\n")}\n`, arch, files, steps };
}

function sim(args: string[], input: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const c = spawn("node", [`${root}scripts/sim.mjs`, ...args], { cwd: root });
    let out = "";
    let err = "";
    c.stdout.on("data", (b: Buffer) => (out += b.toString()));
    c.stderr.on("data", (b: Buffer) => (err += b.toString()));
    c.on("close", (code) => done({ code, out, err }));
    c.stdin.end(input);
  });
}

/** The document as scenario-format.md §3 writes it (typed here from the contract, not the engine). */
interface Slot {
  anon: string | null;
  frame: string | null;
  hat: string | null;
}
interface Segment {
  name: string;
  first: number;
  pages: number;
  prot: string;
  share: string;
  noreserve: boolean;
  source: string;
  amp: string | null;
  slots: Slot[];
}
interface Doc {
  format: string;
  arch: string;
  pageSize: number;
  steps: { n: number; result: string; events: { fn: string; src: string; say: string }[] }[];
  processes: { name: string; pid: number; state: string; segments: Segment[] }[];
  anonMaps: { id: string; refcnt: number; pages: number; slots: number; levels: number; chunks: number }[];
  anons: {
    id: string;
    refcnt: number;
    swapfsOffset: number;
    swapSlot: number | null;
    frame: string | null;
  }[];
  frames: { id: string; vnode: string; offset: number; cached: boolean }[];
  swap: {
    reservedPages: number;
    allocatedPages: number;
    usedPages: number;
    availablePages: number;
    deviceSlots: number;
    deviceSlotsUsed: number;
  };
  pmap: Record<
    string,
    {
      addr: string;
      kbytes: number;
      rss: number;
      anon: number;
      locked: number;
      mode: string;
      segment: string;
    }[]
  >;
  text: { "swap-s": string; "pmap-x": Record<string, string> };
}

const RESULTS = new Set(["ok", "ENOMEM", "EAGAIN", "EINVAL", "EACCES", "SIGSEGV", "SIGBUS"]);
const ID = { amp: /^amp:\d+$/, anon: /^anon:\d+$/, pp: /^pp:\d+$/ };

/** Everything wrong with one document, read against scenario-format.md §3 alone. */
function problems(d: Doc, g: Gen, until: number): string[] {
  const bad: string[] = [];
  const check = (ok: boolean, what: string): void => void (ok || bad.push(what));
  const ps = g.arch === "sparc" ? 8192 : 4096;
  check(d.format === "anonscope/1" && d.arch === g.arch && d.pageSize === ps, "format, arch, pageSize");
  check(d.steps.length === Math.min(until, g.steps), `steps: ${d.steps.length}`);
  d.steps.forEach((s, i) => {
    check(s.n === i + 1, `step ${i + 1} numbered ${s.n}`);
    check(RESULTS.has(s.result), `step ${s.n} result ${s.result}`);
    check(s.events.length > 0, `step ${s.n} has no event`);
    for (const e of s.events)
      check(!!e.fn && e.src.startsWith("usr/src/") && e.say.trim().length > 0, `step ${s.n} event ${e.fn}`);
  });
  const unique = (xs: string[], what: string): void =>
    check(new Set(xs).size === xs.length, `${what} ids not unique`);
  unique(
    d.anons.map((a) => a.id),
    "anon",
  );
  unique(
    d.frames.map((f) => f.id),
    "frame",
  );
  unique(
    d.anonMaps.map((m) => m.id),
    "anon_map",
  );
  unique(
    d.processes.map((p) => p.name),
    "process name",
  );
  unique(
    d.processes.map((p) => String(p.pid)),
    "pid",
  );
  const anons = new Map(d.anons.map((a) => [a.id, a]));
  const frames = new Map(d.frames.map((f) => [f.id, f]));
  const amps = new Map(d.anonMaps.map((m) => [m.id, m]));
  for (const a of d.anons) {
    check(ID.anon.test(a.id) && a.refcnt >= 1, `${a.id} refcnt ${a.refcnt}`);
    check(a.swapfsOffset % ps === 0, `${a.id} swapfs offset`);
    check(a.frame !== null || a.swapSlot !== null, `${a.id} holds its data nowhere`);
    if (a.frame !== null) {
      const f = frames.get(a.frame);
      check(
        f?.vnode === "swapfs" && f.offset === a.swapfsOffset,
        `${a.id} frame ${a.frame} is not named by it`,
      );
    }
  }
  unique(
    d.anons.map((a) => String(a.swapfsOffset)),
    "swapfs name",
  );
  const slotsUsed = d.anons.flatMap((a) => (a.swapSlot === null ? [] : [a.swapSlot]));
  unique(slotsUsed.map(String), "swap slot");
  for (const f of d.frames) {
    check(ID.pp.test(f.id), `${f.id}`);
    if (f.vnode === "swapfs")
      check(
        d.anons.some((a) => a.frame === f.id),
        `${f.id} (swapfs) belongs to no anon`,
      );
    else
      check(
        g.files.has(f.vnode) && f.offset < g.files.get(f.vnode)! * ps,
        `${f.id} names ${f.vnode} ${f.offset}`,
      );
  }
  unique(
    d.frames.map((f) => `${f.vnode}@${f.offset}`),
    "page identity",
  );
  // refcounts: each anon_map slot that holds an anon is one hold on it
  const holders = new Map<string, Set<string>>();
  const ampSegs = new Map<string, number>();
  const mappedFrames = new Set<string>();
  let privateOnly = new Set<string>(d.anons.map((a) => a.id));
  for (const p of d.processes) {
    check(p.state === "alive" || p.segments.length === 0, `${p.name} exited but has segments`);
    for (const s of p.segments) {
      const where = `${p.name} ${s.name}@${s.first}`;
      check(
        s.slots.length === s.pages && s.pages >= 1 && s.first >= 0,
        `${where}: ${s.slots.length} slots, ${s.pages} pages`,
      );
      check(s.amp === null || amps.has(s.amp), `${where}: amp ${s.amp} not listed`);
      if (s.amp) ampSegs.set(s.amp, (ampSegs.get(s.amp) ?? 0) + 1);
      s.slots.forEach((sl, i) => {
        const at = `${where} page ${s.first + i}`;
        check(sl.anon === null || (s.amp !== null && anons.has(sl.anon)), `${at}: anon ${sl.anon}`);
        check((sl.frame === null) === (sl.hat === null), `${at}: frame ${sl.frame} hat ${sl.hat}`);
        if (sl.hat !== null && sl.frame !== null) {
          check(
            [...sl.hat].every((c: string) => s.prot.includes(c)),
            `${at}: hat ${sl.hat} beyond ${s.prot}`,
          );
          check(frames.has(sl.frame), `${at}: frame ${sl.frame} not listed`);
          mappedFrames.add(sl.frame);
          if (sl.anon)
            check(anons.get(sl.anon)?.frame === sl.frame, `${at}: maps ${sl.frame}, its anon holds another`);
          else
            check(frames.get(sl.frame)?.vnode !== "swapfs", `${at}: an anon page with no anon in the slot`);
        }
        if (sl.anon) {
          if (!holders.has(sl.anon)) holders.set(sl.anon, new Set());
          holders.get(sl.anon)!.add(s.amp ?? "");
          if (s.share === "shared") privateOnly.delete(sl.anon);
        }
      });
    }
  }
  for (const a of d.anons) {
    const held = holders.get(a.id)?.size ?? 0;
    // a shared anon_map may keep slots no segment shows (a part unmapped by one of its holders)
    if (privateOnly.has(a.id)) check(held === a.refcnt, `${a.id}: refcnt ${a.refcnt}, ${held} slots hold it`);
    else check(held <= a.refcnt, `${a.id}: refcnt ${a.refcnt} < ${held} holders`);
  }
  privateOnly = new Set();
  for (const m of d.anonMaps) {
    check(ID.amp.test(m.id) && m.slots >= m.pages && (m.levels === 1 || m.levels === 2), `${m.id} shape`);
    check(m.levels === 2 || m.chunks === 0, `${m.id}: chunks ${m.chunks} in a flat anon_hdr`);
    check((ampSegs.get(m.id) ?? 0) >= 1, `${m.id} is listed but no segment uses it`);
  }
  for (const f of d.frames) if (f.cached) check(!mappedFrames.has(f.id), `${f.id} cached but mapped`);
  const w = d.swap;
  check(w.usedPages === w.allocatedPages + w.reservedPages, "swap: used ≠ allocated + reserved");
  check(w.allocatedPages === d.anons.length, `swap: allocated ${w.allocatedPages}, ${d.anons.length} anons`);
  check(w.reservedPages >= 0 && w.availablePages >= 0, "swap: negative figures");
  check(w.deviceSlotsUsed === slotsUsed.length && w.deviceSlotsUsed <= w.deviceSlots, "swap: device slots");
  for (const v of slotsUsed) check(v >= 1 && v <= w.deviceSlots, `swap slot ${v} out of the device`);
  const k = (pages: number): string => `${(pages * ps) / 1024}k`;
  check(
    d.text["swap-s"].startsWith(
      `total: ${k(w.allocatedPages)} bytes allocated + ${k(w.reservedPages)} reserved = ${k(w.usedPages)} used, ${k(w.availablePages)} available`,
    ),
    "swap -s text disagrees with the figures",
  );
  // pmap -x: one set of rows per live process, covering what c.3 says of its segments
  const alive = d.processes.filter((p) => p.state === "alive");
  check(
    Object.keys(d.pmap).sort().join() ===
      alive
        .map((p) => p.name)
        .sort()
        .join() && Object.keys(d.text["pmap-x"]).sort().join() === Object.keys(d.pmap).sort().join(),
    "pmap: not one per live process",
  );
  for (const p of alive) {
    const rows = d.pmap[p.name] ?? [];
    const kbOf = (name: string) => rows.filter((r) => r.segment === name).reduce((n, r) => n + r.kbytes, 0);
    // a file mapping stops at the end of its file; a MAP_NORESERVE anonymous segment shows only
    // its backed pages (those with an anon); any other segment is covered exactly (anon-layer c.3)
    for (const name of new Set<string>(p.segments.map((s) => s.name))) {
      const segs = p.segments.filter((s) => s.name === name);
      const pages = segs.reduce((n, s) => n + s.pages, 0);
      const file = segs.some((s) => s.source.startsWith("/") && s.source !== "/dev/zero");
      const noreserve = !file && segs.some((s) => s.noreserve);
      const backed = segs.reduce((n, s) => n + s.slots.filter((x) => x.anon !== null).length, 0);
      const kb = kbOf(name);
      check(
        file ? kb <= (pages * ps) / 1024 : kb === ((noreserve ? backed : pages) * ps) / 1024,
        `${p.name} ${name}: pmap ${kb}k, segments ${pages} pages${noreserve ? `, ${backed} backed` : ""}`,
      );
    }
    const addrs = rows.map((r) => BigInt(r.addr));
    check(
      addrs.every((a: bigint, i: number) => i === 0 || a > addrs[i - 1]!),
      `${p.name}: pmap rows not in address order`,
    );
    for (const r of rows) {
      check(
        r.rss <= r.kbytes && r.anon <= r.kbytes && r.locked === 0 && r.mode.length === 5,
        `${p.name} ${r.addr} row`,
      );
      if (r.mode[3] === "s") check(r.anon === 0, `${p.name} ${r.addr}: shared row with Anon`);
      check(
        (d.text["pmap-x"][p.name] ?? "").includes(r.addr.replace(/^0x/, "").toUpperCase().padStart(16, "0")),
        `${p.name} ${r.addr} not in the text`,
      );
    }
  }
  return bad;
}

/** Across two documents of one run (after a steps, then b > a): what stays must stay the same. */
function drift(a: Doc, b: Doc): string[] {
  const bad: string[] = [];
  const gone = new Set<string>();
  const anonB = new Map(b.anons.map((x) => [x.id, x]));
  for (const x of a.anons) {
    const y = anonB.get(x.id);
    if (y && y.swapfsOffset !== x.swapfsOffset) bad.push(`${x.id} renamed`);
    if (!y) gone.add(x.id);
  }
  const pids = new Map<string, number>(a.processes.map((p) => [p.name, p.pid]));
  for (const p of b.processes)
    if (pids.has(p.name) && pids.get(p.name) !== p.pid) bad.push(`${p.name} pid changed`);
  for (const [i, s] of a.steps.entries())
    if (JSON.stringify(s) !== JSON.stringify(b.steps[i])) bad.push(`step ${i + 1} differs`);
  return [...bad, ...[...gone].filter((id) => anonB.has(id)).map((id) => `${id} reused`)];
}

describe("black-box fuzz of sim --json against the contract", () => {
  it(`${SEEDS} generated scenarios, each cut at several steps: no document breaks an invariant`, async () => {
    const failures: string[] = [];
    let checked = 0;
    const one = async (seed: number): Promise<void> => {
      const g = generate(seed);
      const cuts = [...new Set([Math.floor(g.steps / 2), g.steps])];
      const docs: Doc[] = [];
      for (const until of cuts) {
        const r = await sim(["-", "--json", "--until", String(until)], g.text);
        if (r.code !== 0) {
          failures.push(`seed ${seed} --until ${until}: exit ${r.code} ${r.err}`);
          return;
        }
        const d = JSON.parse(r.out) as Doc;
        for (const p of problems(d, g, until)) failures.push(`seed ${seed} --until ${until}: ${p}`);
        docs.push(d);
        checked++;
      }
      for (let i = 1; i < docs.length; i++)
        for (const p of drift(docs[i - 1]!, docs[i]!))
          failures.push(`seed ${seed} ${cuts[i - 1]}→${cuts[i]}: ${p}`);
    };
    // two at a time: the machine has two cores
    const seeds = Array.from({ length: SEEDS }, (_, i) => 1000 + i * 7919);
    for (let i = 0; i < seeds.length; i += 2) await Promise.all(seeds.slice(i, i + 2).map(one));
    if (failures.length)
      console.log(
        `scenario of the first failure:\n${generate(Number(/seed (\d+)/.exec(failures[0]!)![1])).text}`,
      );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(SEEDS * 2);
  }, 120_000);

  it("the generator is deterministic and writes only valid language; a broken document is caught", async () => {
    expect(generate(42).text).toBe(generate(42).text);
    expect(generate(42).text).not.toBe(generate(43).text);
    const r = await sim(["-", "--swap"], generate(42).text);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // the checks can fail: each tampering of a real document is reported
    const text = "spawn P1\nP1 write heap 0-3\nP1 fork P2\nP2 write heap 1\npageout P1 heap 2\n";
    const g: Gen = { text, arch: "x86", files: new Map([["/usr/bin/demo", 6]]), steps: 5 };
    const doc = JSON.parse((await sim(["-", "--json"], text)).out) as Doc;
    expect(problems(doc, g, 5)).toEqual([]);
    const tamper = (f: (d: Doc) => void): string[] => {
      const d = structuredClone(doc);
      f(d);
      return problems(d, g, 5);
    };
    expect(tamper((d) => d.anons[0]!.refcnt++)).not.toEqual([]);
    expect(tamper((d) => d.processes[0]!.segments[0]!.slots.pop())).not.toEqual([]);
    expect(tamper((d) => d.swap.allocatedPages++)).not.toEqual([]);
    expect(tamper((d) => (d.anons[1]!.id = d.anons[0]!.id))).not.toEqual([]);
    expect(tamper((d) => d.pmap.P1!.pop())).not.toEqual([]);
    expect(tamper((d) => (d.frames[0]!.offset += 4096))).not.toEqual([]);
  });
});
