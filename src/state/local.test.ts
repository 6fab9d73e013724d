import { afterEach, describe, expect, it, vi } from "vitest";
import { local, resetLocals } from "./local";
import { recordChange, takeUndo, useUndo } from "./undo";
import { replaceUrlSoon } from "./history";

describe("a module's locals", () => {
  afterEach(() => vi.useRealTimers());

  it("come back as they were loaded, after the module's own dispose", () => {
    const closed: number[] = [];
    const my = local(
      () => ({ n: 0, list: [] as number[] }),
      (m) => closed.push(m.n),
    );
    my.n = 3;
    my.list.push(1);
    resetLocals();
    expect(closed).toEqual([3]);
    expect(my).toEqual({ n: 0, list: [] });
  });

  it("reset the state modules too: the Undo stacks, a pending link rewrite", () => {
    vi.useFakeTimers();
    recordChange({ text: "a", shown: "a", pos: { step: 1, event: -1 }, presetId: null });
    expect(useUndo.getState().past).toBe(1);
    replaceUrlSoon();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    resetLocals();
    // the timer was cleared, not left to fire on a fresh start
    expect(vi.getTimerCount()).toBe(0);
    expect(takeUndo({ text: "b", shown: "b", pos: { step: 0, event: -1 }, presetId: null })).toBeNull();
  });
});
