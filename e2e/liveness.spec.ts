/**
 * Issue 15, items 5 and 6: a worker that ends itself silently (self.close, no error event) is
 * noticed at the next request within about a second, the busy sign shows, and the move the
 * user asked for happens after the restart; a valid link too slow to run in the watchdog's time
 * opens at the last step reached, with a way to run the rest or open the default.
 */
import { encodeShare } from "../src/scenarios/url";
import { bridgeState, expect, loadText, open, settle, test, type Page } from "./fixtures";

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

const slotAnons = (page: Page) =>
  page.locator("[data-slot]").evaluateAll((els) => els.map((e) => e.getAttribute("data-anon") ?? ""));

test("a worker that closed itself: Jump to start is done after a restart, with a busy sign", async ({
  page,
}) => {
  await open(page);
  await loadText(page, COW);
  const atEnd = await slotAnons(page);
  await page.evaluate(() => window.__anonscope!.closeWorker());
  await page.getByRole("button", { name: "Jump to start", exact: true }).click();
  // the busy sign shows while the client notices (1 s) and the new worker replays
  await expect(page.locator(".busy-sign")).toBeVisible({ timeout: 5000 });
  // the 30 s watchdog would outlast this wait: the ack deadline is what notices
  await expect(page.getByRole("status").filter({ hasText: "restarted" })).toContainText("stopped answering", {
    timeout: 10_000,
  });
  await page.waitForFunction(() => window.__anonscope?.settled() === true, undefined, { timeout: 10_000 });
  const st = await bridgeState(page);
  expect(st.pos).toEqual({ step: 0, event: -1 });
  expect(await slotAnons(page)).not.toEqual(atEnd);
  await expect(page.locator(".busy-sign")).toBeHidden();
  // and the new worker works
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos.step).toBe(1);
});

test("a valid link too slow for the watchdog opens at the last step reached; Run the rest goes on", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // 24 steps of 32,768 zero-fill faults each; with a 1.5 s watchdog a load may run 0.5 s, and
  // no single step may take 1.5 s (on a box busy with three test workers, a step of 65,536
  // faults once did: the run was then cut as hung, not as slow)
  const STEPS = 26;
  const writes = Array.from({ length: 24 }, (_, i) => `P1 write a ${i * 32768}-${(i + 1) * 32768 - 1}`);
  const text = `machine ram=8g swap=8g\nspawn P1 empty\nP1 mmap a /dev/zero 786432 rw private\n${writes.join("\n")}\n`;
  await page.addInitScript(() => sessionStorage.setItem("anonscope-test-watchdog-ms", "1500"));
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`/#${encodeShare(text, { step: STEPS, event: 99 })}`);
  const bar = page.getByRole("group", { name: "Slow scenario" });
  await expect(bar).toContainText(new RegExp(`Ran \\d+ of ${STEPS} steps \\(slow\\)\\.`), {
    timeout: 60_000,
  });
  await settle(page);
  const first = await bridgeState(page);
  expect(first.steps).toBeGreaterThan(2);
  expect(first.steps).toBeLessThan(STEPS);
  expect(first.pos).toEqual({ step: first.steps, event: -1 });
  expect(first.text).toBe(text);
  await expect(page.getByRole("alert")).toContainText(`Shown: the end of step ${first.steps}.`);
  // never empty: the diagrams show the segment and the transport works
  await expect(
    page.getByRole("region", { name: "Anon layer" }).locator("canvas, [data-slot]"),
  ).not.toHaveCount(0);
  await expect(page.getByRole("button", { name: "Jump to start", exact: true })).toBeEnabled();
  // run the rest, a budget at a time, until it has all run
  for (let i = 0; i < STEPS && (await bar.isVisible()); i++) {
    await bar.getByRole("button", { name: "Run the rest" }).click();
    await page.waitForFunction(() => window.__anonscope?.settled() === true, undefined, { timeout: 60_000 });
  }
  await expect(bar).toBeHidden();
  const all = await bridgeState(page);
  expect(all.steps).toBe(STEPS);
  expect(all.pos).toEqual({ step: STEPS, event: -1 });
  await expect(page.getByRole("status").filter({ hasText: `All ${STEPS} steps have run.` })).toBeVisible();
});
