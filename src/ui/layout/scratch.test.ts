import { it } from "vitest";
import { Sim } from "../../engine/test-util";
it("dbg", () => {
  const s = new Sim();
  s.do("spawn P1 empty");
  s.do("P1 mmap buf /dev/zero 6 rw private");
  const r = s.do("P1 write buf 0-5");
  for (const e of r.events) console.log(e.fn, JSON.stringify(e.refs ?? {}), e.say.slice(0, 200));
  s.do("P1 fork P2");
  const r2 = s.do("P2 write buf 1");
  for (const e of r2.events) console.log("  ", e.fn, JSON.stringify(e.refs ?? {}));
});
