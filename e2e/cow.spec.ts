/**
 * The lecture's main act: fork, then a write by the child, stepped one kernel event at a time.
 * Checks the slot cells' data-* attributes (anon, refcount, frame, translation) as the kernel
 * would change them.
 */
import { bridgeState, expect, loadText, open, settle, test, type Page } from "./fixtures";

const SETUP = "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\n";

const slot = (page: Page, proc: string, n: number) =>
  page
    .getByRole("region", { name: "Anon layer" })
    .locator(`[data-slot][data-proc="${proc}"][data-page="${n}"]`);
const anonBox = (page: Page, id: string) =>
  page.getByRole("region", { name: "Anon layer" }).locator(`[data-anon-box="${id}"]`);
const frame = (page: Page, id: string) =>
  page.getByRole("region", { name: "Physical memory" }).locator(`[data-frame="${id}"]`);
const eventCard = (page: Page) => page.getByRole("region", { name: "Narration" }).locator(".event-card");

async function forwardTo(page: Page, fn: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.getByRole("button", { name: "Step forward", exact: true }).click();
    await settle(page);
    if ((await eventCard(page).getAttribute("data-fn")) === fn) return;
  }
  throw new Error(`never reached ${fn}`);
}

test("fork shares every anon; a child write copies one page, event by event", async ({ page }) => {
  await open(page);
  await loadText(page, SETUP);
  for (let i = 0; i < 4; i++) await expect(slot(page, "P1", i)).toHaveAttribute("data-refcnt", "1");

  // fork: P2's slots point at P1's anons, every an_refcnt is 2, no frame is copied
  await page.getByRole("button", { name: "Fork", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).text).toContain("P1 fork P2");
  for (let i = 0; i < 4; i++) {
    const a = await slot(page, "P1", i).getAttribute("data-anon");
    expect(a).toMatch(/^anon:\d+$/);
    await expect(slot(page, "P2", i)).toHaveAttribute("data-anon", a!);
    await expect(slot(page, "P1", i)).toHaveAttribute("data-refcnt", "2");
    await expect(slot(page, "P1", i)).toHaveAttribute("data-hat", "r");
    await expect(slot(page, "P2", i)).toHaveAttribute("data-frame", "");
  }
  const frames = page.getByRole("region", { name: "Physical memory" }).locator("[data-frame]");
  await expect(frames).toHaveCount(4);

  // select P2's page 1 and write it
  await slot(page, "P2", 1).click();
  await page.getByRole("button", { name: "Write", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).text.trim().split("\n").at(-1)).toBe("P2 write buf 1");
  const shared = (await slot(page, "P1", 1).getAttribute("data-anon"))!;
  const sharedFrame = (await slot(page, "P1", 1).getAttribute("data-frame"))!;

  // back to just before the write, then walk it event by event
  await page.getByRole("button", { name: "Previous step", exact: true }).click();
  await settle(page);
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-anon", shared);
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-refcnt", "2");

  await forwardTo(page, "segvn_faultpage");
  await expect(eventCard(page)).toContainText("copy-on-write");

  // inside anon_private (seg_vn.c:segvn_faultpage → vm_anon.c:anon_private): a new anon first
  await forwardTo(page, "anon_private");
  await forwardTo(page, "anon_alloc");
  const fresh = await page.evaluate(() => {
    const b = document.querySelector('[data-panel="anon"] .anon-box.orphan')?.closest("[data-anon-box]");
    return b?.getAttribute("data-anon-box") ?? null;
  });
  expect(fresh).toMatch(/^anon:\d+$/);
  expect(fresh).not.toBe(shared);
  await expect(anonBox(page, fresh!)).toHaveAttribute("data-refcnt", "1");
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-anon", shared); // not re-pointed yet

  // then a page under its name, the copy of the shared page
  await forwardTo(page, "page_create_va");
  const copy = await anonBox(page, fresh!).getAttribute("data-frame");
  expect(copy).toMatch(/^pp:\d+$/);
  expect(copy).not.toBe(sharedFrame);
  await expect(frame(page, copy!)).toHaveAttribute("data-vnode", "swapfs");
  await expect(frames).toHaveCount(5);

  // back in segvn_faultpage: the old anon is dropped BEFORE the slot takes the new one
  await forwardTo(page, "anon_decref");
  await expect(slot(page, "P1", 1)).toHaveAttribute("data-refcnt", "1");
  await expect(slot(page, "P1", 1)).toHaveAttribute("data-anon", shared);
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-anon", shared); // still the old one
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-frame", "");

  await forwardTo(page, "anon_set_ptr");
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-anon", fresh!); // re-pointed
  await expect(slot(page, "P1", 1)).toHaveAttribute("data-refcnt", "1");

  await forwardTo(page, "hat_memload");
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-frame", copy!);
  await expect(slot(page, "P2", 1)).toHaveAttribute("data-hat", "rw");
  await expect(slot(page, "P1", 1)).toHaveAttribute("data-frame", sharedFrame);
  // the other pages are still shared
  await expect(slot(page, "P2", 0)).toHaveAttribute("data-refcnt", "2");
  const pos = (await bridgeState(page)).pos;
  expect(pos).toEqual({ step: 5, event: -1 });

  // and the aria-live caption read the step's sentence
  await expect(page.getByTestId("caption")).toContainText("hat_memload");
});
