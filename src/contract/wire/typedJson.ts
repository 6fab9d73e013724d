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
  // a plain parse and one walk, not a reviver: a reviver is called for every number of every
  // column, and this runs before a slow laptop's first paint (state/firstFrame.ts)
  return revive(JSON.parse(text) as unknown);
}

function revive(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === "object") v[i] = revive(v[i]);
    return v;
  }
  const o = v as Record<string, unknown>;
  if (isKind(o.$typed) && Array.isArray(o.of)) return KINDS[o.$typed].from(o.of as number[]);
  for (const k of Object.keys(o)) {
    const r = revive(o[k]);
    // defined, not assigned: a key "__proto__" (JSON.parse makes it an own key) stays a key
    if (r !== o[k])
      Object.defineProperty(o, k, { value: r, writable: true, enumerable: true, configurable: true });
  }
  return o;
}
