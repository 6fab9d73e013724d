/**
 * With the scrollbars a user sees. Playwright's headless Chromium hides them (--hide-scrollbars),
 * so the rest of the suite never saw this: an inline diagram <svg> overflowed its panel by the
 * font's descent, the panel showed scrollbars, the diagram was redrawn 15 px smaller, the
 * scrollbars went, it was redrawn bigger... every frame, for as long as the page was open
 * (60–120 redraws a second at every viewport, src/ui/app.css). This browser keeps them shown.
 */
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";
import { expect, test } from "./fixtures";

const VIEWPORTS = [
  [1366, 768],
  [1920, 1080],
  [1024, 768],
  [3840, 2160],
  [390, 844],
] as const;

test("the diagrams fit their panels and are drawn once, with scrollbars shown", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ["--hide-scrollbars"],
  });
  try {
    for (const [width, height] of VIEWPORTS) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(baseURL!);
      await page.waitForFunction(() => window.__anonscope?.settled() === true);
      // the first frames settle the sizes (the panels measure, then draw); then nothing may move
      await page.waitForTimeout(500);
      const watched = await page.evaluate(
        () =>
          new Promise<{ changes: number; svgs: number; overflow: string[]; scrollbar: number }>((done) => {
            const svgs = [...document.querySelectorAll<SVGSVGElement>(".panel-body svg[width]")];
            let changes = 0;
            const mo = new MutationObserver((rs) => (changes += rs.length));
            for (const s of svgs) mo.observe(s, { attributes: true, attributeFilter: ["width", "height"] });
            setTimeout(() => {
              mo.disconnect();
              const bodies = [...document.querySelectorAll<HTMLElement>(".panel-body")];
              done({
                changes,
                svgs: svgs.length,
                // a diagram's body with more to scroll than it shows (the text panels scroll)
                overflow: bodies
                  .filter((b) => b.querySelector(":scope > div > svg[width]"))
                  .filter((b) => b.scrollHeight > b.clientHeight || b.scrollWidth > b.clientWidth)
                  .map((b) => b.closest("section")?.className ?? "?"),
                // proof that this browser draws scrollbars: the widest gutter among the bodies
                scrollbar: Math.max(...bodies.map((b) => b.offsetWidth - b.clientWidth)),
              });
            }, 1000);
          }),
      );
      const at = `${width}×${height}`;
      expect(watched.scrollbar, `${at}: scrollbars are shown`).toBeGreaterThan(0);
      expect(watched.svgs, `${at}: diagrams watched`).toBeGreaterThan(0);
      expect(watched.changes, `${at}: diagram size changes in a second`).toBe(0);
      expect(watched.overflow, `${at}: diagram panels that overflow`).toEqual([]);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
