/**
 * With the scrollbars a user sees. Playwright's headless Chromium hides them (--hide-scrollbars),
 * so the rest of the suite never saw this: a diagram that overflowed its panel by a few pixels
 * brought the panel's scrollbars, was redrawn 15 px smaller, lost them, was redrawn bigger...
 * every frame, for as long as the page was open (60–120 redraws a second at every viewport;
 * src/ui/app.css says why, twice). This browser keeps them shown.
 */
import { readFileSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";
import { expect, test } from "./fixtures";

const VIEWPORTS = [
  [1366, 768],
  [1920, 1080],
  [1024, 768],
  [3840, 2160],
  [390, 844],
] as const;

interface Watched {
  changes: number;
  svgs: number;
  overflow: string[];
  wide: string[];
  scrollbar: number;
}

/** A second of the settled page: how often the panels' diagrams changed size, and what overflows. */
async function watch(page: Page): Promise<Watched> {
  await page.waitForFunction(() => window.__anonscope?.settled() === true);
  // the first frames settle the sizes (the panels measure, then draw); then nothing may move
  await page.waitForTimeout(500);
  return page.evaluate(
    () =>
      new Promise<Watched>((done) => {
        const svgs = [...document.querySelectorAll<SVGSVGElement>(".panel-body svg[width]")];
        let changes = 0;
        const mo = new MutationObserver((rs) => (changes += rs.length));
        for (const s of svgs) mo.observe(s, { attributes: true, attributeFilter: ["width", "height"] });
        setTimeout(() => {
          mo.disconnect();
          const bodies = [...document.querySelectorAll<HTMLElement>(".panel-body")];
          const drawn = bodies.filter((b) => b.querySelector(":scope > div > svg[width]"));
          done({
            changes,
            svgs: svgs.length,
            // a body whose diagram is drawn to its size, with more to scroll than it shows
            overflow: drawn
              .filter((b) => b.scrollHeight > b.clientHeight || b.scrollWidth > b.clientWidth)
              .map((b) => b.closest("section")?.className ?? "?"),
            // ... sideways: a diagram may be taller than its panel, never wider
            wide: drawn
              .filter((b) => b.scrollWidth > b.clientWidth)
              .map((b) => b.closest("section")?.className ?? "?"),
            // proof that this browser draws scrollbars: the widest gutter among the bodies
            scrollbar: Math.max(...bodies.map((b) => b.offsetWidth - b.clientWidth)),
          });
        }, 1000);
      }),
  );
}

/** The Anon layer's drawing's width and its panel's inside width. */
function anonWidths(page: Page): Promise<{ svg: number; box: number }> {
  return page.evaluate(() => {
    const b = document.querySelector<HTMLElement>(".area-anon .panel-body")!;
    return { svg: Number(b.querySelector("svg")!.getAttribute("width")), box: b.clientWidth };
  });
}

test("the diagrams fit their panels and are drawn once, with scrollbars shown", async ({ baseURL }) => {
  test.setTimeout(150_000);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ["--hide-scrollbars"],
  });
  try {
    for (const [width, height] of VIEWPORTS) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(baseURL!);
      const w = await watch(page);
      const at = `${width}×${height}`;
      expect(w.scrollbar, `${at}: scrollbars are shown`).toBeGreaterThan(0);
      expect(w.svgs, `${at}: diagrams watched`).toBeGreaterThan(0);
      expect(w.changes, `${at}: diagram size changes in a second`).toBe(0);
      expect(w.overflow, `${at}: diagram panels that overflow`).toEqual([]);
      await page.close();
    }

    // a diagram taller than its panel: it scrolls, and stays still
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(baseURL!);
    await page.waitForFunction(() => window.__anonscope?.settled() === true);
    const tall = readFileSync("src/scenarios/presets/14-two-level-anon-hdr.vms", "utf8");
    await page.evaluate((text) => window.__anonscope!.load(text, "end"), tall);
    const hdr = await watch(page);
    expect(hdr.svgs, "two-level anon_hdr: diagrams watched").toBeGreaterThan(0);
    expect(hdr.changes, "two-level anon_hdr: diagram size changes in a second").toBe(0);
    expect(hdr.wide, "two-level anon_hdr: diagrams wider than their panels").toEqual([]);
    // a size held against the scrollbars is let go when the window changes
    await page.setViewportSize({ width: 1500, height: 820 });
    const resized = await watch(page);
    expect(resized.changes, "two-level anon_hdr, resized: size changes in a second").toBe(0);
    expect(resized.wide, "two-level anon_hdr, resized: diagrams wider than their panels").toEqual([]);
    const anon = await anonWidths(page);
    expect(anon.svg, "two-level anon_hdr, resized: the drawing takes the panel's width").toBe(anon.box);

    await page.close();

    // the default scenario's Anon layer on stage
    const staged = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await staged.goto(baseURL!);
    await staged.getByRole("button", { name: "Enlarge Anon layer" }).click();
    await expect(staged.locator(".area-anon.on-stage")).toBeVisible();
    const stage = await watch(staged);
    expect(stage.svgs, "Anon layer on stage: diagrams watched").toBeGreaterThan(0);
    expect(stage.changes, "Anon layer on stage: diagram size changes in a second").toBe(0);
    // it fits: no scrollbars, so it is drawn at the size (and the detail) the room gives it
    expect(stage.overflow, "Anon layer on stage: diagram panels that overflow").toEqual([]);
    const full = await anonWidths(staged);
    expect(full.svg, "Anon layer on stage: drawn to the panel's whole width").toBe(full.box);
    await staged.close();
  } finally {
    await browser.close();
  }
});
