/**
 * Teaching, part 1: the rules dialog and predict-then-reveal, in the default scenario
 * (step 5: P2 writes a shared page and gets the copy; step 6: P1 writes the same page, now its
 * own, and nothing is copied).
 */
import { bridgeState, expect, open, seek, settle, test, type Page } from "./fixtures";

async function openMore(page: Page, item: string, role: "menuitem" | "menuitemcheckbox" = "menuitem") {
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole(role, { name: new RegExp(`^${item}`) }).click();
}

test("the Rules dialog lists every rule with its illumos function and a link to it", async ({ page }) => {
  await open(page);
  await openMore(page, "Rules");
  const dialog = page.getByRole("dialog", { name: "Rules" });
  await expect(dialog).toBeVisible();
  const rules = dialog.locator("li[data-rule]");
  expect(await rules.count()).toBeGreaterThan(20);
  // each rule: a sentence, a link to its function's definition, at least one oracle
  const first = rules.first();
  const link = first.getByRole("link");
  await expect(link).toHaveText(/^\w+\(\)$/);
  const fn = (await link.textContent())!.replace("()", "");
  await expect(link).toHaveAttribute("href", new RegExp(`^https://src\\.illumos\\.org/.*defs=${fn}$`));
  await expect(first.locator("code")).not.toHaveCount(0);
  // the filter narrows the list
  await dialog.getByRole("searchbox", { name: "Filter rules" }).fill("anon_private");
  await expect(dialog.getByText(/^\d+ of \d+ rules$/)).toBeVisible();
  for (const r of await rules.all()) await expect(r).toContainText("anon_private");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "More", exact: true })).toBeFocused();
});

test("predict: a question before each new step, answered right then wrong", async ({ page }) => {
  await open(page);
  await seek(page, { step: 4, event: -1 });
  const toggle = page.getByRole("button", { name: "Predict", exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => new URL(page.url()).search).toBe("?mode=predict");

  // step 5 is held back until the question is answered
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  const card = page.getByRole("dialog", { name: "Predict" });
  await expect(card).toContainText("before step 5");
  await expect(card).toContainText("Which process, if any, gets a new private copy");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 4, event: -1 });
  // moving on is held too, and does not stack questions
  await page.keyboard.press("ArrowRight");
  await settle(page);
  expect((await bridgeState(page)).pos.step).toBe(4);

  await card.getByRole("button", { name: "P2", exact: true }).click();
  await expect(card.getByRole("status")).toContainText("Right");
  await expect(card).toContainText("anon_private");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 5, event: -1 });
  await expect(page.locator(".event-card")).toBeVisible();
  await card.getByRole("button", { name: "Continue" }).click();
  await expect(card).toBeHidden();

  // step 6: P1 is now page 1's only holder, so no copy; answer P2 and be told why not
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  await expect(card).toContainText("before step 6");
  await card.getByRole("button", { name: "P2", exact: true }).click();
  await expect(card.getByRole("status")).toContainText("Not quite");
  await expect(card).toContainText("the answer is none: no copy");
  await expect(card).toContainText("1 of 2 right");
  // the explanation names the rule; its button opens it in the Rules dialog
  await card.getByRole("button", { name: /The rule: \w+\(\)/ }).click();
  const rules = page.getByRole("dialog", { name: "Rules" });
  await expect(rules.locator("li.focus")).toContainText("last holder of an anon");
  await page.keyboard.press("Escape");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 6, event: -1 });

  // going back and forward again over answered steps asks nothing
  await page.getByRole("button", { name: "Previous step", exact: true }).click();
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 6, event: -1 });
});

test("predict: a numeric answer, and a shared link that opens in predict mode", async ({ page }) => {
  await open(page);
  await seek(page, { step: 1, event: -1 });
  await page.getByRole("button", { name: "Predict", exact: true }).click();
  await page.getByRole("button", { name: "Step forward", exact: true }).click();
  const card = page.getByRole("dialog", { name: "Predict" });
  await expect(card).toContainText("before step 2");
  // step 2 maps 4 pages of /dev/zero: swap -s reserves 16k more than it says now
  await expect(card).toContainText("how many KB will it report as reserved?");
  const now = Number(/reports (\d+)k reserved/.exec((await card.textContent())!)![1]);
  const input = card.getByRole("textbox", { name: "Your answer" });
  await expect(input).toBeFocused();
  await input.fill(String(now + 16));
  await input.press("Enter");
  await expect(card.getByRole("status")).toContainText("Right");
  await settle(page);
  // Step forward asked for the first event of step 2, and that is where it goes
  expect((await bridgeState(page)).pos.step).toBe(2);
  await seek(page, { step: 2, event: -1 });

  await page.getByRole("button", { name: "Share", exact: true }).click();
  const url = page.url();
  expect(url).toContain("?mode=predict#v1.");
  const other = await page.context().newPage();
  await other.goto(url);
  await settle(other);
  await expect(other.getByRole("button", { name: "Predict", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await other.getByRole("button", { name: "Next step", exact: true }).click();
  await expect(other.getByRole("dialog", { name: "Predict" })).toContainText("before step 3");
  await other.getByRole("button", { name: /^Skip/ }).click();
  await settle(other);
  expect((await bridgeState(other)).pos).toEqual({ step: 3, event: -1 });
  await other.close();
});

test("predict: an operation button asks about its statement first, then runs it", async ({ page }) => {
  await open(page);
  const before = await bridgeState(page);
  expect(before.pos).toEqual({ step: 7, event: -1 });
  await page.getByRole("button", { name: "Predict", exact: true }).click();
  // P2 writes page 2, which P1 and P2 still share (an_refcnt 2): copy-on-write
  const target = page.getByRole("group", { name: "Target of the operations" });
  await target.getByRole("combobox", { name: "Process" }).selectOption("P2");
  await expect(target.getByRole("combobox", { name: "Segment" })).toHaveValue("buf@0");
  await target.getByRole("textbox", { name: "Pages" }).fill("2");
  await page.getByRole("button", { name: "Write", exact: true }).click();

  const card = page.getByRole("dialog", { name: "Predict" });
  await expect(card).toContainText("before step 8: P2 write buf 2");
  await expect(card).toContainText("Which process, if any, gets a new private copy");
  await settle(page);
  // the statement is in the scenario, and the screen shows the state before it
  const asking = await bridgeState(page);
  expect(asking.text.trim().split("\n").at(-1)).toBe("P2 write buf 2");
  expect(asking.steps).toBe(8);
  expect(asking.pos).toEqual({ step: 7, event: -1 });
  const slot = page.getByRole("region", { name: "Anon layer" }).locator("[data-slot][data-proc=P2]").nth(2);
  await expect(slot).toHaveAttribute("data-refcnt", "2");
  // the target still names the statement's pages
  await expect(target.getByRole("textbox", { name: "Pages" })).toHaveValue("2");

  await card.getByRole("button", { name: "P1", exact: true }).click();
  await expect(card.getByRole("status")).toContainText("Not quite: the answer is P2");
  await expect(card).toContainText("anon_private");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 8, event: -1 });
  await expect(slot).toHaveAttribute("data-refcnt", "1");
  await card.getByRole("button", { name: "Continue" }).click();
  await expect(card).toBeHidden();

  // with predict off an operation just runs
  await page.getByRole("button", { name: "Predict", exact: true }).click();
  await page.getByRole("button", { name: "Read", exact: true }).click();
  await settle(page);
  const after = await bridgeState(page);
  expect(after.text.trim().split("\n").at(-1)).toBe("P2 read buf 2");
  expect(after.pos).toEqual({ step: 9, event: -1 });
  await expect(card).toBeHidden();
});
