/**
 * Scale (issue #5): the 1 GB fork preset draws its slot arrays as zoomable strips with the
 * two-level anon_hdr, and zooming in (buttons, keys, wheel) reaches single slots whose anon and
 * an_refcnt are the engine's, read back from the JSON document. Also takes the zoomed-out and
 * zoomed-in screenshots of docs/screenshots.
 */
import { expect, loadText, open, seek, settle, shotPath, test, type Page } from "./fixtures";
import { readFileSync } from "node:fs";

const LARGE = readFileSync("src/scenarios/presets/90-large-fork.vms", "utf8");
const PAGES = 262_144;
const COPIES = 2_621;

const surfaceOf = (page: Page) => page.locator('[data-panel="anon"] [data-zoom-surface]');

/** Wait until the view shows single slots for pages [lo, hi) (the window has arrived). */
async function slotsShown(page: Page) {
  await expect(surfaceOf(page)).toHaveAttribute("data-level", "slots", { timeout: 20_000 });
  await settle(page);
}

interface Cell {
  proc: string;
  page: number;
  anon: string;
  refcnt: number;
}

/**
 * The slot cells on screen, checked against the JSON document at the position on screen: each
 * cell's anon is the slot's, and its an_refcnt the anon's. Runs in the page (the document of a
 * 1 GB state is large) and returns the cells and the ones that disagree.
 */
async function slotsVsDoc(page: Page): Promise<{ cells: Cell[]; bad: Cell[] }> {
  return page.evaluate(async () => {
    const doc = (await window.__anonscope!.doc())!;
    const refcnt = new Map(doc.anons.map((a) => [a.id, a.refcnt]));
    const cells = [...document.querySelectorAll('[data-panel="anon"] [data-slot]')].map((e) => ({
      proc: e.getAttribute("data-proc")!,
      page: Number(e.getAttribute("data-page")),
      anon: e.getAttribute("data-anon")!,
      refcnt: Number(e.getAttribute("data-refcnt")),
    }));
    const bad = cells.filter((c) => {
      const seg = doc.processes.find((p) => p.name === c.proc)!.segments.find((g) => g.name === "heap")!;
      const slot = seg.slots[c.page - seg.first]!;
      return c.anon !== (slot.anon ?? "") || c.refcnt !== (refcnt.get(slot.anon ?? "") ?? 0);
    });
    return { cells, bad };
  });
}

async function expectSlotsMatch(page: Page): Promise<Cell[]> {
  const { cells, bad } = await slotsVsDoc(page);
  expect(cells.length).toBeGreaterThanOrEqual(2 * 8);
  expect(bad).toEqual([]);
  return cells;
}

/** Where page p is on screen now, and the area's middle. */
async function xOf(page: Page, p: number) {
  const s = surfaceOf(page);
  const box = (await s.boundingBox())!;
  const [x0, w, lo, hi] = await s.evaluate((e) =>
    ["x0", "areaW", "lo", "hi"].map((k) => Number((e as HTMLElement).dataset[k])),
  );
  return {
    x: box.x + x0! + ((p - lo!) / (hi! - lo!)) * w!,
    mid: box.x + x0! + w! / 2,
    y: box.y + box.height / 2,
  };
}

/**
 * Zoom in on page p with real input: the wheel with the pointer on p (which stays under it),
 * a drag that brings p to the middle, then the wheel again there, n notches in all.
 */
async function wheelTo(page: Page, p: number, notches: number) {
  let at = await xOf(page, p);
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -400);
  await page.waitForTimeout(100);
  at = await xOf(page, p);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.mid, at.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(100);
  at = await xOf(page, p);
  await page.mouse.move(at.x, at.y);
  for (let i = 8; i < notches; i++) await page.mouse.wheel(0, -400);
  await page.waitForTimeout(100);
}

const rangeOf = async (page: Page) =>
  surfaceOf(page).evaluate((e) => [
    Number((e as HTMLElement).dataset.lo),
    Number((e as HTMLElement).dataset.hi),
  ]);

test("the 1 GB fork: counts, the two-level anon_hdr, and zooming down to single slots", async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  await loadText(page, LARGE);
  const anon = page.getByRole("region", { name: "Anon layer" });
  const p1 = anon.locator('.density-row[data-proc="P1"]');
  const p2 = anon.locator('.density-row[data-proc="P2"]');
  const doc = await page.evaluate(async () => {
    const d = (await window.__anonscope!.doc())!;
    return { anonMaps: d.anonMaps, anons: d.anons.length };
  });

  // the two-level anon_hdr as the kernel lays it out: 512 chunks of 512 slot pointers each (the
  // heap's of each process; the stacks have small ones of their own)
  const heaps = doc.anonMaps.filter((m) => m.pages === PAGES);
  expect(heaps).toHaveLength(2);
  for (const m of heaps) {
    expect(m).toMatchObject({ pages: PAGES, levels: 2, chunks: 512, slots: PAGES });
  }
  await expect(p1).toHaveAttribute("data-levels", "2");
  await expect(p1).toHaveAttribute("data-chunks", "512");
  await expect(p2).toHaveAttribute("data-chunks", "512");
  await expect(anon).toContainText("512/512 chunks");
  // 262,144 anons shared, then P2's 2,621 copies, and the stack page exec wrote
  expect(doc.anons).toBe(PAGES + COPIES + 1);
  await expect(p2).toHaveAttribute("data-filled", String(PAGES));
  await expect(p2).toHaveAttribute("data-shared", String(PAGES - COPIES));
  await expect(p1).toHaveAttribute("data-shared", String(PAGES - COPIES));
  await expect(page.getByRole("region", { name: "Physical memory" })).toContainText("264,766");
  await expect(surfaceOf(page)).toHaveAttribute("data-level", "summary");
  expect(await page.evaluate(() => document.querySelectorAll("*").length)).toBeLessThan(6000);

  // the zoom buttons (×4 a click) reach single slots in the middle of the mapping
  const zoomIn = page.getByRole("button", { name: "Zoom in", exact: true });
  for (let i = 0; i < 8 && (await zoomIn.isEnabled()); i++) {
    await zoomIn.click();
    await page.waitForTimeout(260);
  }
  await slotsShown(page);
  let cells = await expectSlotsMatch(page);
  // there every anon is still shared: both rows point at the same anon, an_refcnt 2
  expect(cells.every((c) => c.refcnt === 2)).toBe(true);
  await expect(anon.locator("[data-anon-box]").first()).toBeVisible();
  expect(await page.locator('[data-panel="anon"] path.link').count()).toBeGreaterThanOrEqual(cells.length);

  // keys on the focused view: 0 shows the whole mapping again, + zooms in
  await surfaceOf(page).focus();
  await page.keyboard.press("0");
  await expect.poll(() => rangeOf(page)).toEqual([0, PAGES]);
  await page.keyboard.press("+");
  // a quarter of the mapping, around its middle
  await expect.poll(() => rangeOf(page)).toEqual([PAGES / 2 - PAGES / 8, PAGES / 2 + PAGES / 8]);
  await page.getByRole("button", { name: "Show the whole mapping" }).click();
  await expect.poll(() => rangeOf(page)).toEqual([0, PAGES]);
  // a click on the segment's strip in Address spaces takes the view there (a 32nd of it)
  const strip = (await page.locator('[data-seg="P1/heap"] .strip-frame').boundingBox())!;
  await page.mouse.click(strip.x + (strip.width * 3) / 4, strip.y + 4);
  await expect
    .poll(async () => {
      const [lo, hi] = await rangeOf(page);
      return [hi! - lo! <= PAGES / 32 + 2, lo! < (PAGES * 3) / 4 && (PAGES * 3) / 4 < hi!];
    })
    .toEqual([true, true]);
  await expect(page.locator('[data-seg="P1/heap"] .zoom-bracket')).toBeVisible();
  await page.getByRole("button", { name: "Show the whole mapping" }).click();
  await expect.poll(() => rangeOf(page)).toEqual([0, PAGES]);

  // the wheel, on the last page P2 copied: copies (refcnt 1, an anon each) beside shared anons
  await wheelTo(page, COPIES, 40);
  // the wheel goes down to the deepest view (four pages); one button step out stops at eight
  await page.getByRole("button", { name: "Zoom out", exact: true }).click();
  await slotsShown(page);
  cells = await expectSlotsMatch(page);
  const copied = cells.filter((c) => c.proc === "P2" && c.page < COPIES);
  const shared = cells.filter((c) => c.proc === "P2" && c.page >= COPIES);
  expect(copied.length).toBeGreaterThan(0);
  expect(shared.length).toBeGreaterThan(0);
  expect(copied.every((c) => c.refcnt === 1)).toBe(true);
  expect(shared.every((c) => c.refcnt === 2)).toBe(true);
  // the Physical memory panel lists the frames of those pages; the copies sit past P1's
  const frames = page.locator('[data-panel="physical"] .view-frames [data-frame]');
  await expect(frames.first()).toBeVisible();
  const pfns = await frames.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-pfn"))));
  expect(Math.max(...pfns)).toBeGreaterThanOrEqual(PAGES);

  // stepping while zoomed in brings the window of the new position with the snapshot
  const st = await page.evaluate(() => window.__anonscope!.state());
  await seek(page, { step: st.steps - 1, event: -1 });
  await slotsShown(page);
  cells = await expectSlotsMatch(page);
  expect(cells.every((c) => c.refcnt === 2)).toBe(true);
  expect(await page.evaluate(() => document.querySelectorAll("*").length)).toBeLessThan(6000);

  // a step key, zoomed in: the snapshot sent ahead came with its position's window (the move
  // named the view), so the new position's slots are drawn in the frame that shows it
  await page.waitForFunction(() => window.__anonscope!.aheadReady(1));
  const stepped = await page.evaluate(
    () =>
      new Promise<{ settled: boolean; level: string | null }>((res) => {
        window.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
        const settled = window.__anonscope!.settled();
        const s = document.querySelector('[data-panel="anon"] [data-zoom-surface]')!;
        requestAnimationFrame(() => res({ settled, level: s.getAttribute("data-level") }));
      }),
  );
  expect(stepped).toEqual({ settled: true, level: "slots" });
  await settle(page);
  await expectSlotsMatch(page);
});

test("screenshots of the 1 GB fork, zoomed out and zoomed in (1366×768)", async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: "light" });
  await open(page);
  await page.getByRole("combobox", { name: "Presets" }).selectOption("large-fork");
  await settle(page);
  await page.getByRole("button", { name: "Jump to end", exact: true }).click();
  await settle(page);
  await expect(surfaceOf(page)).toHaveAttribute("data-level", "summary");
  await page.mouse.move(1, 1);
  await page.screenshot({ path: shotPath("large-zoomed-out.png") });
  await wheelTo(page, COPIES, 40);
  await slotsShown(page);
  await page.mouse.move(1, 1);
  await settle(page);
  await page.screenshot({ path: shotPath("large-zoomed-in.png") });
});
