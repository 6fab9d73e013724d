import type { Reply } from "./replies";

/**
 * The buffers of a reply that can be transferred instead of copied: every typed array in it,
 * found by walking the reply, so a column added to the wire is never copied by mistake. (The
 * worker builds each reply's arrays for that reply alone: it keeps none it transfers.)
 */
export function transferables(r: Reply): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (typeof v !== "object" || v === null) return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    } else if (Array.isArray(v)) {
      // the steps' events and the like: objects worth walking; an array of numbers ends at once
      if (v.length > 0 && typeof v[0] === "object") for (const x of v) walk(x);
    } else for (const k in v) walk((v as Record<string, unknown>)[k]);
  };
  walk(r);
  return [...out];
}
