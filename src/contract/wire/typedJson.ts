/**
 * JSON that keeps typed arrays: the app is built with the default scenario's first reply in it
 * (state/firstFrame.ts), and a snapshot's columns are typed arrays, which plain JSON would turn
 * into objects keyed "0", "1", …. Each one is written as `{"$typed": kind, "of": [numbers]}`.
 */
const KINDS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type Kind = keyof typeof KINDS;

const isKind = (k: unknown): k is Kind => typeof k === "string" && Object.hasOwn(KINDS, k);

/** `value` as JSON text, its typed arrays tagged with their kind. */
export function toTypedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!ArrayBuffer.isView(v) || v instanceof DataView) return v;
    const kind = v.constructor.name;
    if (!isKind(kind)) throw new Error(`typedJson: cannot write a ${kind}`);
    const of = Array.from(v as unknown as ArrayLike<number>);
    // JSON has no NaN or infinity: a column holding one would come back as null
    if (!of.every(Number.isFinite)) throw new Error(`typedJson: a ${kind} holds a number JSON cannot write`);
    return { $typed: kind, of };
  });
}

/** The value toTypedJson wrote, its typed arrays made again. */
export function fromTypedJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const o = v as { $typed?: unknown; of?: unknown };
    if (!isKind(o.$typed) || !Array.isArray(o.of)) return v;
    return KINDS[o.$typed].from(o.of as number[]);
  });
}
