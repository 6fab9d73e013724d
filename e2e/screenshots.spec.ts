/**
 * The front-page screenshots (docs/screenshots/*.png, 1366×768): the default scenario at its
 * end, and the middle of a copy-on-write fault, in both themes.
 */
import { bridgeState, expect, open, seek, settle, shotPath, test } from "./fixtures";

for (const theme of ["light", "dark"] as const) {
  test(`screenshots (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await page.mouse.move(1, 1);
    await page.screenshot({ path: shotPath(`default-${theme}.png`) });

    // the middle of the COW fault: page_create_va has made the new page and ppcopy filled it,
    // the slot is not yet re-pointed
    const st = await bridgeState(page);
    expect(st.steps).toBeGreaterThan(0);
    const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
    const cow = steps.findIndex((s) => s.events.some((e) => e.fn === "anon_private"));
    expect(cow).toBeGreaterThanOrEqual(0);
    const ev = steps[cow]!.events.findIndex((e) => e.fn === "page_create_va");
    await seek(page, { step: cow + 1, event: ev });
    await settle(page);
    await page.screenshot({ path: shotPath(`cow-mid-${theme}.png`) });
  });
}
