/**
 * Level of detail (issue #5) in Physical memory and Address spaces: on the 1 GB fork preset the
 * frames zoom from all of RAM down to single frames whose pfns and page names are the engine's
 * (read back from the JSON document), and a big segment's strip in Address spaces zooms down
 * to single pages with their translation and slot states. The default scenario keeps its
 * small views. Also takes the screenshots of docs/screenshots/large-physical-* and
 * large-address-zoomed-in.
 */
import { readFileSync } from "node:fs";
import { expect, loadText, open, settle, shotPath, test, type Page } from "./fixtures";
import { stripRange, wheelStripTo } from "./strip";

const LARGE = readFileSync("src/scenarios/presets/90-large-fork.vms", "utf8");
const RAM = 524_288;
const PAGES = 262_144;
const COPIES = 2_621;

const physical = (page: Page) => page.getByRole("region", { name: "Physical memory" });
const frameSurface = (page: Page) => page.locator("[data-frame-surface]");

const frameRange = (page: Page) => stripRange(frameSurface(page));

/** Zoom the frames with the wheel, the pointer on pfn p, until the view is single frames. */
const wheelFramesTo = (page: Page, p: number, level: "cells" | "boxes") =>
  wheelStripTo(page, frameSurface(page), p, level);

interface FrameCellOnScreen {
  pfn: number;
  frame: string | null;
  vnode: string | null;
  offset: string | null;
  state: number;
}

/** The single frames on screen, and those whose pfn or page name disagrees with the document. */
async function framesVsDoc(page: Page) {
  return page.evaluate(async () => {
    const doc = (await window.__anonscope!.doc())!;
    const byPfn = new Map(doc.frames.map((f) => [f.pfn, f]));
    const refcnt = new Map(doc.anons.map((a) => [a.id, a.refcnt]));
    const anonOf = new Map(doc.anons.filter((a) => a.frame).map((a) => [a.frame!, a.id]));
    const cells: FrameCellOnScreen[] = [...document.querySelectorAll("[data-frame-surface] [data-pfn]")].map(
      (e) => ({
        pfn: Number(e.getAttribute("data-pfn")),
        frame: e.getAttribute("data-frame"),
        vnode: e.getAttribute("data-vnode"),
        offset: e.getAttribute("data-offset"),
        state: Number(e.getAttribute("data-state")),
      }),
    );
    const bad = cells.filter((c) => {
      const f = byPfn.get(c.pfn);
      if (!f) return c.frame !== null || c.state !== 0;
      const shared = f.vnode === "swapfs" && (refcnt.get(anonOf.get(f.id) ?? "") ?? 0) > 1;
      const want = f.vnode === "swapfs" ? (shared ? 3 : 2) : f.cached ? 4 : 1;
      return (
        c.frame !== f.id ||
        c.vnode !== f.vnode ||
        c.offset !== "0x" + f.offset.toString(16) ||
        c.state !== want
      );
    });
    return { cells, bad };
  });
}

test("Physical memory of the 1 GB fork: counts, and zooming down to single frames", async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  await loadText(page, LARGE);
  const phys = physical(page);
  const doc = await page.evaluate(async () => {
    const d = (await window.__anonscope!.doc())!;
    return { used: d.frames.length, anon: d.frames.filter((f) => f.vnode === "swapfs").length };
  });
  // the heap's pages, P2's copies and the stack page exec wrote
  expect(doc.used).toBe(PAGES + COPIES + 1);
  const counts = phys.locator(".phys-counts");
  await expect(counts).toHaveAttribute("data-used", String(doc.used));
  await expect(counts).toHaveAttribute("data-anon", String(doc.anon));
  await expect(phys).toContainText(
    `${(PAGES + COPIES + 1).toLocaleString("en-US")} / ${RAM.toLocaleString("en-US")} in use`,
  );
  await expect(frameSurface(page)).toHaveAttribute("data-level", "window");
  expect(await frameRange(page)).toEqual([0, RAM]);
  expect(await page.evaluate(() => document.querySelectorAll("*").length)).toBeLessThan(6000);

  // the buttons: ×4 a click, around the middle of RAM
  await phys.getByRole("button", { name: "Zoom in on frames" }).click();
  await expect.poll(() => frameRange(page)).toEqual([RAM / 2 - RAM / 8, RAM / 2 + RAM / 8]);
  await phys.getByRole("button", { name: "Show all frames" }).click();
  await expect.poll(() => frameRange(page)).toEqual([0, RAM]);

  // the wheel on the first copy P2's writes made (past P1's frames): single frames
  await wheelFramesTo(page, PAGES, "cells");
  let { cells, bad } = await framesVsDoc(page);
  expect(cells.length).toBeGreaterThanOrEqual(4);
  expect(bad).toEqual([]);
  // deeper: boxes naming each page
  await wheelFramesTo(page, PAGES, "boxes");
  ({ cells, bad } = await framesVsDoc(page));
  expect(cells.length).toBeGreaterThanOrEqual(3);
  expect(bad).toEqual([]);
  const box = phys.locator(`[data-frame-surface] [data-pfn="${PAGES}"]`);
  await expect(box).toContainText(`pfn ${PAGES}`);
  await expect(box).toContainText("swapfs");

  // keys on the focused view: 0 shows all frames again
  await frameSurface(page).focus();
  await page.keyboard.press("0");
  await expect.poll(() => frameRange(page)).toEqual([0, RAM]);
});

const segZoom = (page: Page, id: string) => page.locator(`[data-seg-zoom="${id}"]`);

/** Zoom a segment's strip in Address spaces with the wheel on page index p until it shows single pages. */
async function wheelPagesTo(page: Page, id: string, p: number) {
  const s = segZoom(page, id);
  for (let i = 0; i < 40 && (await s.getAttribute("data-level")) !== "pages"; i++) {
    const box = (await s.boundingBox())!;
    const [lo, hi] = await s.evaluate((e) => [
      Number((e as HTMLElement).dataset.lo),
      Number((e as HTMLElement).dataset.hi),
    ]);
    const x = box.x + ((p + 0.5 - lo) / Math.max(1, hi - lo)) * box.width;
    await page.mouse.move(Math.max(box.x + 1, Math.min(box.x + box.width - 1, x)), box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(60);
  }
  await expect(s).toHaveAttribute("data-level", "pages");
  // a drag brings p to the middle (the wheel keeps it where the pointer was, maybe at an edge)
  const box = (await s.boundingBox())!;
  const [lo, hi] = await s.evaluate((e) => [
    Number((e as HTMLElement).dataset.lo),
    Number((e as HTMLElement).dataset.hi),
  ]);
  const x = box.x + ((p + 0.5 - lo) / Math.max(1, hi - lo)) * box.width;
  await page.mouse.move(x, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(s).toHaveAttribute("data-level", "pages");
  await settle(page);
}

/** The single pages on screen in a strip, and those whose slot, refcnt state or translation disagrees with the document. */
async function pagesVsDoc(page: Page, proc: string) {
  return page.evaluate(async (proc) => {
    const doc = (await window.__anonscope!.doc())!;
    const refcnt = new Map(doc.anons.map((a) => [a.id, a.refcnt]));
    const seg = doc.processes.find((p) => p.name === proc)!.segments.find((g) => g.name === "heap")!;
    const cells = [...document.querySelectorAll(`[data-seg-zoom="${proc}/heap"] [data-page]`)].map((e) => ({
      page: Number(e.getAttribute("data-page")),
      state: Number(e.getAttribute("data-state")),
      hat: e.getAttribute("data-hat")!,
      anon: e.getAttribute("data-anon")!,
    }));
    const bad = cells.filter((c) => {
      const slot = seg.slots[c.page - seg.first]!;
      const n = refcnt.get(slot.anon ?? "") ?? 0;
      const state = !slot.anon ? 0 : n > 1 ? 3 : 2;
      const hat = slot.hat ? (slot.hat.includes("w") ? "rw" : "r") : "none";
      return c.anon !== (slot.anon ?? "") || c.state !== state || c.hat !== hat;
    });
    return { cells, bad };
  }, proc);
}

test("Address spaces of the 1 GB fork: a strip zooms down to single pages", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await loadText(page, LARGE);
  await expect(segZoom(page, "P2/heap")).toHaveAttribute("data-level", "summary");
  await wheelPagesTo(page, "P2/heap", COPIES);
  const { cells, bad } = await pagesVsDoc(page, "P2");
  expect(cells.length).toBeGreaterThanOrEqual(8);
  expect(bad).toEqual([]);
  // the copies P2 made (an_refcnt 1) beside the pages it still shares
  expect(cells.some((c) => c.state === 2)).toBe(true);
  expect(cells.some((c) => c.state === 3)).toBe(true);
  // the box names the visible pages in its label line; the other strip stays zoomed out
  await expect(page.locator('[data-seg="P2/heap"] [data-range]')).toContainText("2,6");
  await expect(segZoom(page, "P1/heap")).toHaveAttribute("data-level", "summary");
  await segZoom(page, "P2/heap").focus();
  await page.keyboard.press("0");
  await expect(segZoom(page, "P2/heap")).toHaveAttribute("data-lo", "0");
});

test("the default scenario keeps its small views", async ({ page }) => {
  await open(page);
  await expect(page.locator("[data-frame-surface]")).toHaveCount(0);
  await expect(page.locator("[data-seg-zoom]")).toHaveCount(0);
  const phys = physical(page);
  const frames = await page.evaluate(async () => (await window.__anonscope!.doc())!.frames.length);
  await expect(phys.locator("[data-frame]")).toHaveCount(frames);
  await expect(phys.locator("[data-frame]").first()).toContainText("pp:");
});

// the dark ones are only looked at (they are not the README's): made by npm run screenshots, not
// by every test run, which the light ones' same steps and checks already cover
for (const scheme of process.env.UPDATE_SCREENSHOTS ? (["light", "dark"] as const) : (["light"] as const))
  test(`screenshots of the 1 GB fork zoomed out and in, ${scheme}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    // the light ones are the README's; the dark ones stay with the test results, to look at
    const out = (name: string) =>
      scheme === "light" ? shotPath(`${name}.png`) : test.info().outputPath(`${name}-dark.png`);
    await shoot(page, out);
  });

async function shoot(page: Page, out: (name: string) => string) {
  await open(page);
  await page.getByRole("combobox", { name: "Presets" }).selectOption("large-fork");
  await settle(page);
  await page.getByRole("button", { name: "Jump to end", exact: true }).click();
  await settle(page);
  await expect(frameSurface(page)).toHaveAttribute("data-fresh", "1");
  await page.mouse.move(1, 1);
  await page.screenshot({ path: out("large-physical-zoomed-out") });
  await wheelFramesTo(page, PAGES, "boxes");
  await page.mouse.move(1, 1);
  await settle(page);
  await page.screenshot({ path: out("large-physical-zoomed-in") });
  await wheelPagesTo(page, "P2/heap", COPIES);
  await page.mouse.move(1, 1);
  await settle(page);
  await page.screenshot({ path: out("large-address-zoomed-in") });
}
