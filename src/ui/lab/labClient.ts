import type { LabReply, LabRequest } from "../../lab/protocol";

/** The compare view's worker, started on first use; one request at a time is enough here. */

type Ask = LabRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

let worker: Worker | null = null;
let next = 1;
const waiting = new Map<number, (r: LabReply) => void>();

export function askLab(req: Ask): Promise<LabReply> {
  if (!worker) {
    worker = new Worker(new URL("../../worker/lab.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<LabReply>) => {
      const done = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      done?.(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      const problem = { line: 1, message: `the compare worker failed: ${e.message || "unknown error"}` };
      for (const [id, done] of waiting) done({ id, kind: "problem", problem });
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  const id = next++;
  const w = worker;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ ...req, id });
  });
}
