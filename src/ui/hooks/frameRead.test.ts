import { afterEach, describe, expect, it, vi } from "vitest";
import { frameRead } from "./frameRead";

/** A page's animation frames, run by hand. */
function frames() {
  const due = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => (due.set(next, cb), next++));
  vi.stubGlobal("cancelAnimationFrame", (id: number) => due.delete(id));
  return () => {
    const now = [...due.values()];
    due.clear();
    for (const cb of now) cb(0);
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("a layout read at the next frame", () => {
  it("runs once at the next frame however often it is asked for in this one, and again when asked later", () => {
    const frame = frames();
    const read = vi.fn();
    const ask = frameRead(read);
    ask();
    ask();
    ask();
    expect(read).not.toHaveBeenCalled(); // not inside the commit that asked
    frame();
    expect(read).toHaveBeenCalledTimes(1);
    frame();
    expect(read).toHaveBeenCalledTimes(1);
    ask();
    frame();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("does not run once cancelled (the component went away), and can be asked again", () => {
    const frame = frames();
    const read = vi.fn();
    const ask = frameRead(read);
    ask();
    ask.cancel();
    frame();
    expect(read).not.toHaveBeenCalled();
    ask();
    frame();
    expect(read).toHaveBeenCalledTimes(1);
  });
});
