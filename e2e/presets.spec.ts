import { REGIONS, bridgeState, expect, open, settle, test } from "./fixtures";

test("every preset loads from the menu, with its explanation", async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const menu = page.getByRole("combobox", { name: "Presets" });
  const options = await menu
    .locator("option")
    .evaluateAll((os) =>
      os.map((o) => ({ value: (o as HTMLOptionElement).value, title: o.textContent ?? "" })),
    );
  const presets = options.filter((o) => o.value);
  expect(presets.length).toBeGreaterThanOrEqual(10);
  for (const p of presets) {
    await menu.selectOption(p.value);
    await settle(page);
    const st = await bridgeState(page);
    expect(st.error, p.value).toBeNull();
    expect(st.steps, p.value).toBeGreaterThan(0);
    await expect(menu).toHaveValue(p.value);
    await expect(page.getByLabel("What this preset shows")).not.toBeEmpty();
    // a preset of two scenarios (# beside:) opens them side by side in the Address spaces' place;
    // the next preset brings the Address spaces back
    const pair = p.value.includes("private-or-shared");
    if (pair) await expect(page.getByRole("region", { name: "Side by side", exact: true })).toBeVisible();
    for (const name of REGIONS)
      if (!(pair && name === "Address spaces"))
        await expect(page.getByRole("region", { name, exact: true })).toBeVisible();
    // the console shows what the tools print
    await expect(page.getByRole("region", { name: "Console" })).toContainText("total:");
  }
});

test("keyboard: arrows step by event, Shift by step, Home/End, ? opens help; not while typing", async ({
  page,
}) => {
  await open(page);
  const end = (await bridgeState(page)).pos;
  await page.locator("body").click({ position: { x: 5, y: 760 } });
  await page.keyboard.press("Home");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 0, event: -1 });
  await page.keyboard.press("ArrowRight");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 1, event: 0 });
  await page.keyboard.press("Shift+ArrowRight");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 1, event: -1 });
  await page.keyboard.press("Shift+ArrowRight");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 2, event: -1 });
  await page.keyboard.press("ArrowLeft");
  await settle(page);
  const p = (await bridgeState(page)).pos;
  expect(p.step).toBe(2);
  expect(p.event).toBeGreaterThanOrEqual(0);
  await page.keyboard.press("Shift+ArrowLeft");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 1, event: -1 });
  await page.keyboard.press("End");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual(end);
  await expect(page.getByTestId("position")).toContainText(`step ${end.step}/${end.step}`);

  // typing in the editor moves the caret, not the timeline
  const editor = page.getByRole("textbox", { name: "Scenario text" });
  await editor.click();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Home");
  await page.keyboard.press("Space");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual(end);
  await page.keyboard.press("Backspace");

  await page.locator("body").click({ position: { x: 5, y: 760 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);
});

test("play runs the events forward and pause stops them", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Jump to start", exact: true }).click();
  await page.getByRole("combobox", { name: "Speed" }).selectOption("8");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(async () => (await bridgeState(page)).pos.step).toBeGreaterThan(1);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await settle(page);
  const stopped = (await bridgeState(page)).pos;
  await page.waitForTimeout(400);
  expect((await bridgeState(page)).pos).toEqual(stopped);
});

test("presentation mode enlarges one panel and Esc brings the others back", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Enlarge Anon layer" }).click();
  await expect(page.getByRole("region", { name: "Anon layer" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Swap" })).toBeHidden();
  const box = await page.getByRole("region", { name: "Anon layer" }).boundingBox();
  expect(box!.width).toBeGreaterThan(1200);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Swap" })).toBeVisible();
});

test("dark theme toggles and sticks", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await open(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await settle(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});
