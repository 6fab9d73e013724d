import { describe, expect, it } from "vitest";
import { newK } from "./events";
import { SIMPLIFICATIONS } from "../contract/kernel/simplifications";
import { Sim } from "./test-util";
import { userAccess } from "./trap";
import { P_FREE, type VmEvent } from "./types";

/**
 * Every simplification the rules dialog lists that shows in a step is also said, where it
 * shows, by the narration of the event it names (the spec's part (e): "say every
 * simplification where it shows").
 */
const HEADER = "machine arch=x86 ram=1000 swap=100\nfile /data/f 4";

/** A step whose events include the simplification's event, for each one that shows. */
function eventsShowing(id: string): VmEvent[] {
  const s = new Sim(HEADER);
  switch (id) {
    case "no-klustering":
      return s.do("spawn P1 empty\nP1 mmap f /data/f 4 r private\nP1 read f 0").events;
    case "placement":
      s.do("spawn P1 empty");
      return s.do("P1 mmap a anon 2 rw private").events;
    case "pageout-chosen":
      return s.do("spawn P1 empty\nP1 mmap a anon 2 rw private\nP1 write a 0\npageout P1 a 0").events;
    case "memory-wait": {
      // every frame locked (p_selock held): no page can be freed
      const t = new Sim("machine arch=x86 ram=16 swap=64");
      t.do("spawn P1 empty\nP1 mmap a /dev/zero 20 rw private\nP1 write a 0-15");
      const busy = new Set<number>();
      for (let id = 1; id < t.st.page.next; id++) if (t.st.page.kind[id] !== P_FREE) busy.add(id);
      const k = { ...newK(t.st), busy };
      userAccess(k, t.procIndex("P1"), t.seg("P1", "a").base + 16, "write");
      return k.out.kept;
    }
    case "no-reclaim-mem":
      s.do("spawn P1 empty");
      return s.do("P1 mmap a anon 5000 rw private").events;
    case "no-fsflush":
      return s.do("spawn P1 empty\nP1 mmap g /data/f 2 rw shared\nP1 write g 0\nP1 munmap g").events;
    case "swapfs-names":
      return s.do("spawn P1 empty\nP1 mmap a anon 2 rw private\nP1 write a 0").events;
    case "sparc-large-pages":
      return new Sim("machine arch=sparc ram=1g swap=1g").do("spawn P1").events;
    default:
      throw new Error(`no scenario shows ${id}`);
  }
}

describe("simplifications are said where they show", () => {
  it("every one has a plain text; ids are unique", () => {
    expect(new Set(SIMPLIFICATIONS.map((x) => x.id)).size).toBe(SIMPLIFICATIONS.length);
    for (const x of SIMPLIFICATIONS) expect(x.text.length).toBeGreaterThan(40);
  });
  for (const x of SIMPLIFICATIONS.filter((y) => y.said)) {
    it(x.id, () => {
      const said = eventsShowing(x.id).filter((e) => e.fn === x.said!.fn);
      expect(said.length, `${x.said!.fn} events`).toBeGreaterThan(0);
      expect(said.some((e) => e.say.includes(x.said!.words))).toBe(true);
    });
  }
  it("the large-page note is said only where large pages could be used", () => {
    const small = new Sim("machine arch=sparc ram=512m swap=1g").do("spawn P1").events;
    expect(small.some((e) => e.say.includes("large pages"))).toBe(false);
  });
});
