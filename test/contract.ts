/**
 * The JSON document's contract (scenario-format.md §3), written out field by field, and a
 * checker that lists every way a document departs from it: a field renamed, missing, of the
 * wrong type or out of order; an id that points at nothing; a figure that disagrees with the
 * text the real tool would print. Extra fields are allowed (the spec: "You may add fields").
 */

type Kind = "string" | "number" | "boolean" | "null" | "array" | "object";

/** A field's allowed kinds; "int" is a whole number. */
type Spec = readonly (Kind | "int")[];

/** Every field the spec names, in the order it lists them. */
export const CONTRACT = {
  doc: {
    format: ["string"],
    arch: ["string"],
    pageSize: ["int"],
    steps: ["array"],
    processes: ["array"],
    anonMaps: ["array"],
    anons: ["array"],
    frames: ["array"],
    swap: ["object"],
    pmap: ["object"],
    text: ["object"],
  },
  step: { n: ["int"], line: ["int"], text: ["string"], result: ["string"], events: ["array"] },
  event: { fn: ["string"], src: ["string"], say: ["string"] },
  process: { name: ["string"], pid: ["int"], state: ["string"], segments: ["array"] },
  segment: {
    name: ["string"],
    first: ["int"],
    base: ["string"],
    pages: ["int"],
    prot: ["string"],
    share: ["string"],
    noreserve: ["boolean"],
    source: ["string"],
    offset: ["int"],
    amp: ["string", "null"],
    slots: ["array"],
  },
  slot: { anon: ["string", "null"], frame: ["string", "null"], hat: ["string", "null"] },
  anonMap: {
    id: ["string"],
    refcnt: ["int"],
    pages: ["int"],
    slots: ["int"],
    levels: ["int"],
    chunks: ["int"],
  },
  anon: {
    id: ["string"],
    refcnt: ["int"],
    swapfsOffset: ["int"],
    swapSlot: ["int", "null"],
    frame: ["string", "null"],
  },
  frame: { id: ["string"], vnode: ["string"], offset: ["int"], cached: ["boolean"] },
  swap: {
    reservedPages: ["int"],
    allocatedPages: ["int"],
    usedPages: ["int"],
    availablePages: ["int"],
    deviceSlots: ["int"],
    deviceSlotsUsed: ["int"],
  },
  pmapRow: {
    addr: ["string"],
    kbytes: ["int"],
    rss: ["int"],
    anon: ["int"],
    locked: ["int"],
    mode: ["string"],
    mapped: ["string"],
    segment: ["string"],
  },
  text: { "swap-s": ["string"], "pmap-x": ["object"] },
} as const satisfies Record<string, Record<string, Spec>>;

const RESULTS = ["ok", "ENOMEM", "EAGAIN", "EINVAL", "EACCES", "SIGSEGV", "SIGBUS"];
const PROTS = ["r", "rw", "rx", "rwx", "none", "w", "x", "wx"];
const HATS = ["r", "rw", "rx", "rwx", "w", "x", "wx"];

type Obj = Record<string, unknown>;

function kindOf(v: unknown): Kind | "undefined" | "other" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  return t === "string" || t === "number" || t === "boolean" || t === "object" || t === "undefined"
    ? t
    : "other";
}

/** Check one object against one entry of CONTRACT; returns it typed as a record when it is one. */
function fields(out: string[], where: string, v: unknown, spec: Readonly<Record<string, Spec>>): Obj {
  if (kindOf(v) !== "object") {
    out.push(`${where}: expected an object, got ${kindOf(v)}`);
    return {};
  }
  const o = v as Obj;
  for (const [k, kinds] of Object.entries(spec)) {
    if (!(k in o)) {
      out.push(`${where}.${k}: missing`);
      continue;
    }
    const x = o[k];
    const ok = kinds.some((kind) =>
      kind === "int" ? typeof x === "number" && Number.isSafeInteger(x) : kindOf(x) === kind,
    );
    if (!ok) out.push(`${where}.${k}: expected ${kinds.join(" | ")}, got ${JSON.stringify(x)}`);
  }
  // the spec's fields come in the spec's order (extra fields may sit anywhere)
  const order = Object.keys(o).filter((k) => k in spec);
  const want = Object.keys(spec).filter((k) => k in o);
  if (order.join() !== want.join()) out.push(`${where}: fields out of order: ${order.join(", ")}`);
  return o;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const idRe = (kind: string): RegExp => new RegExp(`^${kind}:[1-9][0-9]*$`);
const HEX16 = /^0x[0-9a-f]{16}$/;

/**
 * Every departure of `doc` (a parsed --json document) from scenario-format.md §3; [] when none.
 */
export function contractProblems(doc: unknown): string[] {
  const out: string[] = [];
  const d = fields(out, "doc", doc, CONTRACT.doc);
  if (d.format !== "anonscope/1") out.push(`doc.format: ${JSON.stringify(d.format)}`);
  if (!(d.arch === "x86" && d.pageSize === 4096) && !(d.arch === "sparc" && d.pageSize === 8192))
    out.push(`doc.arch/pageSize: ${JSON.stringify(d.arch)} with ${JSON.stringify(d.pageSize)}`);
  const ps = typeof d.pageSize === "number" ? d.pageSize : 4096;
  const kb = ps / 1024;

  // steps
  list(d.steps).forEach((s, i) => {
    const w = `steps[${i}]`;
    const o = fields(out, w, s, CONTRACT.step);
    if (o.n !== i + 1) out.push(`${w}.n: ${JSON.stringify(o.n)}, expected ${i + 1}`);
    if (typeof o.line === "number" && o.line < 1) out.push(`${w}.line: ${o.line}`);
    if (typeof o.result === "string" && !RESULTS.includes(o.result)) out.push(`${w}.result: ${o.result}`);
    const events = list(o.events);
    if (events.length === 0) out.push(`${w}.events: empty`);
    // "Where the step stops with a signal or errno, the last event says why."
    const last = events.at(-1) as Obj | undefined;
    if (o.result !== "ok" && !String(last?.say).includes(String(o.result)))
      out.push(`${w}: ${String(o.result)}, but the last event does not say so: ${String(last?.say)}`);
    events.forEach((e, j) => {
      const ev = fields(out, `${w}.events[${j}]`, e, CONTRACT.event);
      if (typeof ev.src === "string" && !/^usr\/src\/\S+\.[chs]$/.test(ev.src))
        out.push(`${w}.events[${j}].src: ${ev.src}`);
      if (ev.fn === "" || ev.say === "") out.push(`${w}.events[${j}]: empty fn or say`);
    });
  });
  const lines = list(d.steps).map((s) => (s as Obj).line as number);
  if (lines.some((l, i) => i > 0 && l <= lines[i - 1]!)) out.push(`steps: lines not increasing`);

  // objects by id
  const amps = new Map<string, Obj>();
  list(d.anonMaps).forEach((a, i) => {
    const o = fields(out, `anonMaps[${i}]`, a, CONTRACT.anonMap);
    if (typeof o.id !== "string" || !idRe("amp").test(o.id)) out.push(`anonMaps[${i}].id: ${String(o.id)}`);
    if (o.levels !== 1 && o.levels !== 2) out.push(`anonMaps[${i}].levels: ${String(o.levels)}`);
    if (o.levels === 1 && o.chunks !== 0) out.push(`anonMaps[${i}]: flat with chunks ${String(o.chunks)}`);
    if ((o.slots as number) < (o.pages as number)) out.push(`anonMaps[${i}]: slots < pages`);
    if ((o.refcnt as number) < 1) out.push(`anonMaps[${i}].refcnt: ${String(o.refcnt)}`);
    amps.set(String(o.id), o);
  });
  const frames = new Map<string, Obj>();
  list(d.frames).forEach((f, i) => {
    const o = fields(out, `frames[${i}]`, f, CONTRACT.frame);
    if (typeof o.id !== "string" || !idRe("pp").test(o.id)) out.push(`frames[${i}].id: ${String(o.id)}`);
    if (typeof o.vnode === "string" && o.vnode !== "swapfs" && !o.vnode.startsWith("/"))
      out.push(`frames[${i}].vnode: ${o.vnode}`);
    if (typeof o.offset === "number" && o.offset % ps !== 0) out.push(`frames[${i}].offset: ${o.offset}`);
    frames.set(String(o.id), o);
  });
  const anons = new Map<string, Obj>();
  list(d.anons).forEach((a, i) => {
    const w = `anons[${i}]`;
    const o = fields(out, w, a, CONTRACT.anon);
    if (typeof o.id !== "string" || !idRe("anon").test(o.id)) out.push(`${w}.id: ${String(o.id)}`);
    if ((o.refcnt as number) < 1) out.push(`${w}.refcnt: ${String(o.refcnt)}`);
    if (typeof o.swapfsOffset === "number" && o.swapfsOffset % ps !== 0) out.push(`${w}.swapfsOffset`);
    if (typeof o.swapSlot === "number" && o.swapSlot < 1) out.push(`${w}.swapSlot: ${o.swapSlot}`);
    if (typeof o.frame === "string") {
      const f = frames.get(o.frame);
      if (!f) out.push(`${w}.frame: ${o.frame} is not in frames`);
      else if (f.vnode !== "swapfs" || f.offset !== o.swapfsOffset)
        out.push(`${w}.frame: ${o.frame} is not named (swapfs, ${String(o.swapfsOffset)})`);
      // an anon page on the cachelist is clean: its data is on the swap device too
      else if (f.cached === true && o.swapSlot === null)
        out.push(`${w}: its page ${o.frame} is on the cachelist but it has no swap slot`);
    }
    anons.set(String(o.id), o);
  });
  for (const [what, m] of [
    ["anonMaps", amps],
    ["frames", frames],
    ["anons", anons],
  ] as const)
    if (m.size !== list(d[what]).length) out.push(`${what}: an id appears twice`);

  // processes
  const live: string[] = [];
  const segPages = new Map<string, number>();
  list(d.processes).forEach((p, i) => {
    const w = `processes[${i}]`;
    const o = fields(out, w, p, CONTRACT.process);
    if (o.state !== "alive" && o.state !== "exited") out.push(`${w}.state: ${String(o.state)}`);
    if (o.state === "alive") live.push(String(o.name));
    if (o.state === "exited" && list(o.segments).length) out.push(`${w}: exited with segments`);
    list(o.segments).forEach((s, j) => {
      const ws = `${w}.segments[${j}]`;
      const g = fields(out, ws, s, CONTRACT.segment);
      if (typeof g.base !== "string" || !HEX16.test(g.base)) out.push(`${ws}.base: ${String(g.base)}`);
      if (typeof g.prot === "string" && !PROTS.includes(g.prot)) out.push(`${ws}.prot: ${g.prot}`);
      if (g.share !== "private" && g.share !== "shared") out.push(`${ws}.share: ${String(g.share)}`);
      if (typeof g.source === "string" && !/^(\/|anon$|heap$|stack$)/.test(g.source))
        out.push(`${ws}.source: ${g.source}`);
      if (typeof g.amp === "string" && !amps.has(g.amp)) out.push(`${ws}.amp: ${g.amp} not in anonMaps`);
      if (g.share === "shared" && g.noreserve === true) out.push(`${ws}: shared and noreserve`);
      const slots = list(g.slots);
      if (slots.length !== g.pages)
        out.push(`${ws}.slots: ${slots.length} entries for ${String(g.pages)} pages`);
      slots.forEach((x, k) => {
        const wk = `${ws}.slots[${k}]`;
        const sl = fields(out, wk, x, CONTRACT.slot);
        if (typeof sl.anon === "string" && !anons.has(sl.anon))
          out.push(`${wk}.anon: ${sl.anon} not in anons`);
        if (typeof sl.anon === "string" && g.amp === null) out.push(`${wk}.anon without an amp`);
        if (typeof sl.frame === "string" && !frames.has(sl.frame))
          out.push(`${wk}.frame: ${sl.frame} not in frames`);
        if (typeof sl.frame === "string" && frames.get(sl.frame)?.cached === true)
          out.push(`${wk}.frame: ${sl.frame} is mapped, yet on the cachelist`);
        if ((sl.frame === null) !== (sl.hat === null)) out.push(`${wk}: frame and hat disagree`);
        if (typeof sl.hat === "string" && !HATS.includes(sl.hat)) out.push(`${wk}.hat: ${sl.hat}`);
      });
      const key = `${String(o.name)}/${String(g.name)}`;
      segPages.set(key, (segPages.get(key) ?? 0) + (typeof g.pages === "number" ? g.pages : 0));
    });
  });

  // swap: the figures of swap -s
  const sw = fields(out, "swap", d.swap, CONTRACT.swap);
  const n = (k: string): number => (typeof sw[k] === "number" ? sw[k] : NaN);
  if (n("usedPages") !== n("reservedPages") + n("allocatedPages"))
    out.push("swap: used != reserved + allocated");
  if (n("deviceSlotsUsed") > n("deviceSlots") || n("deviceSlotsUsed") < 0) out.push("swap: deviceSlotsUsed");
  for (const k of Object.keys(CONTRACT.swap)) if (n(k) < 0) out.push(`swap.${k}: negative`);

  // pmap rows, and the text the real tools print
  const t = fields(out, "text", d.text, CONTRACT.text);
  const swapS = `total: ${n("allocatedPages") * kb}k bytes allocated + ${n("reservedPages") * kb}k reserved = ${
    n("usedPages") * kb
  }k used, ${n("availablePages") * kb}k available\n`;
  if (t["swap-s"] !== swapS) out.push(`text.swap-s: ${JSON.stringify(t["swap-s"])}, figures say ${swapS}`);
  const pm = kindOf(d.pmap) === "object" ? (d.pmap as Obj) : {};
  const px = kindOf(t["pmap-x"]) === "object" ? (t["pmap-x"] as Obj) : {};
  if (Object.keys(pm).sort().join() !== live.sort().join())
    out.push(`pmap: keys ${Object.keys(pm).join(",")}, live processes ${live.join(",")}`);
  if (Object.keys(px).sort().join() !== Object.keys(pm).sort().join())
    out.push(`text.pmap-x: keys differ from pmap`);
  for (const [name, rows] of Object.entries(pm)) {
    const sums = new Map<string, number>();
    const tot = [0, 0, 0, 0];
    const textRows = typeof px[name] === "string" ? px[name].split("\n") : [];
    if (!Array.isArray(rows)) out.push(`pmap.${name}: not an array`);
    // real-tool-output.md §2.1, a 64-bit target
    const pid = list(d.processes).find(
      (p) => (p as Obj).name === name && (p as Obj).state === "alive",
    ) as Obj;
    const line1 = textRows[0] ?? "";
    if (!line1.startsWith(`${String(pid?.pid)}:\t`) || line1.length === `${String(pid?.pid)}:\t`.length)
      out.push(`text.pmap-x.${name}: first line ${JSON.stringify(textRows[0])}`);
    if (textRows[1] !== "         Address     Kbytes        RSS       Anon     Locked Mode   Mapped File")
      out.push(`text.pmap-x.${name}: header ${JSON.stringify(textRows[1])}`);
    if (textRows[list(rows).length + 2] !== "---------------- ---------- ---------- ---------- ----------")
      out.push(`text.pmap-x.${name}: separator ${JSON.stringify(textRows[list(rows).length + 2])}`);
    if (textRows.length !== list(rows).length + 5 || textRows.at(-1) !== "")
      out.push(`text.pmap-x.${name}: ${textRows.length} lines for ${list(rows).length} rows`);
    list(rows).forEach((r, i) => {
      const w = `pmap.${name}[${i}]`;
      const o = fields(out, w, r, CONTRACT.pmapRow);
      if (typeof o.addr !== "string" || !HEX16.test(o.addr)) out.push(`${w}.addr: ${String(o.addr)}`);
      if (typeof o.mode !== "string" || !/^[r-][w-][x-][s-][R-]$/.test(o.mode))
        out.push(`${w}.mode: ${String(o.mode)}`);
      if (typeof o.mapped === "string" && o.mapped !== o.mapped.trim()) out.push(`${w}.mapped: blanks`);
      if (typeof o.mode === "string" && o.mode[3] === "s" && o.anon !== 0) out.push(`${w}: shared with anon`);
      const cells = [o.kbytes, o.rss, o.anon, o.locked] as number[];
      cells.forEach((c, k) => (tot[k]! += c));
      if (cells.some((c) => c % kb !== 0)) out.push(`${w}: a size that is not whole pages`);
      if (!segPages.has(`${name}/${String(o.segment)}`))
        out.push(`${w}.segment: ${String(o.segment)} is no segment`);
      sums.set(String(o.segment), (sums.get(String(o.segment)) ?? 0) + cells[0]! / kb);
      // the text row: 16 upper-case hex digits, four 11-wide cells ("-" for 0), mode, name
      const cell = (v: number): string => " " + (v === 0 ? "-" : String(v)).padStart(10);
      const label = typeof o.mapped === "string" && o.mapped.startsWith("[") ? `  ${o.mapped}` : o.mapped;
      const want = `${String(o.addr).slice(2).toUpperCase()}${cells.map(cell).join("")} ${String(o.mode)}  ${String(label)}`;
      if (textRows[i + 2] !== want)
        out.push(`text.pmap-x.${name} row ${i}: ${JSON.stringify(textRows[i + 2])}`);
    });
    // rows cover at most the segment: pmap -x stops a file mapping at the end of its file and
    // leaves out a NORESERVE segment's pages with no backing (anon-layer.md c.3)
    for (const [seg, pages] of sums)
      if (pages > (segPages.get(`${name}/${seg}`) ?? 0))
        out.push(`pmap.${name}: rows of ${seg} cover more than its pages`);
    const nrows = list(rows).length;
    const cell = (v: number): string => " " + (v === 0 ? "-" : String(v)).padStart(10);
    if (textRows[nrows + 3] !== `        total Kb${tot.map(cell).join("")}`)
      out.push(`text.pmap-x.${name}: total line ${JSON.stringify(textRows[nrows + 3])}`);
  }
  return out;
}
