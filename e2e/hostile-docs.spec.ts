/**
 * Issue 15, item 2: a valid 160-character link whose state is 33 million records (a 16M-page
 * mapping, forked) opened with ?print, with the Table view and with Copy pmap -x and swap -s.
 * The browser never builds the whole JSON document: the worker sends capped tables and the
 * tools' text, so the main thread's heap stays small and every view fills in. (Timing is in
 * the bench, bench/hostile.mjs; here: what the tab holds and shows.)
 */
import { encodeShare } from "../src/scenarios/url";
import { expect, open, settle, test, type Page } from "./fixtures";

const LINK_TEXT =
  "machine ram=16g swap=16g\nspawn P1 empty\nP1 mmap a /dev/zero 16777216 rw private noreserve\nP1 fork P2\n";
const HASH = `#${encodeShare(LINK_TEXT, { step: 3, event: 99 })}`;

/** The main thread's JS heap in MB, after a collection when the browser allows one. */
async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
  await cdp.detach();
  return usedSize / 2 ** 20;
}

/** Well under what one copy of the whole document would take (gigabytes). */
const HEAP_MB_MAX = 120;

test("the link is 160 characters or less", () => {
  expect(HASH.length).toBeLessThanOrEqual(160);
});

test("?print of the 160-character link: every page fills in, each table capped", async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`/?print${HASH}`);
  const view = page.locator(".print-view");
  await expect(view).toHaveAttribute("aria-busy", "false", { timeout: 90_000 });
  const pages = page.locator(".print-page");
  await expect(pages).toHaveCount(4);
  // pmap -x of the untouched MAP_NORESERVE mapping: no row, only the totals (anon-layer.md c.3)
  await expect(pages.nth(3).locator(".print-tools")).toContainText("$ pmap -x 102");
  await expect(pages.nth(3).locator(".print-tools")).toContainText("$ swap -s");
  expect(await page.locator(".print-page tbody tr").count()).toBeLessThan(4 * 2 * 64);
  expect(await heapMB(page)).toBeLessThan(HEAP_MB_MAX);
});

test("the Table view and Copy pmap -x and swap -s of that link stay small", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, HASH);
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole("menuitemcheckbox", { name: /^Table/ }).click();
  const tables = page.getByRole("region", { name: "Tables" });
  await expect(tables).toHaveAttribute("aria-busy", "false", { timeout: 60_000 });
  await expect(tables.locator('table[data-table="segments"] tbody tr')).toHaveCount(2);
  await expect(tables.locator('table[data-table="segments"]')).toContainText("16777216");
  expect(await heapMB(page)).toBeLessThan(HEAP_MB_MAX);
  await tables.getByRole("button", { name: "Back to the diagrams" }).click();

  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole("menuitem", { name: "Copy pmap -x and swap -s" }).click();
  await expect(page.getByRole("status").filter({ hasText: "pmap -x and swap -s are copied" })).toBeVisible({
    timeout: 60_000,
  });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^\$ pmap -x 101\n/);
  expect(copied).toContain("$ pmap -x 102\n");
  expect(copied).not.toContain("67108864"); // no row for the untouched NORESERVE mapping (c.3)
  expect(copied).toMatch(/\$ swap -s\ntotal: 0k bytes allocated/);
  expect(await heapMB(page)).toBeLessThan(HEAP_MB_MAX);
  await settle(page);
});
