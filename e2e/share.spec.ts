import { bridgeState, expect, open, settle, test } from "./fixtures";

test("Share copies a link that reopens the same scenario at the same event", async ({ page, context }) => {
  await open(page);
  // somewhere in the middle: the start of step 3, two events in
  await page.getByRole("button", { name: "Jump to start", exact: true }).click();
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Next step", exact: true }).click();
  await page.getByRole("button", { name: "Step forward", exact: true }).click();
  await page.getByRole("button", { name: "Step forward", exact: true }).click();
  await settle(page);
  const here = await bridgeState(page);
  expect(here.pos.step).toBe(4);
  expect(here.pos.event).toBe(1);
  const slotsHere = await page
    .locator("[data-slot]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-anon")));
  const fnHere = await page.locator(".event-card").getAttribute("data-fn");

  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(/link/i);
  const url = page.url();
  expect(url).toMatch(/#v1\.4\.1\./); // step 4, event 1: the engine's own event index

  const other = await context.newPage();
  const errors: string[] = [];
  other.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await other.goto(url);
  await settle(other);
  const there = await bridgeState(other);
  expect(there.pos).toEqual(here.pos);
  expect(there.text).toBe(here.text);
  expect(await other.locator(".event-card").getAttribute("data-fn")).toBe(fnHere);
  const slotsThere = await other
    .locator("[data-slot]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-anon")));
  expect(slotsThere).toEqual(slotsHere);
  expect(errors).toEqual([]);
  await other.close();
});

test("a bad link shows a clear message and the default scenario", async ({ page }) => {
  await open(page, "#v1.2.0.this-is-not-a-scenario");
  await expect(page.getByRole("alert").filter({ hasText: "could not be opened" })).toContainText("damaged");
  const st = await bridgeState(page);
  expect(st.steps).toBeGreaterThan(0);
  await expect(page.getByRole("region", { name: "Anon layer" }).locator("[data-slot]")).not.toHaveCount(0);
  // still usable: step back works
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).not.toEqual(st.pos);
});

test("a link from a newer version says so", async ({ page }) => {
  await open(page, "#v7.1.0.AAAA");
  await expect(page.getByRole("alert").filter({ hasText: "could not be opened" })).toContainText("format v7");
});

test("Back and Forward move between presets and shared positions", async ({ page }) => {
  await open(page);
  const presets = page.getByRole("combobox", { name: "Presets" });
  const options = await presets
    .locator("option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const [a, b] = options.filter((v) => v).slice(1, 3);
  await presets.selectOption(a!);
  await settle(page);
  const textA = (await bridgeState(page)).text;
  await presets.selectOption(b!);
  await settle(page);
  const textB = (await bridgeState(page)).text;
  expect(textB).not.toBe(textA);
  // a preset opens at its start; scrubbing replaces the entry instead of adding one
  expect((await bridgeState(page)).pos.step).toBe(0);
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  await page.getByRole("button", { name: "Step forward", exact: true }).click();
  await settle(page);
  const scrubbed = (await bridgeState(page)).pos;
  // the link carries the engine's event index (the last one for the end of a step)
  const want = scrubbed.event >= 0 ? `#v1.${scrubbed.step}.${scrubbed.event}.` : `#v1.${scrubbed.step}.`;
  await expect.poll(() => page.url()).toContain(want);
  await page.goBack();
  await settle(page);
  expect((await bridgeState(page)).text).toBe(textA);
  await page.goForward();
  await settle(page);
  const back = await bridgeState(page);
  expect(back.text).toBe(textB);
  await expect.poll(async () => (await bridgeState(page)).pos).toEqual(scrubbed);
});
