/**
 * Screenshots of the classroom loop (issue 10), both themes, 1366×768: an operation made in the
 * middle of a scenario (the notice with Undo, the new step in the editor and the narration), a
 * later step it broke (marked in the editor and on the timeline), and the mmap form with a size
 * it refuses. `npm run screenshots` writes the first (light) to docs/screenshots for the README.
 */
import { expect, open, settle, shotPath, test, type Page } from "./fixtures";

const btn = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
/** The README shows one of them; the rest stay in the test's output. */
const out = (name: string) => (name === "ops-mid-light.png" ? shotPath(name) : test.info().outputPath(name));

async function toStep(page: Page, step: number): Promise<void> {
  await btn(page, "Jump to start").click();
  for (let i = 0; i < step; i++) await btn(page, "Next step").click();
  await settle(page);
}

for (const theme of ["light", "dark"] as const) {
  test(`screenshots: an operation mid-scenario, a step it broke, a form (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await toStep(page, 3);
    await btn(page, "Fork").click();
    await settle(page);
    await expect(page.getByRole("status")).toContainText("went in after step 3");
    await page.mouse.move(1, 1);
    await page.screenshot({ path: out(`ops-mid-${theme}.png`) });

    await toStep(page, 2);
    await page
      .getByRole("group", { name: "Target of the operations" })
      .getByRole("textbox", { name: "Pages" })
      .fill("1");
    await btn(page, "munmap").click();
    await settle(page);
    await expect(page.getByRole("alert").filter({ hasText: "now fail" })).toBeVisible();
    await page.mouse.move(1, 1);
    await page.screenshot({ path: out(`ops-broke-${theme}.png`) });
    await page.keyboard.press("Escape");

    await btn(page, "mmap").click();
    const form = page.getByRole("dialog", { name: "mmap a new segment" });
    await form.getByRole("textbox", { name: "Size" }).fill("64q");
    await expect(form.getByRole("button", { name: "Map it" })).toBeDisabled();
    await page.screenshot({ path: out(`ops-form-error-${theme}.png`) });
    await form.getByRole("textbox", { name: "Size" }).fill("64k");
    await expect(form.getByRole("button", { name: "Map it" })).toBeEnabled();
    await form.getByRole("button", { name: "Map it" }).hover();
    await page.screenshot({ path: out(`ops-form-${theme}.png`) });
  });
}
