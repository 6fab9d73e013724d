import { REGIONS, bridgeState, expect, loadText, open, settle, test } from "./fixtures";

test("the default scenario renders every panel", async ({ page }) => {
  await open(page);
  for (const name of REGIONS) await expect(page.getByRole("region", { name, exact: true })).toBeVisible();
  const st = await bridgeState(page);
  expect(st.steps).toBeGreaterThan(0);
  expect(st.error).toBeNull();
  // the default preset ends after a fork: two processes, both columns drawn
  const address = page.getByRole("region", { name: "Address spaces" });
  await expect(address.locator('[data-proc-col="P1"]')).toBeVisible();
  await expect(address.locator('[data-proc-col="P2"]')).toBeVisible();
  // slot cells carry their anon and refcount
  const anon = page.getByRole("region", { name: "Anon layer" });
  await expect(anon.locator("[data-slot]")).not.toHaveCount(0);
  // the console prints pmap -x and swap -s
  const consoleRegion = page.getByRole("region", { name: "Console" });
  await expect(consoleRegion).toContainText("Address");
  await expect(consoleRegion).toContainText("total:");
  // the narration names a kernel function and links to its source
  const link = page.getByRole("region", { name: "Narration" }).getByRole("link");
  await expect(link).toHaveAttribute(
    "href",
    /^https:\/\/src\.illumos\.org\/source\/xref\/illumos-gate\/usr\/src\//,
  );
});

test("every control and panel has an accessible name", async ({ page }) => {
  await open(page);
  for (const name of ["Fork", "Write", "Read", "mmap", "Step forward", "Step back", "Share"]) {
    await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  }
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("button, select, textarea, input")]
      .filter((el) => !(el as HTMLElement).closest(".popover"))
      .filter((el) => {
        const label = el.getAttribute("aria-label") ?? (el as HTMLElement).innerText?.trim();
        return !label;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
});

test("a scenario that does not parse shows line and column and keeps the state", async ({ page }) => {
  await open(page);
  const anon = page.getByRole("region", { name: "Anon layer" });
  const before = await anon.locator("[data-slot]").count();
  const editor = page.getByRole("textbox", { name: "Scenario text" });
  const good = await editor.inputValue();
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nP1 frobnicate buf 0\n");
  const err = page.getByRole("region", { name: "Scenario" }).getByRole("alert");
  await expect(err).toContainText(/^line \d+, column \d+: /);
  const line = (await editor.inputValue()).split("\n").indexOf("P1 frobnicate buf 0") + 1;
  await expect(err).toContainText(`line ${line}, column 4: `);
  // the user's text is kept, and the last good state stays on screen
  await expect(editor).toHaveValue(/P1 frobnicate buf 0/);
  await settle(page);
  expect(await anon.locator("[data-slot]").count()).toBe(before);
  expect((await bridgeState(page)).error).toMatch(/^line \d+, column 4/);
  // a reload keeps the text (the browser keeps the working scenario) and says why the diagram
  // shows something else; the URL holds only the scenario that ran
  expect(decodeURIComponent(page.url())).not.toContain("frobnicate");
  await page.reload();
  await settle(page);
  await expect(editor).toHaveValue(/P1 frobnicate buf 0/);
  await expect(err).toContainText(`line ${line}, column 4: `);
  await expect(page.getByRole("region", { name: "Scenario" })).toContainText(
    "Not run: the diagrams show the last scenario that ran.",
  );
  await expect(anon.locator("[data-slot]")).not.toHaveCount(0);
  // fixing the text runs it again
  await editor.fill(good);
  await expect(err).toHaveCount(0);
  await settle(page);
});

test("operation buttons append statements and run them", async ({ page }) => {
  await open(page);
  await loadText(page, "spawn P1 empty\n");
  await page.getByRole("button", { name: "mmap", exact: true }).click();
  const form = page.getByRole("dialog", { name: "mmap a new segment" });
  await form.getByRole("textbox", { name: "Segment name" }).fill("buf");
  await form.getByRole("textbox", { name: "Size" }).fill("2");
  await form.getByRole("button", { name: "Map it" }).click();
  await settle(page);
  await page.getByRole("button", { name: "Write", exact: true }).click();
  await settle(page);
  await page.getByRole("button", { name: "Fork", exact: true }).click();
  await settle(page);
  const st = await bridgeState(page);
  expect(st.text.trim().split("\n")).toEqual([
    "spawn P1 empty",
    "P1 mmap buf /dev/zero 2 rw private",
    "P1 write buf 0-1",
    "P1 fork P2",
  ]);
  const slots = page.getByRole("region", { name: "Anon layer" }).locator("[data-slot][data-proc=P2]");
  await expect(slots).toHaveCount(2);
  await expect(slots.first()).toHaveAttribute("data-refcnt", "2");

  // the target fields: process, segment, pages
  const target = page.getByRole("group", { name: "Target of the operations" });
  await target.getByRole("combobox", { name: "Process" }).selectOption("P2");
  await expect(target.getByRole("combobox", { name: "Segment" })).toHaveValue("buf@0");
  await target.getByRole("textbox", { name: "Pages" }).fill("1");
  await page.getByRole("button", { name: "Read", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).text.trim().split("\n").at(-1)).toBe("P2 read buf 1");
  await expect(slots.nth(1)).toHaveAttribute("data-hat", "r");
  await page.getByRole("button", { name: "Exit", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).text.trim().split("\n").at(-1)).toBe("P2 exit");
  await expect(slots).toHaveCount(0);
});

test("without Web Workers the engine runs on the main thread", async ({ page }) => {
  await page.addInitScript(() => {
    // a browser that cannot start module workers
    Object.defineProperty(window, "Worker", { value: undefined });
  });
  await open(page);
  const st = await bridgeState(page);
  expect(st.steps).toBeGreaterThan(0);
  await expect(page.getByRole("region", { name: "Anon layer" }).locator("[data-slot]")).not.toHaveCount(0);
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).not.toEqual(st.pos);
});
