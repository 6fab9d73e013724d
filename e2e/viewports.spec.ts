/**
 * The whole screen, at the four sizes a lecture hall has (and a 4K screen at device pixel ratio
 * 2): the panels fill the viewport with nothing scrolled off, text grows with the screen, and
 * presentation mode draws the panel on stage larger still. The screenshots go to the test's
 * output (looked at for each change), and the README's to docs/screenshots with
 * `npm run screenshots`.
 */
import { expect, open, settle, shotPath, test, type Page } from "./fixtures";

const SIZES = [
  { width: 1366, height: 768, dpr: 1 },
  { width: 1920, height: 1080, dpr: 1 },
  { width: 2560, height: 1440, dpr: 1 },
  { width: 3840, height: 2160, dpr: 1 },
  // a 4K screen at 200 %: a 1920×1080 page of CSS pixels, drawn sharp
  { width: 1920, height: 1080, dpr: 2 },
] as const;

/** The panels' union box and the body text size (the narration's sentence). */
async function fill(page: Page) {
  return page.evaluate(() => {
    const rs = [...document.querySelectorAll("[role=region]")].map((e) => e.getBoundingClientRect());
    return {
      left: Math.min(...rs.map((r) => r.left)),
      right: Math.max(...rs.map((r) => r.right)),
      bottom: Math.max(...rs.map((r) => r.bottom)),
      scrollW: document.documentElement.scrollWidth,
      scrollH: document.documentElement.scrollHeight,
      say: parseFloat(getComputedStyle(document.querySelector(".event-card .say")!).fontSize),
    };
  });
}

for (const theme of ["light", "dark"] as const)
  test(`every viewport filled, text growing with it, presentation larger still (${theme})`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    let last = 0;
    for (const [i, s] of SIZES.entries()) {
      // a test run draws each size in one theme, the themes alternating (both are measured, in
      // half the browser time); `npm run screenshots` draws every size in both for the README
      if (!process.env.UPDATE_SCREENSHOTS && (i % 2 === 0) !== (theme === "light")) continue;
      const ctx = await browser.newContext({
        viewport: { width: s.width, height: s.height },
        deviceScaleFactor: s.dpr,
        colorScheme: theme,
        reducedMotion: "reduce",
      });
      const page = await ctx.newPage();
      await open(page);
      await page.mouse.move(1, 1);
      const f = await fill(page);
      expect(f.scrollW, `${s.width}: no sideways scroll`).toBeLessThanOrEqual(s.width);
      expect(f.scrollH, `${s.width}: no page scroll`).toBeLessThanOrEqual(s.height);
      expect(f.left).toBeLessThan(0.02 * s.width);
      expect(f.right).toBeGreaterThan(0.98 * s.width);
      expect(f.bottom).toBeGreaterThan(0.97 * s.height);
      if (s.dpr === 1) {
        expect(f.say, `${s.width}: text grows`).toBeGreaterThan(last);
        last = f.say;
      }
      const name = `viewport-${s.width}x${s.height}${s.dpr > 1 ? "@2x" : ""}-${theme}.png`;
      // the README keeps the projector's and the common desktop's; the rest stay with the test
      const keep = s.dpr === 1 && s.width <= 1920;
      await page.screenshot({ path: keep ? shotPath(name) : test.info().outputPath(name) });
      if (s.width === 1366) {
        await page.getByRole("button", { name: "Enlarge Anon layer" }).click();
        await settle(page);
        await page.mouse.move(1, 1);
        const stage = await page.evaluate(() =>
          parseFloat(getComputedStyle(document.querySelector("[data-panel=anon] .legend")!).fontSize),
        );
        expect(stage).toBeGreaterThanOrEqual(1.5 * 12);
        await page.screenshot({ path: shotPath(`presentation-anon-${theme}.png`) });
      }
      await ctx.close();
    }
  });
