/**
 * "What changed" beside the narration: the engine's list of differences over the event on
 * screen or its whole step, each item lighting its object in the diagrams.
 */
import { bridgeState, expect, loadText, open, seek, settle, shotPath, test } from "./fixtures";

const COW = `machine arch=x86 ram=16m swap=16m
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 write buf 0-3
P1 fork P2
P2 write buf 1`;

test("What changed lists the event's and the step's changes, and lights their objects", async ({ page }) => {
  await open(page);
  await loadText(page, COW);
  expect((await bridgeState(page)).steps).toBe(5);
  // to the copy-on-write fault's anon_set_ptr, event by event
  await seek(page, { step: 4, event: -1 });
  const card = page.getByRole("region", { name: "Narration" }).locator(".event-card");
  for (let i = 0; i < 30 && (await card.getAttribute("data-fn")) !== "anon_set_ptr"; i++) {
    await page.getByRole("button", { name: "Step forward", exact: true }).click();
    await settle(page);
  }
  await expect(card).toHaveAttribute("data-fn", "anon_set_ptr");

  // the list takes the event card's place when asked for, and gives it back
  const narration = page.getByRole("region", { name: "Narration" });
  const toggle = narration.getByRole("button", { name: "What changed" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(narration.locator(".event-card")).toHaveCount(0);
  const region = narration.getByRole("region", { name: "What changed" });
  const items = region.getByRole("listitem");
  // anon_set_ptr: the child's slot re-pointed, nothing else
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveText(/^P2 buf\[1\] → anon:\d+ \(was anon:\d+\)$/);
  const fresh = /anon:(\d+) \(was/.exec((await items.first().textContent())!)![1]!;

  // hovering it lights that anon in the Anon layer
  await items.first().hover();
  await expect(
    page
      .getByRole("region", { name: "Anon layer" })
      .locator(`[data-anon-box="anon:${fresh}"] .lit, [data-anon-box="anon:${fresh}"].lit`),
  ).not.toHaveCount(0);

  // the whole step, from wherever in it: the copy's anon and page, the old count, swap -s, pmap
  await region.getByRole("button", { name: "whole step" }).click();
  await expect(items.filter({ hasText: /^an_refcnt anon:\d+ 2→1$/ })).toHaveCount(1);
  await expect(items.filter({ hasText: `anon:${fresh} created (an_refcnt 1, swapfs, 0x` })).toHaveCount(1);
  await expect(items.filter({ hasText: "swap -s: 4k moved from reserved to allocated" })).toHaveCount(1);
  await expect(items.filter({ hasText: /^pmap P2 buf .*Anon 0k→4k$/ })).toHaveCount(1);
  // legible: no text under 12 px in the list
  const sizes = await items.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: shotPath("what-changed-1366.png") });

  // before the first step there is nothing to list
  await seek(page, { step: 0, event: -1 });
  await expect(region).toContainText("Nothing has run yet.");
  await toggle.click();
  await expect(region).toHaveCount(0);
  await expect(narration.locator(".event-card")).toHaveCount(1);
});
