import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GifReader } from "omggif";
import { afterAll, describe, expect, it } from "vitest";
import { GifWriter, render } from "../src/cli/walkthrough/encode";
import { all, parseSvg } from "./svg-tree";

/**
 * `--walkthrough DIR`: the frames a lecturer drops into slides, checked as files (the SVG
 * parses and says the right step, PNG and GIF have the right headers, size and frame count),
 * and its bad usage refused before anything is drawn. One run draws every format of a
 * three-frame scenario; the rest of the checks draw SVG only or nothing (CI time).
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "anonscope-walk-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const r = spawnSync("node", [`${root}scripts/sim.mjs`, ...args], { cwd: root, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const FORK = `# title: two pages first touched
spawn P1 empty
P1 mmap buf /dev/zero 2 rw private
# both pages first touched
P1 write buf 0-1
`;

/** width and height from a PNG's IHDR (the chunk right after the signature) */
function pngSize(b: Buffer): { w: number; h: number } {
  expect([...b.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(b.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

describe("sim --walkthrough DIR", () => {
  it("draws the start and each step as SVG and PNG frames and one animated GIF", () => {
    // two frames (--until 1): drawing pixels is the slow part; the SVG-only run below has them all
    const dir = join(tmp, "all");
    const r = run(["-", "--walkthrough", dir, "--until", "1"], FORK);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^walkthrough: 2 frames \(the start and 1 step\) as SVG, PNG, an animated GIF in .+ \(\d[\d,]* KB\)\n$/,
    );
    expect(readdirSync(dir).sort()).toEqual([
      "step-000.png",
      "step-000.svg",
      "step-001.png",
      "step-001.svg",
      "walkthrough.gif",
    ]);
    for (const n of [0, 1]) {
      expect(pngSize(readFileSync(join(dir, `step-00${n}.png`)))).toEqual({ w: 1920, h: 1080 });
      // the caption counts the scenario's steps, not the ones drawn
      expect(readFileSync(join(dir, `step-00${n}.svg`), "utf8")).toContain(n ? "Step 1 of 3" : "The start");
    }
    const gif = new GifReader(readFileSync(join(dir, "walkthrough.gif")));
    expect([gif.width, gif.height, gif.numFrames(), gif.loopCount()]).toEqual([1920, 1080, 2, 0]);
    expect([0, 1].map((i) => gif.frameInfo(i).delay)).toEqual([700, 500]);
    // another process draws the same SVG to the same PNG bytes, and encodes the same GIF bytes
    const px = render(readFileSync(join(dir, "step-000.svg"), "utf8"));
    expect(Buffer.from(px.png).equals(readFileSync(join(dir, "step-000.png")))).toBe(true);
    const once = (): Uint8Array => {
      const g = new GifWriter();
      g.add(px, 500);
      return g.bytes();
    };
    expect(Buffer.from(once()).equals(Buffer.from(once()))).toBe(true);
    // the GIF's first frame (each is whole) is the PNG's picture in 256 colours
    const frame = new Uint8Array(1920 * 1080 * 4);
    gif.decodeAndBlitFrameRGBA(0, frame);
    let worst = 0;
    let sum = 0;
    for (let i = 0; i < frame.length; i++) {
      const d = Math.abs(frame[i]! - px.rgba[i]!);
      worst = Math.max(worst, d);
      sum += d;
    }
    expect(sum / frame.length).toBeLessThan(2);
    expect(worst).toBeLessThan(64);
  });

  it("every step as SVG: its statement, comment and anons; the same bytes twice; --until N; --theme dark", () => {
    const a = join(tmp, "a");
    const b = join(tmp, "b");
    expect(run(["-", "--walkthrough", a, "--format", "svg"], FORK).code).toBe(0);
    const r = run(["-", `--walkthrough=${b}`, "--format=svg", "--theme=light", "--until", "1"], FORK);
    expect(r.code).toBe(0);
    expect(readdirSync(b).sort()).toEqual(["step-000.svg", "step-001.svg"]);
    const texts = [
      "The start · two pages first touched",
      "spawn P1 empty",
      "P1 mmap buf /dev/zero 2 rw private",
      "P1 write buf 0-1",
    ];
    texts.forEach((want, n) => {
      const svg = parseSvg(readFileSync(join(a, `step-00${n}.svg`), "utf8"));
      expect([svg.name, svg.attrs.width, svg.attrs.height]).toEqual(["svg", "1920", "1080"]);
      const caption = all(svg, (x) => x.attrs["data-caption"] !== undefined)[0]!;
      expect(all(caption, (x) => x.name === "text").map((t) => t.text)).toContain(want);
      // no text a hall cannot read: the smallest is the app's 12 px labels at 1.75×
      const sizes = all(svg, (x) => x.attrs["font-size"] !== undefined).map((x) =>
        Number(x.attrs["font-size"]),
      );
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    });
    // step 3: its comment, what changed, and the anons it made in the Anon layer
    const s3 = parseSvg(readFileSync(join(a, "step-003.svg"), "utf8"));
    const words = all(s3, (x) => x.name === "text").map((t) => t.text);
    expect(words).toContain("“both pages first touched”");
    expect(words.filter((w) => /^anon:\d+ created/.test(w))).toHaveLength(2);
    const anonPanel = all(s3, (x) => x.attrs["data-panel"] === "anon")[0]!;
    expect(all(anonPanel, (x) => x.attrs["data-anon"] !== undefined)).toHaveLength(2);
    for (const f of readdirSync(b))
      expect(readFileSync(join(b, f), "utf8"), f).toBe(readFileSync(join(a, f), "utf8"));
    // a run over an earlier, longer one leaves no frame of it behind; --theme dark draws with
    // the app's dark colours
    expect(
      run(["-", "--walkthrough", a, "--format", "svg", "--until", "0", "--theme", "dark"], FORK).code,
    ).toBe(0);
    expect(readdirSync(a)).toEqual(["step-000.svg"]);
    const bg = parseSvg(readFileSync(join(a, "step-000.svg"), "utf8")).children.find(
      (x) => x.name === "rect",
    )!;
    const css = readFileSync(`${root}src/ui/app.css`, "utf8");
    expect(css.slice(css.indexOf(':root[data-theme="dark"]'))).toContain(`--bg: ${bg.attrs.fill};`);
  });

  it("refuses bad usage before drawing anything: what is wrong, exit 2", () => {
    const file = join(tmp, "a-file");
    writeFileSync(file, "");
    // one of each kind through the real CLI; the parser's every case: src/cli/args.test.ts
    const cases: [string[], RegExp][] = [
      [
        ["--walkthrough", join(tmp, "x"), "--format", "bmp"],
        /--format takes .*svg, png, gif; got "bmp" \("bmp" is not one\)/,
      ],
      [["--theme", "dark"], /--theme goes with --walkthrough DIR/],
      [
        ["--walkthrough", join(tmp, "x"), "--json"],
        /--walkthrough draws the steps as frames: it takes no --json/,
      ],
      [["--walkthrough", file], /--walkthrough .*a-file: it is a file, not a directory/],
    ];
    for (const [args, msg] of cases) {
      const r = run(["-", ...args], FORK);
      expect([r.code, r.out], args.join(" ")).toEqual([2, ""]);
      expect(r.err, args.join(" ")).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /);
      if (!args.includes(file)) expect(r.err).toMatch(/\nusage: npm run --silent sim -- FILE\|- /);
    }
    expect(readdirSync(tmp)).not.toContain("x");
  });

  it("refuses a scenario of more steps than it draws, and says how to draw the first ones", () => {
    const many = `spawn P1 empty\n${"P1 sbrk 1\n".repeat(200)}`;
    const r = run(["-", "--walkthrough", join(tmp, "many"), "--format", "svg"], many);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toBe(
      "sim: --walkthrough draws at most 200 steps (a frame each); standard input has 201: add --until 200 (or fewer) to draw the first ones\n",
    );
  });
});
