import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planFor } from "../state/plan";
import { defaultPreset } from "../state/presets";
import { LIMITS } from "../contract/limits";
import { loadInput, type InputSource, type LoadedInput } from "./load";
import { parseScenario } from "./parse";
import { PRESETS } from "./presets";
import { encodeShare } from "./url";

/**
 * Fuzzing the one gate for untrusted input (load.ts) and the app's boot plan (state/boot.ts):
 * random text, random words of the language, mutated real scenarios, random and mutated share
 * links. Whatever comes in: nothing throws; a refusal is one short, safe message that names a
 * line and a column when it is the parser's, or says what is wrong with the link; the user's
 * text is kept whenever there is one; and the boot plan always has something good to show.
 *
 * Runs per property are set so the whole file makes 23,500 cases in a few seconds;
 * every property has a fixed seed (CI is deterministic), and fast-check prints the
 * counterexample and seed of any failure.
 */

const SEED = 4;
const TEXT_SOURCES: readonly InputSource[] = ["editor", "preset", "file"];

const ORACLES = new URL("../../test/oracles/", import.meta.url);
const LESSONS = new URL("../lessons/", import.meta.url);
const corpus: readonly string[] = [
  ...PRESETS.filter((p) => p.text.length < 20_000).map((p) => p.text),
  ...[ORACLES, LESSONS].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".vms"))
      .map((f) => readFileSync(new URL(f, dir), "utf8")),
  ),
];

// Control characters, invisible and bidi formatting characters: never raw in a message.
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const LINE_COL = /^line (\d+), column (\d+): \S/;
/** A message echoes at most a quoted piece of the input: it never grows with it. */
const MAX_MESSAGE = 400;

/** What every answer of the gate must satisfy, whatever the input. */
function checkLoaded(r: LoadedInput, source: InputSource, raw: string, text: string | null): void {
  expect(r.source).toBe(source);
  if (r.ok) {
    expect(r.text).toBe(text);
    expect(r.scenario.steps.length).toBeLessThanOrEqual(LIMITS.steps);
    return;
  }
  expect(r.message.length).toBeGreaterThan(0);
  expect(r.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
  expect(r.message).not.toMatch(RAW_UNSAFE);
  expect(r.message).not.toMatch(/internal (parser )?error/);
  if (r.error) {
    // the parser's: line N, column M, inside the text (the user's text is kept, whole)
    expect(r.text).toBe(text);
    const m = LINE_COL.exec(r.message);
    expect(m, r.message).not.toBeNull();
    expect(Number(m![1])).toBe(r.error.line);
    expect(Number(m![2])).toBe(r.error.column);
    const lines = (r.text ?? "").split("\n");
    expect(r.error.line).toBeGreaterThanOrEqual(1);
    expect(r.error.line).toBeLessThanOrEqual(lines.length);
    expect(r.error.column).toBeGreaterThanOrEqual(1);
    expect(r.error.column).toBeLessThanOrEqual((lines[r.error.line - 1] ?? "").length + 1);
  } else {
    // only a link can fail before the parser: the message is about the link
    expect(source).toBe("url");
    expect(r.text).toBeNull();
    expect(r.message).toMatch(/\blink\b|scenario (data|text)|(step|event) position/);
  }
  if (source !== "url") expect(raw).toBe(r.text);
}

function checkText(source: InputSource, text: string): void {
  checkLoaded(loadInput(source, text), source, text, text);
}

/**
 * A boot plan always has a text that runs, or the link's own text with a notice, or (a scenario
 * is on screen already) nothing to run and a notice saying that scenario stays.
 */
function checkPlan(hash: string, shown: boolean): void {
  const plan = planFor(hash, shown);
  if (plan.text === null) {
    expect(shown).toBe(true);
    expect(plan.notice).toMatch(/^This link could not be opened: .*The scenario on screen stays\.$/s);
    return;
  }
  if (plan.notice === null) expect(parseScenario(plan.text).ok).toBe(true);
  else {
    expect(plan.notice.length).toBeLessThanOrEqual(MAX_MESSAGE + 200);
    expect(plan.notice).not.toMatch(RAW_UNSAFE);
    if (plan.text !== defaultPreset().text) expect(plan.notice).toMatch(/line \d+, column \d+/);
  }
  if (plan.to !== "end") {
    expect(Number.isSafeInteger(plan.to.step) && plan.to.step >= 0).toBe(true);
    expect(Number.isSafeInteger(plan.to.event) && plan.to.event >= 0).toBe(true);
  }
}

// ---- generators

const WORDS = [
  "machine",
  "file",
  "spawn",
  "pageout",
  "empty",
  "P1",
  "P2",
  "Q",
  "mmap",
  "munmap",
  "mprotect",
  "read",
  "write",
  "fork",
  "exit",
  "sbrk",
  "stack",
  "buf",
  "heap",
  "/dev/zero",
  "anon",
  "/data/f",
  "private",
  "shared",
  "noreserve",
  "offset=1",
  "rw",
  "r",
  "rx",
  "rwx",
  "none",
  "0",
  "1",
  "0-3",
  "-4--1",
  "3-1",
  "16",
  "64k",
  "2m",
  "1g",
  "16777217",
  "99999999999999999",
  "arch=sparc",
  "arch=x86",
  "ram=1000",
  "swap=4g",
  "ram=0",
  "#",
  "# <script>alert(1)</script>",
  "<script>",
  "\t",
  "\r",
  "\u00a0",
  "\u202e",
  "\ufeff",
  "\ud800",
  "🐱",
  "é",
  '"',
  "\\",
  "'",
];

/** Lines of the language's own words (most are nearly valid: the deep paths of the parser). */
const soup = fc
  .array(fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 8 }), { maxLength: 12 })
  .map((lines) => lines.map((l) => l.join(" ")).join("\n"));

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(..."P1 mmap\n#-0123456789kmg/rwx".split("")), maxLength: 200 }),
);

type Edit = (s: string) => string;
const at = (s: string, f: number): number => Math.floor(f * (s.length + 1));

/** One small hand edit, the way links and pasted scenarios get damaged. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map(
    (f): Edit =>
      (s) =>
        s.slice(0, at(s, f)),
  ), // truncated
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20 })).map(
    ([f, n]): Edit =>
      (s) =>
        s.slice(0, at(s, f)) + s.slice(at(s, f) + n),
  ), // a piece deleted
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...WORDS), fc.string())).map(
    ([f, w]): Edit =>
      (s) =>
        s.slice(0, at(s, f)) + w + s.slice(at(s, f)),
  ), // something inserted
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ minLength: 1, maxLength: 1 })).map(
    ([f, c]): Edit =>
      (s) =>
        s.slice(0, at(s, f)) + c + s.slice(at(s, f) + 1),
  ), // one char changed
  fc.constant<Edit>((s) => s.replace(/\n/g, "\r\n")),
  fc.constant<Edit>((s) => s.split("\n").reverse().join("\n")), // lines out of order
  fc.constant<Edit>((s) => `${s}\n${s}`), // pasted twice
);

const mutated = fc
  .tuple(fc.constantFrom(...corpus), fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => edits.reduce((t, e) => e(t), text));

/** A valid link to a corpus scenario (or to a mutated one: a good link to a bad scenario). */
const link = fc
  .tuple(fc.oneof(fc.constantFrom(...corpus), mutated), fc.nat({ max: 40 }), fc.nat({ max: 12 }))
  .map(([text, step, event]) => encodeShare(text, { step, event }));

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const randomFragment = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc
    .tuple(
      fc.constantFrom("", "#", "v1.", "#v1.", "v0.", "v2.", "V1.", "v1.."),
      fc.string({ unit: fc.constantFrom(...`${B64URL}.=%+/`.split("")), maxLength: 400 }),
    )
    .map(([p, s]) => p + s),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: -5n, max: 10n ** 30n }))
    .map(([a, b]) => `v1.${a}.${b}.AAAAAA`),
);

const run = { seed: SEED };

describe("the input gate (loadInput) on hostile text", () => {
  it("never throws on arbitrary text, from any source (5,000 cases)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXT_SOURCES), anyText, (src, t) => checkText(src, t)),
      { ...run, numRuns: 5000 },
    );
  });

  it("never throws on soups of the language's own words (4,000 cases)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXT_SOURCES), soup, (src, t) => checkText(src, t)),
      { ...run, numRuns: 4000 },
    );
  });

  it("never throws on real scenarios edited by hand (5,000 cases)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXT_SOURCES), mutated, (src, t) => checkText(src, t)),
      { ...run, numRuns: 5000 },
    );
  });

  it("refuses what is past a limit with a message naming the limit", () => {
    const huge = "# x\n".repeat(LIMITS.scenarioChars / 4 + 1);
    const r = loadInput("editor", huge);
    expect(r).toMatchObject({ ok: false, text: huge });
    if (!r.ok) expect(r.message).toMatch(/^line 1, column 1: .*LIMITS\.scenarioChars/);
    const many = "spawn P1\n" + "P1 sbrk 1\n".repeat(LIMITS.steps);
    const m = loadInput("file", many);
    if (m.ok) throw new Error("accepted too many steps");
    expect(m.message).toMatch(new RegExp(`^line ${LIMITS.steps + 1}, column 1: .*LIMITS\\.steps`));
  });

  it("rejects a <script> segment name with its line and column, and keeps a comment as text", () => {
    const r = loadInput("editor", "spawn P1 empty\nP1 mmap <script>alert(1)</script> anon 1 rw private\n");
    if (r.ok) throw new Error("accepted");
    expect(r.message).toMatch(
      /^line 2, column 9: expected a segment name, got "<script>alert\(1\)<\/script>"/,
    );
    const c = loadInput("editor", "# <script>alert(1)</script>\nspawn P1\n");
    expect(c.ok && c.text).toBe("# <script>alert(1)</script>\nspawn P1\n");
  });

  it("refuses what is not text, and never throws on a bad source", () => {
    for (const x of [undefined, null, 42, {}, [], new Uint8Array(3)]) {
      expect(loadInput("editor", x)).toMatchObject({
        ok: false,
        text: null,
        message: "the scenario is not text",
      });
    }
    expect(loadInput("nonsense" as InputSource, "spawn P1").ok).toBe(false);
  });
});

describe("share links (loadInput url, and the boot plan)", () => {
  it("never throws on random fragments (4,000 cases)", () => {
    fc.assert(
      fc.property(randomFragment, (f) => {
        checkLoaded(loadInput("url", f), "url", f, null);
        checkPlan(f.startsWith("#") ? f : `#${f}`, f.length % 2 === 0);
      }),
      { ...run, numRuns: 4000 },
    );
  });

  it("never throws on links damaged by hand: truncated, edited, re-pasted (4,000 cases)", () => {
    fc.assert(
      fc.property(link, fc.array(edit, { maxLength: 3 }), (l, edits) => {
        const f = edits.reduce((t, e) => e(t), l);
        const r = loadInput("url", f);
        if (r.ok || r.error) {
          // the link itself was read: the text is the one it carries
          expect(r.text).not.toBeNull();
          checkLoaded(r, "url", f, r.text);
        } else checkLoaded(r, "url", f, null);
        checkPlan(`#${f}`, f.length % 2 === 1);
      }),
      { ...run, numRuns: 4000 },
    );
  });

  it("an intact link opens its text at its position; a link to a bad scenario names line and column", () => {
    fc.assert(
      fc.property(link, (l) => {
        const r = loadInput("url", l);
        const plan = planFor(`#${l}`);
        if (r.ok) {
          expect(plan).toEqual({ text: r.text, to: r.pos, presetId: null, notice: null, view: null });
        } else {
          expect(r.error).toBeDefined(); // an intact link always decodes
          expect(plan.text).toBe(r.text);
          expect(plan.notice).toContain(r.message);
        }
      }),
      { ...run, numRuns: 1500 },
    );
  });

  it("refuses a link past LIMITS.fragmentChars before reading it", () => {
    const ten = `v1.0.0.${"A".repeat(10 * 1024 * 1024)}`;
    const t0 = performance.now();
    const r = loadInput("url", ten);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, text: null });
    if (!r.ok) expect(r.message).toMatch(/LIMITS\.fragmentChars/);
    expect(planFor(`#${ten}`).notice).toMatch(/could not be opened: .*LIMITS\.fragmentChars/);
  });
});
