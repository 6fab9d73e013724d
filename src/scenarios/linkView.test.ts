import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toBase64Url } from "./base64url";
import { loadInput } from "./load";
import { decodeView, encodeView, MAX_BESIDE_CHARS, MAX_VIEW_CHARS, type LinkView } from "./linkView";
import { decodeShare, encodeShare } from "./url";

const TEXT = "spawn P1\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\n";
const VIEW: LinkView = {
  proc: "P2",
  seg: { name: "buf", first: 4 },
  pages: { from: 4, to: 5 },
  panel: "anon",
  table: true,
  zoom: [
    { key: "pfn|524288", lo: 10, hi: 522 },
    { key: "buf@0|P1,P2|262144", lo: 0.5, hi: 64.25 },
  ],
};
const b64 = (o: unknown): string => toBase64Url(new TextEncoder().encode(JSON.stringify(o)));
const viewPart = (o: unknown): string =>
  `v2.1.0.${encodeShare(TEXT, { step: 1, event: 0 }).split(".")[3]}.${b64(o)}`;

describe("the view a share link carries (v2)", () => {
  it("round-trips every field", () => {
    const f = encodeShare(TEXT, { step: 2, event: 1 }, VIEW);
    expect(f).toMatch(/^v2\.2\.1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const d = decodeShare(f);
    expect(d).toEqual({ ok: true, text: TEXT, step: 2, event: 1, view: VIEW });
  });

  it("writes a link with nothing to say about the view as v1, byte for byte as before", () => {
    const plain = encodeShare(TEXT, { step: 2, event: 1 });
    expect(encodeShare(TEXT, { step: 2, event: 1 }, {})).toBe(plain);
    expect(encodeShare(TEXT, { step: 2, event: 1 }, { table: false, zoom: [] })).toBe(plain);
    expect(plain.startsWith("v1.2.1.")).toBe(true);
    // a v1 link decodes exactly as it always did: no view at all
    expect(decodeShare(plain)).toEqual({ ok: true, text: TEXT, step: 2, event: 1 });
  });

  it("opens the scenario when the view part is damaged, and says what was dropped", () => {
    const damaged = [
      "",
      "!!!",
      b64("not an object"),
      b64([1, 2]),
      toBase64Url(new Uint8Array([0xff, 0xfe])),
      "A".repeat(MAX_VIEW_CHARS + 1),
    ];
    for (const part of damaged) {
      const f = `${viewPart({}).split(".").slice(0, 4).join(".")}.${part}`;
      const d = decodeShare(f);
      expect(d.ok, part.slice(0, 20)).toBe(true);
      if (!d.ok) continue;
      expect(d.text).toBe(TEXT);
      expect(d.view).toEqual({});
      expect(d.viewProblem).toMatch(/view part/);
    }
  });

  it("keeps the good fields and names the bad ones", () => {
    const d = decodeView(
      b64({
        p: "<img src=x>",
        s: "buf",
        f: 2,
        g: [5, 1],
        e: "sidebar",
        t: "yes",
        z: [["pfn|8", 0, 4]],
        extra: "ignored",
      }),
    );
    expect(d.view).toEqual({ seg: { name: "buf", first: 2 }, zoom: [{ key: "pfn|8", lo: 0, hi: 4 }] });
    expect(d.problem).toContain("the process is not a name");
    expect(d.problem).toContain("the pages are not a range");
    expect(d.problem).toContain("the enlarged panel");
    expect(d.problem).toContain("the table view");
    // a "__proto__" key is an own property of what JSON.parse makes: read as nothing
    const raw = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"t":1}';
    const p = decodeView(toBase64Url(new TextEncoder().encode(raw)));
    expect(p.view).toEqual({ table: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses zoom windows that are not finite, ordered, few and plainly keyed", () => {
    const bad: unknown[] = [
      [["pfn|8", 4, 4]],
      [["pfn|8", -1, 4]],
      [["pfn|8", 0, 1e300]],
      [["pfn|8", 0, "4"]],
      [["<script>", 0, 4]],
      [["pfn|8", 0]],
      Array.from({ length: 9 }, () => ["pfn|8", 0, 4]),
      "pfn|8",
    ];
    for (const z of bad) {
      const d = decodeView(b64({ z }));
      expect(d.view.zoom, JSON.stringify(z).slice(0, 40)).toBeUndefined();
      expect(d.problem).toContain("zoom windows");
    }
  });

  it("carries Compare's moment A, and drops a damaged one with a message", () => {
    const v: LinkView = { compare: { step: 3, event: -1 } };
    const d = decodeShare(encodeShare(TEXT, { step: 5, event: 2 }, v));
    expect(d.ok && d.view).toEqual(v);
    expect(d.ok && d.step).toBe(5);
    for (const c of [[3], [-1, 0], [3, -2], [1.5, 0], "3.-1", [3, "x"], null]) {
      const r = decodeView(b64({ c, e: "anon" }));
      expect(r.view, JSON.stringify(c)).toEqual({ panel: "anon" });
      expect(r.problem).toContain("the compared moment is not a step and an event");
    }
  });

  it("carries a second scenario beside: the swapped one as 1, another as its text; drops a bad one", () => {
    const flip: LinkView = { beside: "flip" };
    expect(decodeView(encodeView(flip))).toEqual({ view: flip, problem: null });
    const other = 'spawn P1\nP1 mmap buf /dev/zero 2 rw shared\n# a "quoted" note ✓\n';
    const d = decodeShare(encodeShare(TEXT, { step: 2, event: 0 }, { beside: { text: other } }));
    expect(d.ok && d.view).toEqual({ beside: { text: other } });
    // the longest text carried, newlines and all, fits the view part's cap
    const longest = "P1 write buf 0-3\n".repeat(Math.floor(MAX_BESIDE_CHARS / 17));
    const part = encodeView({ beside: { text: longest } });
    expect(part.length).toBeLessThanOrEqual(MAX_VIEW_CHARS);
    expect(decodeView(part).view).toEqual({ beside: { text: longest } });
    // longer is not carried (the link still opens the first scenario)
    expect(encodeView({ beside: { text: "x".repeat(MAX_BESIDE_CHARS + 1) } })).toBe("");
    for (const b of [0, 2, "", true, ["x"], { text: "x" }, "x".repeat(MAX_BESIDE_CHARS + 1)]) {
      const r = decodeView(b64({ b, e: "anon" }));
      expect(r.view, JSON.stringify(b).slice(0, 30)).toEqual({ panel: "anon" });
      expect(r.problem).toContain("the second scenario is not 1 or a text");
    }
  });

  it("the link gate passes the view on, and never throws on any view part", () => {
    const r = loadInput("url", encodeShare(TEXT, { step: 1, event: 0 }, VIEW));
    expect(r.ok && r.pos?.view).toEqual(VIEW);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 3 }), (junk, json) => {
        for (const part of [junk, b64(json)]) {
          const d = decodeShare(`${viewPart({}).split(".").slice(0, 4).join(".")}.${part}`);
          // the scenario always opens; the view is whatever could be read
          expect(d.ok && d.text).toBe(TEXT);
        }
      }),
      { seed: 10, numRuns: 500 },
    );
  });
});
