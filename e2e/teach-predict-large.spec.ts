/**
 * Predict mode on the large preset (a 1 GB process forks): every step gets its question, and it
 * grades like any other. The time from "Next step" to the question on screen is logged (a
 * figure for bench/README.md; no assertion on it: the machine may be busy).
 */
import { bridgeState, expect, open, seek, settle, test } from "./fixtures";

test("predict on the 1 GB fork preset: a question per step, graded", async ({ page }) => {
  test.setTimeout(240_000);
  await open(page);
  await page.getByRole("combobox", { name: "Presets" }).selectOption("large-fork");
  await settle(page);
  const steps = (await bridgeState(page)).steps;
  expect(steps).toBe(5);
  await seek(page, { step: 0, event: -1 });
  await page.getByRole("button", { name: "Predict", exact: true }).click();
  const card = page.getByRole("dialog", { name: "Predict" });
  const times: number[] = [];
  for (let n = 1; n <= steps; n++) {
    const t0 = Date.now();
    await page.getByRole("button", { name: "Next step", exact: true }).click();
    await expect(card).toContainText(`before step ${n}`);
    await expect(card.locator(".predict-prompt")).toBeVisible({ timeout: 60_000 });
    times.push(Date.now() - t0);
    if (n < steps) {
      await card.getByRole("button", { name: /^Skip/ }).click();
      await settle(page);
      expect((await bridgeState(page)).pos).toEqual({ step: n, event: -1 });
      continue;
    }
    // the last step: P2 writes 1% of the pages, each a copy-on-write of a shared page
    await expect(card).toContainText("Which process, if any, gets a new private copy");
    await card.getByRole("button", { name: "P2", exact: true }).click();
    await expect(card.getByRole("status")).toContainText("Right");
    await expect(card).toContainText("anon_private");
    await settle(page);
    expect((await bridgeState(page)).pos).toEqual({ step: 5, event: -1 });
  }
  const line = `predict question times on large-fork, ms per step: ${times.join(", ")}`;
  console.log(line);
  test.info().annotations.push({ type: "timing", description: line });
});
