import type { VmDoc } from "../src/contract/doc";

/**
 * Our own evaluator of the oracles' `#=` expectation language (documented at the top of
 * oracle-check.mjs), run in-process over the engine's JSON document.
 */

export type DocAt = (until: number | undefined) => VmDoc;

type Value = string | number | boolean | null | undefined;

const segsOf = (doc: VmDoc, p: string, s: string) =>
  doc.processes.find((x) => x.name === p)?.segments.filter((g) => g.name === s) ?? [];

function value(doc: VmDoc, path: string): Value {
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^step\((\d+)\)\.result$/))) return doc.steps[Number(m[1]) - 1]?.result;
  if ((m = path.match(/^count\((\w+)(?:\s+(\w+)=(\S+))?\)$/))) {
    const list = (doc as unknown as Record<string, Record<string, unknown>[]>)[m[1]!] ?? [];
    return m[2] ? list.filter((x) => String(x[m![2]!]) === m![3]).length : list.length;
  }
  if ((m = path.match(/^swap\.(\w+)$/))) return (doc.swap as unknown as Record<string, number>)[m[1]!];
  if ((m = path.match(/^pmap\((\w+),(\w+)\)\.(\w+)$/))) {
    const rows = (doc.pmap[m[1]!] ?? []).filter((r) => r.segment === m![2]);
    if (m[3] === "rows") return rows.length;
    const field = m[3] as keyof (typeof rows)[number];
    const first = rows[0]?.[field];
    if (typeof first === "string") return first;
    return rows.reduce((s, r) => s + (r[field] as number), 0);
  }
  if ((m = path.match(/^(\w+)\.state$/))) return doc.processes.find((p) => p.name === m![1])?.state ?? "none";
  if ((m = path.match(/^(\w+)\.(\w+)\.(\w+)$/))) {
    const list = segsOf(doc, m[1]!, m[2]!);
    const amp = list[0] && doc.anonMaps.find((a) => a.id === list[0]!.amp);
    switch (m[3]) {
      case "exists":
        return list.length > 0;
      case "pieces":
        return list.length;
      case "pages":
        return list.reduce((s, g) => s + g.pages, 0);
      case "prot":
      case "share":
      case "source":
      case "amp":
        return list[0]?.[m[3]] ?? null;
      case "ampRefcnt":
        return amp ? amp.refcnt : 0;
      case "levels":
      case "chunks":
      case "slots":
        return amp ? amp[m[3]] : null;
    }
  }
  if ((m = path.match(/^(\w+)\.(\w+)\[(\d+)\]\.(\w+)$/))) {
    const i = Number(m[3]);
    const seg = segsOf(doc, m[1]!, m[2]!).find((g) => g.first <= i && i < g.first + g.pages);
    if (m[4] === "mapped") return Boolean(seg);
    if (!seg) throw new Error(`${m[1]}.${m[2]} page ${i} is not mapped`);
    const slot = seg.slots[i - seg.first]!;
    const anon = slot.anon ? doc.anons.find((a) => a.id === slot.anon) : undefined;
    switch (m[4]) {
      case "refcnt":
        return anon ? anon.refcnt : 0;
      case "resident":
        return Boolean(anon?.frame);
      case "swapped":
        return anon?.swapSlot !== null && anon?.swapSlot !== undefined;
      default:
        return (slot as unknown as Record<string, Value>)[m[4]!];
    }
  }
  return JSON.parse(path) as Value;
}

function side(docAt: DocAt, text: string): Value {
  const m = text.match(/^(?:@(\d+)\s+)?(.+?)(?:\s+([+-])\s+(\d+))?$/)!;
  const v = value(docAt(m[1] === undefined ? undefined : Number(m[1])), m[2]!.trim());
  return m[3] ? (v as number) + (m[3] === "+" ? 1 : -1) * Number(m[4]) : v;
}

/** Check one expectation; returns null when it holds, else what was found. */
export function checkExpectation(docAt: DocAt, expr: string): string | null {
  let m = expr.match(/^step\((\d+)\)\.fns (has|lacks) (\w+)$/);
  if (m) {
    const step = docAt(undefined).steps[Number(m[1]) - 1];
    const has = Boolean(step?.events.some((e) => e.fn === m![3]));
    return (m[2] === "has") === has ? null : `fns were ${step?.events.map((e) => e.fn).join(",")}`;
  }
  m = expr.match(/^(.+?)\s*(==|!=|>=|<=|>|<)\s*(.+)$/);
  if (!m) throw new Error(`cannot read expectation: ${expr}`);
  const a = side(docAt, m[1]!.trim());
  const b = side(docAt, m[3]!.trim());
  const ok = { "==": a === b, "!=": a !== b, ">=": a! >= b!, "<=": a! <= b!, ">": a! > b!, "<": a! < b! }[
    m[2] as "=="
  ];
  return ok ? null : `got ${JSON.stringify(a)}`;
}

export const expectationsOf = (text: string): string[] =>
  text
    .split("\n")
    .filter((l) => l.startsWith("#="))
    .map((l) => l.slice(2).trim());
