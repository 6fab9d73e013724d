/**
 * Screenshots of the teaching features for the README and the docs (docs/screenshots/*.png):
 * a lesson and predict mode at 1366×768, the embed view at 800×500. Light theme.
 */
import { expect, open, seek, settle, shotPath, test } from "./fixtures";

test.use({ colorScheme: "light" });

test("screenshot: a lesson", async ({ page }) => {
  await open(page, "?lesson=fork-cow");
  await seek(page, { step: 6, event: -1 });
  await expect(page.locator(".lesson-now")).toContainText("Watch for, step 6");
  await page.mouse.move(1, 1);
  await page.screenshot({ path: shotPath(`lesson.png`) });
});

test("screenshot: predict mode, the question and the answer", async ({ page }) => {
  await open(page, "?mode=predict");
  await seek(page, { step: 4, event: -1 });
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  const card = page.getByRole("dialog", { name: "Predict" });
  await expect(card.getByRole("button", { name: "P2", exact: true })).toBeVisible();
  await page.mouse.move(1, 1);
  await page.screenshot({ path: shotPath(`predict.png`) });
  await card.getByRole("button", { name: "P2", exact: true }).click();
  await expect(card.getByRole("status")).toContainText("Right");
  await settle(page);
  await page.mouse.move(1, 1);
  await page.screenshot({ path: shotPath(`predict-answer.png`) });
});

test("screenshot: predict mode asking about an operation button", async ({ page }) => {
  await open(page, "?mode=predict");
  // predict mode opens before the first step; the operation is made at the end
  await page.getByRole("button", { name: "Jump to end", exact: true }).click();
  await settle(page);
  const target = page.getByRole("group", { name: "Target of the operations" });
  await target.getByRole("combobox", { name: "Process" }).selectOption("P2");
  await target.getByRole("textbox", { name: "Pages" }).fill("2");
  await page.getByRole("button", { name: "Write", exact: true }).click();
  const card = page.getByRole("dialog", { name: "Predict" });
  await expect(card.getByRole("button", { name: "P2", exact: true })).toBeVisible();
  await settle(page);
  await page.mouse.move(1, 1);
  await page.screenshot({ path: shotPath(`predict-op.png`) });
});

test.describe("embed", () => {
  test.use({ viewport: { width: 800, height: 500 } });
  test("screenshot: the embed view", async ({ page }) => {
    await open(page, "?embed");
    const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
    const cow = steps.findIndex((s) => s.events.some((e) => e.fn === "anon_private"));
    await seek(page, { step: cow + 1, event: -1 });
    await page.mouse.move(1, 1);
    await page.screenshot({ path: shotPath(`embed.png`) });
  });
});
