import { afterEach, describe, expect, it, vi } from "vitest";
import builtJson from "virtual:first-frame";
import { firstReply } from "../worker/firstReply";
import { DEFAULT_PRESET } from "../scenarios/presetMenu";
import { toTypedJson } from "../contract/wire/typedJson";
import { builtReply, confirmsFirstFrame, opensOnBuiltFrame, takeFirstFrame } from "./firstFrame";
import { resetLocals } from "./local";

afterEach(() => {
  resetLocals();
  vi.unstubAllGlobals();
});

/** A page at `url` with `saved` in its storage (persist.ts's key). */
function page(url: string, saved: object | null = null): void {
  const u = new URL(url);
  vi.stubGlobal("location", { hash: u.hash, search: u.search });
  const store = new Map<string, string>(
    saved ? [["anonscope-work", JSON.stringify({ v: 1, ...saved })]] : [],
  );
  vi.stubGlobal("localStorage", { getItem: (k: string) => store.get(k) ?? null });
  resetLocals();
}

describe("the default scenario's first frame, built with the app", () => {
  it("is the reply a new worker gives to loading the default preset to its end, byte for byte", () => {
    const worker = firstReply(DEFAULT_PRESET.text);
    expect(builtJson).toBe(toTypedJson(worker));
    expect(builtReply()).toEqual(worker);
    // a new session numbers its first timeline 1: the store's generation stays right
    expect(builtReply().gen).toBe(1);
    expect(builtReply().steps.length).toBeGreaterThan(3);
  });

  it("stands for the page's first load only, and only of the default text to its end", () => {
    const end = builtReply().snapshot.pos;
    expect(takeFirstFrame(DEFAULT_PRESET.text, { ...end })).toBe(builtReply());
    expect(takeFirstFrame(DEFAULT_PRESET.text, "end")).toBeNull(); // the second load asks the engine
    resetLocals();
    expect(takeFirstFrame(`${DEFAULT_PRESET.text}\n# edited`, "end")).toBeNull();
    expect(takeFirstFrame(DEFAULT_PRESET.text, "end")).toBeNull(); // the first load was another
    resetLocals();
    expect(takeFirstFrame(DEFAULT_PRESET.text, { step: 0, event: -1 })).toBeNull();
  });

  it("is confirmed by the engine's same reply, whatever its request id, and not by another", () => {
    const worker = { ...firstReply(DEFAULT_PRESET.text), id: 7, seq: 12 };
    expect(confirmsFirstFrame(worker)).toBe(true);
    const other = firstReply(`${DEFAULT_PRESET.text}\nP1 read heap 0`);
    expect(confirmsFirstFrame({ ...other, id: 7 })).toBe(false);
    expect(confirmsFirstFrame({ v: 1, type: "failed", id: 7, seq: 1, message: "x" })).toBe(false);
  });

  it("is not judged to open a page without a window location (the CLI, the tests)", () => {
    expect(opensOnBuiltFrame()).toBe(false);
  });

  it("opens a first visit and a return to the untouched default; not a link, a lesson, predict, an embed or other work", () => {
    const app = "https://example.org/anonscope/";
    const text = DEFAULT_PRESET.text;
    const end = builtReply().snapshot.pos;
    const work = (o: object) => ({
      text,
      shown: text,
      pos: end,
      presetId: "default",
      proc: null,
      seg: null,
      pages: null,
      ...o,
    });
    const cases: [string, object | null, boolean][] = [
      [app, null, true],
      [`${app}#`, null, true],
      [app, work({}), true],
      [`${app}#v2.abc`, null, false],
      [`${app}?lesson=cow`, null, false],
      [`${app}?mode=predict`, null, false],
      [`${app}?embed`, null, false],
      [`${app}?print`, null, false],
      [app, work({ pos: { step: 1, event: -1 } }), false],
      [app, work({ text: `${text}\n# mine` }), false],
      [app, work({ shown: `${text}\n# mine`, text: `${text}\n# mine` }), false],
    ];
    for (const [url, saved, want] of cases) {
      page(url, saved);
      expect([url, saved, opensOnBuiltFrame()]).toEqual([url, saved, want]);
    }
  });
});
