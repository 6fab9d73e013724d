/**
 * The engine is supervised (issue #4): a worker that is killed or crashes is restarted and the
 * scenario replayed to the same position; an exception inside a step is reported and the state
 * before that step stays. The test hooks (window.__anonscope.killWorker, crashWorker,
 * failNextStep) exist in dev and test builds only.
 */
import { bridgeState, expect, loadText, open, seek, settle, test, type Page } from "./fixtures";

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

/** What the screen shows: position, the slots' anons and the event card. */
async function screen(page: Page) {
  return {
    state: await bridgeState(page),
    slots: await page
      .locator("[data-slot]")
      .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-slot")}=${e.getAttribute("data-anon")}`)),
    fn: await page.locator(".event-card").getAttribute("data-fn"),
  };
}

const workerCount = (page: Page): number => page.workers().length;

test("a worker killed mid-scenario comes back at the same position; nothing is lost", async ({ page }) => {
  await open(page);
  await loadText(page, COW);
  await seek(page, { step: 5, event: 1 });
  const before = await screen(page);
  expect(before.state.pos).toEqual({ step: 5, event: 1 });
  const workers = page.workers();
  expect(workers).toHaveLength(1);
  const closed = workers[0]!.waitForEvent("close");

  await page.evaluate(() => window.__anonscope!.killWorker());
  await closed;
  await expect(page.getByRole("status").filter({ hasText: "restarted" })).toContainText(
    "your scenario is back at the same step",
  );
  await settle(page);
  expect(await screen(page)).toEqual({ ...before, state: { ...before.state, gen: expect.any(Number) } });
  expect(workerCount(page)).toBe(1);

  // the new worker works: step, then step back to where we were
  await page.getByRole("button", { name: "Step forward", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).not.toEqual(before.state.pos);
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual(before.state.pos);
});

test("a worker killed while a scenario loads runs that load again", async ({ page }) => {
  await open(page);
  const edited = `${COW}P1 exit\n`;
  await page.evaluate((t) => {
    void window.__anonscope!.load(t);
    window.__anonscope!.killWorker();
  }, edited);
  await settle(page);
  const st = await bridgeState(page);
  expect(st.text).toBe(edited);
  expect(st.steps).toBe(6);
  expect(st.pos.step).toBe(6);
  await expect(page.getByRole("status").filter({ hasText: "restarted" })).toBeVisible();
});

test("an uncaught error inside the worker: it is restarted the same way", async ({ page, allowErrors }) => {
  // the worker's own error, if the browser prints it, is the one this test provokes
  allowErrors(/a crash injected by a test/);
  await open(page);
  await loadText(page, COW, { step: 4, event: 0 });
  const before = await screen(page);
  await page.evaluate(() => window.__anonscope!.crashWorker());
  await expect(page.getByRole("status").filter({ hasText: "restarted" })).toContainText(
    "an uncaught error in the worker",
  );
  await settle(page);
  expect(await screen(page)).toEqual({ ...before, state: { ...before.state, gen: expect.any(Number) } });
});

test("an exception inside a step is reported, and the state before that step stays", async ({ page }) => {
  await open(page);
  await loadText(page, COW);
  const before = await screen(page);
  expect(before.state.steps).toBe(5);

  // the next step run throws: here, the statement an operation appends
  await page.evaluate(() => window.__anonscope!.failNextStep());
  const appended = `${COW}P2 write buf 2\n`;
  await page.evaluate((t) => window.__anonscope!.load(t), appended);
  await settle(page);
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "The simulator failed inside step 6 (line 6: P2 write buf 2) threw" }),
  ).toContainText("the state shown is the one before it");
  const after = await screen(page);
  expect(after.state.steps).toBe(5);
  expect(after.state.text).toBe(appended); // the user's text is kept
  expect(after.state.pos).toEqual(before.state.pos);
  expect(after.slots).toEqual(before.slots);
  expect(after.fn).toBe(before.fn);

  // while moving: the move is refused, the screen stays where it was
  await page.evaluate(() => window.__anonscope!.failNextStep());
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "failed while moving to that position" }),
  ).toBeVisible();
  await settle(page);
  expect(await screen(page)).toEqual(after);

  // and everything works again: the same text runs in full
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).not.toEqual(after.state.pos);
  await loadText(page, appended);
  expect((await bridgeState(page)).steps).toBe(6);
});

test("a step that alone outlasts the watchdog: the scenario opens at the last step that ended", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await open(page);
  await loadText(page, COW, { step: 3, event: -1 });
  // valid, within every limit, but many seconds of work in one step: 4 million page touches
  // (step 3). The watchdog is set to 4 s for the test: on a fast machine this scenario may
  // finish within the real 30 s.
  await page.evaluate(() => window.__anonscope!.setWatchdog(4000));
  const slow =
    "machine ram=16g swap=16g\nspawn P1 empty\nP1 mmap a /dev/zero 4194304 rw private noreserve\n" +
    "P1 write a 0-4194303\npageout P1 a 0-4194303\n".repeat(2);
  void page.evaluate((t) => window.__anonscope!.load(t), slow);
  // the page stays responsive meanwhile (the engine runs in its worker), and says it works
  await page.waitForTimeout(1000);
  await expect(page.locator(".busy-sign")).toBeVisible();
  const t0 = Date.now();
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await page.keyboard.press("Escape");
  expect(Date.now() - t0).toBeLessThan(2000);
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "Step 3 of this scenario alone ran longer than the simulator allows" }),
  ).toContainText("Shown: the end of step 2.", { timeout: 60_000 });
  await settle(page);
  const after = await screen(page);
  expect(after.state.text).toBe(slow); // the user's text is kept, and it is what is shown
  expect(after.state.steps).toBe(2);
  expect(after.state.pos).toEqual({ step: 2, event: -1 });
  const bar = page.getByRole("group", { name: "Slow scenario" });
  await expect(bar).toContainText("Ran 2 of 6 steps: step 3 alone takes too long.");
  await expect(page.getByRole("button", { name: "Step back", exact: true })).toBeEnabled();
  await bar.getByRole("button", { name: "Open the default scenario" }).click();
  await settle(page);
  await expect(bar).toBeHidden();
  expect((await bridgeState(page)).steps).toBeGreaterThan(2);
});
