/**
 * The large preset: a process with a 1 GB (262,144-page) heap forks. It must load without freezing the
 * page, draw density strips instead of a node per page, and show the right counts.
 */
import { bridgeState, expect, open, settle, test } from "./fixtures";

test("the 1 GB fork preset loads, stays responsive and shows its counts", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const menu = page.getByRole("combobox", { name: "Presets" });
  const value = await menu
    .locator("option")
    .evaluateAll((os) => (os as HTMLOptionElement[]).find((o) => o.value === "large-fork")?.value ?? "");
  expect(value).toBe("large-fork");
  const t0 = Date.now();
  await menu.selectOption(value);
  // the main thread answers while the worker computes
  const ping = Date.now();
  await page.evaluate(() => 1);
  expect(Date.now() - ping).toBeLessThan(1000);
  await settle(page);
  const loadMs = Date.now() - t0;
  // the preset opens after its heap is written (its `# start:` header); the fork is at the end
  expect((await bridgeState(page)).pos.step).toBe(3);
  await page.getByRole("button", { name: "Jump to end", exact: true }).click();
  await settle(page);

  expect(loadMs).toBeLessThan(60_000);
  expect((await bridgeState(page)).error).toBeNull();

  const anon = page.getByRole("region", { name: "Anon layer" });
  const p1 = anon.locator('.density-row[data-proc="P1"]');
  const p2 = anon.locator('.density-row[data-proc="P2"]');
  await expect(p1).toHaveAttribute("data-pages", "262144");
  await expect(p1).toHaveAttribute("data-filled", "262144");
  await expect(p2).toHaveAttribute("data-filled", "262144");
  // P2 wrote 2,621 pages: those are private copies, the rest still shared
  await expect(p2).toHaveAttribute("data-shared", String(262144 - 2621));
  await expect(anon).toContainText("262,144");
  await expect(anon.locator("canvas")).toHaveCount(2);
  // never one node per page
  const nodes = await page.evaluate(() => document.querySelectorAll("*").length);
  expect(nodes).toBeLessThan(6000);
  await expect(page.getByRole("region", { name: "Physical memory" })).toContainText("264,766");

  // keep the heap on screen (else the Anon layer follows each event's segment: at the end of
  // the fork that is the stack), then step back into the fork and forward again: quick
  await page.getByRole("combobox", { name: "Segment" }).selectOption("heap@0");
  const t1 = Date.now();
  await page.getByRole("button", { name: "Previous step", exact: true }).click();
  await settle(page);
  await expect(p2).toHaveAttribute("data-shared", "262144");
  await page.getByRole("button", { name: "Step forward", exact: true }).click();
  await settle(page);
  expect(Date.now() - t1).toBeLessThan(20_000);
});
