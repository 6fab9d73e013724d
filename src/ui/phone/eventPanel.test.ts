import { describe, expect, it } from "vitest";
import { runScenario } from "../../engine/run";
import type { VmEvent } from "../../engine/types";
import { parseScenario } from "../../scenarios/parse";
import { PRESETS, presetById } from "../../scenarios/presets";
import { eventMarks, eventPanel } from "./eventPanel";

function eventsOf(text: string): VmEvent[][] {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.error.message);
  return runScenario(r.scenario).steps.map((s) => s.events);
}

const first = (evs: VmEvent[], fn: string, ok: (e: VmEvent) => boolean = () => true): VmEvent => {
  const e = evs.find((x) => x.fn === fn && ok(x));
  if (!e) throw new Error(`no ${fn} in ${evs.map((x) => x.fn).join(" ")}`);
  return e;
};

describe("the panel an event is about (compact layout)", () => {
  const cow = eventsOf(presetById("default")!.text);
  const write = cow.find((evs) => evs.some((e) => e.fn === "anon_private"))!;

  it("a copy-on-write fault: the Anon layer, Physical memory at the copy, Address spaces at the translation", () => {
    expect(eventPanel(first(write, "anon_private"))).toBe("anon");
    const copy = first(write, "page_create_va", (e) => e.refs?.from !== undefined);
    expect(eventPanel(copy)).toBe("physical");
    expect(eventMarks(copy)).toEqual(new Set(["anon", "address", "physical"]));
    expect(eventPanel(first(write, "anon_decref"))).toBe("anon");
    expect(eventPanel(first(write, "anon_set_ptr"))).toBe("anon");
    expect(eventPanel(first(write, "hat_memload"))).toBe("address");
  });

  it("the way into a fault names nothing of its own: the panel stays", () => {
    for (const fn of ["trap", "pagefault", "as_fault", "segvn_fault"])
      expect(eventPanel(first(write, fn)), fn).toBeNull();
    expect(eventPanel(null)).toBeNull();
    expect(eventMarks(null).size).toBe(0);
  });

  it("a pageout: Swap, from the page daemon to the frame's reuse", () => {
    const steps = eventsOf(presetById("pageout-cow")!.text);
    const out = steps.find((evs) => evs.some((e) => e.fn === "swap_putapage"))!;
    for (const e of out) if (e.fn !== "hat_unload") expect(eventPanel(e), e.fn).toBe("swap");
    expect(eventMarks(first(out, "swap_putapage")).has("swap")).toBe(true);
  });

  it("mmap and fork: Address spaces for the mapping and the process, Swap for the reservation", () => {
    const evs = eventsOf("spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 fork P2\n");
    expect(eventPanel(first(evs[1]!, "segvn_create"))).toBe("address");
    expect(eventPanel(first(evs[1]!, "anon_resvmem"))).toBe("swap");
    expect(eventPanel(first(evs[2]!, "cfork"))).toBe("address");
  });

  it("every event of every preset: a drawing or null, and the panel it names marks it", () => {
    for (const p of PRESETS.filter((x) => !x.id.startsWith("large")))
      for (const evs of eventsOf(p.text))
        for (const e of evs) {
          const tab = eventPanel(e);
          if (tab) expect(eventMarks(e).has(tab), `${p.id}: ${e.fn}`).toBe(true);
        }
  });
});
