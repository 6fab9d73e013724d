import { beforeEach, describe, expect, it } from "vitest";
import { readSaved } from "./persist";
import {
  pushRedo,
  recordChange,
  resetUndo,
  takeRedo,
  takeUndo,
  UNDO_CHARS,
  UNDO_LEVELS,
  useUndo,
  type UndoEntry,
} from "./undo";

const e = (n: number, text = `spawn P${n}\n`): UndoEntry => ({
  text,
  shown: text,
  pos: { step: n, event: -1 },
  presetId: null,
});

describe("Undo and Redo stacks", () => {
  beforeEach(resetUndo);

  it("undo returns the states in reverse, redo brings them back, a new change drops redo", () => {
    recordChange(e(1));
    recordChange(e(2));
    expect(takeUndo(e(3))).toEqual(e(2));
    expect(takeUndo(e(2))).toEqual(e(1));
    expect(takeUndo(e(1))).toBeNull();
    expect(useUndo.getState()).toEqual({ past: 0, future: 2 });
    expect(takeRedo(e(1))).toEqual(e(2));
    expect(takeRedo(e(2))).toEqual(e(3));
    expect(takeRedo(e(3))).toBeNull();
    takeUndo(e(3));
    recordChange(e(9));
    expect(useUndo.getState().future).toBe(0);
  });

  it(`keeps at least ${UNDO_LEVELS} levels of ordinary scenarios`, () => {
    for (let i = 0; i < UNDO_LEVELS + 50; i++) recordChange(e(i));
    expect(useUndo.getState().past).toBe(UNDO_LEVELS);
    let n = 0;
    while (takeUndo(e(0))) n++;
    expect(n).toBe(UNDO_LEVELS);
  });

  it("drops the oldest levels first when the texts are huge, never the newest", () => {
    const big = "#".repeat(UNDO_CHARS / 2 + 1);
    recordChange(e(1, big));
    recordChange(e(2, big));
    recordChange(e(3, big));
    expect(useUndo.getState().past).toBe(1);
    expect(takeUndo(e(4))?.pos.step).toBe(3);
  });

  it("an edit that had not run goes to redo without taking a level", () => {
    recordChange(e(1));
    pushRedo({ ...e(2), text: "P1 write buf x" });
    expect(useUndo.getState()).toEqual({ past: 1, future: 1 });
    expect(takeRedo(e(2))?.text).toBe("P1 write buf x");
  });
});

describe("the working scenario saved in the browser is read as untrusted", () => {
  const ok = {
    v: 1,
    text: "spawn P1\nP1 wr",
    shown: "spawn P1\n",
    pos: { step: 1, event: -1 },
    presetId: "default",
    proc: "P1",
    seg: { name: "heap", first: 0 },
    pages: { from: 0, to: 1 },
  };
  it("round-trips what the app saves", () => {
    const { v, ...rest } = ok;
    expect(v).toBe(1);
    expect(readSaved(JSON.stringify(ok))).toEqual(rest);
  });
  it("ignores damaged or tampered entries, or their bad fields", () => {
    for (const raw of [
      null,
      "",
      "{",
      "[]",
      "null",
      JSON.stringify({ ...ok, v: 2 }),
      JSON.stringify({ ...ok, text: 5 }),
      JSON.stringify({ ...ok, shown: "x".repeat(10_000_000) }),
    ])
      expect(readSaved(raw), String(raw).slice(0, 30)).toBeNull();
    const r = readSaved(
      JSON.stringify({
        ...ok,
        pos: { step: -4, event: "x" },
        proc: "<b>",
        seg: { name: "a b", first: 0 },
        pages: { from: 3, to: 1 },
        presetId: 7,
      }),
    );
    expect(r).toMatchObject({
      pos: { step: 0, event: -1 },
      proc: null,
      seg: null,
      pages: null,
      presetId: null,
    });
  });
});
