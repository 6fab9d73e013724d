import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { parseScenario } from "../../scenarios/parse";
import { PRESETS } from "../../scenarios/presets";
import { all, parseSvg } from "../../../test/svg-tree";
import { narrationOf } from "./caption";
import { frameSvg, FRAME_W } from "./drawFrame";
import { dejavuFonts } from "./fonts";
import { SANS, textW, wrap } from "./svg";
import { commentOf, walkMoments, type Moment } from "./walk";
import { writeWalkthrough } from "./write";

// vitest hands CSS modules over empty (even `?raw`): give theme.ts the real file, as the CLI's
// bundle has it (test/walkthrough.test.ts checks the bundle's colours)
vi.mock("../../ui/app.css?raw", async () => {
  const { readFileSync } = await import("node:fs");
  return { default: readFileSync(new URL("../../ui/app.css", import.meta.url), "utf8") };
});

/** Every moment of a scenario text, drawn (the frames are checked as SVG, not rendered). */
function moments(text: string): Moment[] {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return [...walkMoments(r.scenario, text, r.scenario.steps.length)];
}

const DEFAULT = PRESETS.find((p) => p.id === "default")!;

describe("walkthrough frames", () => {
  it("every frame of every small preset parses, names its step and has no text under 20 px", () => {
    // the 1 GB presets are drawn by test/walkthrough.test.ts's neighbour, the bench (time)
    for (const p of PRESETS.filter((x) => Number(x.order) < 90)) {
      for (const m of moments(p.text)) {
        const where = `${p.id} step ${m.n}`;
        const svg = parseSvg(frameSvg(m, { text: p.text, name: `${p.id}.vms` }, m.n % 2 ? "dark" : "light"));
        const caption = all(svg, (x) => x.attrs["data-caption"] !== undefined)[0]!;
        const words = all(caption, (x) => x.name === "text").map((t) => t.text);
        expect(words, where).toContain(m.step ? m.step.text : words.find((w) => w.startsWith("The start")));
        if (m.step) expect(words, where).toContain(`Step ${m.n} of ${m.of}`);
        const sizes = all(svg, (x) => x.attrs["font-size"] !== undefined).map((x) =>
          Number(x.attrs["font-size"]),
        );
        expect(Math.min(...sizes), where).toBeGreaterThanOrEqual(20);
        // the five panels, each once
        expect(
          all(svg, (x) => x.attrs["data-panel"] !== undefined).map((x) => x.attrs["data-panel"]),
        ).toEqual(["addr", "anon", "changes", "phys", "swap"]);
      }
    }
  });

  it("draws the same SVG twice, and the copy-on-write step as the app: a new anon, refcnt 1", () => {
    const a = moments(DEFAULT.text).map((m) => frameSvg(m, { text: DEFAULT.text, name: "d" }, "light"));
    const b = moments(DEFAULT.text).map((m) => frameSvg(m, { text: DEFAULT.text, name: "d" }, "light"));
    expect(a).toEqual(b);
    const cow = parseSvg(a[5]!);
    const anons = all(cow, (x) => x.attrs["data-anon"] !== undefined).map((x) => x.attrs["data-anon"]);
    expect(anons.sort()).toEqual(["anon:2", "anon:3", "anon:4", "anon:5", "anon:6"]);
    const six = all(cow, (x) => x.attrs["data-anon"] === "anon:6")[0]!;
    expect(all(six, (x) => x.name === "text").map((t) => t.text)).toEqual(["anon:6", "×1", "→ pp:6"]);
    // what the step changed is outlined in the app's amber (--now)
    expect(all(six, (x) => x.name === "rect")[0]!.attrs.stroke).toBe("#d97706");
  });

  it("text from the scenario is text: a path and a comment full of markup stay words", () => {
    const text =
      'file /data/a<&b> 4\nspawn P1 empty\n# <script>x</script> & "co"\nP1 mmap f /data/a<&b> 4 rw private\nP1 read f 0\n';
    const frames = moments(text).map((m) => parseSvg(frameSvg(m, { text, name: "<x>.vms" }, "light")));
    const words = frames.flatMap((f) =>
      all(f, (x) => x.name === "text" || x.name === "tspan").map((t) => t.text),
    );
    expect(words).toContain('“<script>x</script> & "co"”');
    expect(words.some((w) => w.includes("/data/a<&b>"))).toBe(true);
    expect(frames.flatMap((f) => all(f, (x) => x.name === "script"))).toEqual([]);
  });

  it("a frame it cannot write is said in a line, not a stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "anonscope-walk-"));
    try {
      mkdirSync(join(dir, "step-001.svg"));
      const r = parseScenario(DEFAULT.text);
      if (!r.ok) throw new Error("preset");
      const out = writeWalkthrough(r.scenario, DEFAULT.text, "d", 2, {
        dir,
        formats: ["svg"],
        theme: "light",
      });
      expect(out.ok).toBe(false);
      expect(!out.ok && out.message).toMatch(/^--walkthrough .+: cannot write step-001\.svg: EISDIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the caption: the scenario's comment on a step, the narration without the fault's way in", () => {
    const lines = ["# title: x", "spawn P1", "", "# one", "# two", "P1 fork P2", "P1 exit  # bye"];
    expect(commentOf(lines, 2)).toBe("");
    expect(commentOf(lines, 6)).toBe("one two");
    expect(commentOf(lines, 7)).toBe("bye");
    const cow = moments(DEFAULT.text)[5]!;
    const said = narrationOf(cow.step!, "buf");
    expect(said[0]).toMatch(/^segvn_faultpage\(\): buf page 1: slot 1 holds anon:3 with an_refcnt 2/);
    expect(said.some((s) => /^(trap|pagefault|as_fault|segvn_fault)\(\)/.test(s))).toBe(false);
    const refused = moments("spawn P1 empty\nP1 mmap b /dev/zero 4 r private\nP1 write b 0\n")[3]!;
    expect(refused.step!.result).toBe("SIGSEGV");
    expect(narrationOf(refused.step!, "b")[0]).toBe(
      `${refused.step!.events.at(-1)!.fn}(): ${refused.step!.events.at(-1)!.say}`,
    );
  });

  it("the width estimates keep text in its room: the renderer measures a full caption line within it", () => {
    const fonts = dejavuFonts();
    if (fonts.files.length === 0) return; // measured only with the fonts the frames are drawn with
    const { Resvg } = createRequire(import.meta.url)("@resvg/resvg-js") as {
      Resvg: new (svg: string, o: object) => { getBBox(): { width: number } | undefined };
    };
    const width = (s: string, size: number, bold = false) =>
      new Resvg(
        `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="100"><text x="0" y="50" font-size="${size}" font-family="${SANS}"${bold ? ' font-weight="bold"' : ""}>${s}</text></svg>`,
        { font: { loadSystemFonts: false, fontFiles: fonts.files, defaultFontFamily: "DejaVu Sans" } },
      ).getBBox()!.width;
    const cow = moments(DEFAULT.text)[5]!;
    const room = FRAME_W - 48;
    const line = wrap(narrationOf(cow.step!, "buf")[0]!, room, 24, 3)[0]!;
    const w = width(line, 24);
    expect(w).toBeLessThanOrEqual(room);
    expect(w).toBeGreaterThan(0.8 * room); // and the estimate does not waste the line
    expect(textW(line, 24)).toBeGreaterThanOrEqual(w);
    expect(width("PHYSICAL MEMORY", 22, true)).toBeLessThanOrEqual(textW("PHYSICAL MEMORY", 22, "caps"));
  });
});
