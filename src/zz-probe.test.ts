import { readFileSync } from "node:fs";
import { it } from "vitest";
import { createSession } from "./worker/session";
it("probe", () => {
  for (const f of (process.env.PROBE ?? "").split(",")) {
    const text = readFileSync(f, "utf8");
    const s = createSession();
    const t0 = performance.now();
    const r = s.handle({ v: 1, type: "load", id: 1, text, to: "end" });
    const t1 = performance.now();
    const r2 = s.handle({ v: 1, type: "seek", id: 2, gen: 1, pos: { step: 2500, event: -1 } });
    const t2 = performance.now();
    console.log(f, r.type, r.type === "failed" ? r.message : "", Math.round(t1 - t0), "ms load", r2.type, Math.round(t2 - t1), "ms seek", Math.round(process.memoryUsage().rss / 1e6), "MB");
  }
}, 600000);
