/**
 * Ten states pinned as golden drawings (e2e/golden.ts): the panels' SVG at 1366×768, light
 * theme, nothing hovered. A drawing that changes fails here with the new one written as
 * NAME-changed.svg in the test's output; `npm run goldens` accepts the change.
 */
import { readFileSync } from "node:fs";
import { SIX } from "./crowds";
import { drawingOf, expectGolden } from "./golden";
import { expect, loadText, open, seek, settle, test, type Page } from "./fixtures";

const preset = (id: string) => readFileSync(`src/scenarios/presets/${id}.vms`, "utf8");
const body = (panel: string) => `[data-panel="${panel}"] .panel-body`;

/** The index of the first event of step `step` (1-based) whose fn is `fn`. */
async function eventOf(page: Page, step: number, fn: string): Promise<number> {
  const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
  const i = steps[step - 1]!.events.findIndex((e) => e.fn === fn);
  expect(i, `${fn} in step ${step}`).toBeGreaterThanOrEqual(0);
  return i;
}

async function pin(page: Page, name: string, panels: readonly string[]) {
  await page.mouse.move(1, 1);
  await settle(page);
  for (const p of panels) expectGolden(`${name}-${p}`, await drawingOf(page, body(p)));
}

test.describe("golden drawings", () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await open(page);
  });

  test("default, mid-COW, three generations, six processes", async ({ page }) => {
    await pin(page, "default", ["anon", "address", "physical"]);
    await seek(page, { step: 5, event: await eventOf(page, 5, "page_create_va") });
    await pin(page, "mid-cow", ["anon", "address", "physical"]);
    await loadText(page, preset("05-three-generations"), { step: 8, event: -1 });
    await pin(page, "three-generations", ["anon", "address"]);
    await loadText(page, SIX);
    await pin(page, "six-processes", ["anon", "address"]);
  });

  test("two-level anon_hdr, pageout, shared file", async ({ page }) => {
    await loadText(page, preset("14-two-level-anon-hdr"));
    await pin(page, "two-level-anon-hdr", ["anon", "address"]);
    await loadText(page, preset("06-pageout-cow"), { step: 5, event: -1 });
    await pin(page, "pageout", ["anon", "physical", "swap"]);
    await loadText(page, preset("12-shared-file"));
    await pin(page, "shared-file", ["anon", "address", "physical"]);
  });

  test("the 1 GB fork, zoomed out and zoomed in", async ({ page }) => {
    test.setTimeout(120_000);
    await page.getByRole("combobox", { name: "Presets" }).selectOption("large-fork");
    await settle(page);
    // presets open at their start: to the end, after the fork and the child's writes
    await seek(page, { step: 5, event: -1 });
    const surface = page.locator('[data-panel="anon"] [data-zoom-surface]');
    await expect(surface).toHaveAttribute("data-level", "summary");
    await pin(page, "large-zoomed-out", ["anon"]);
    // the header's buttons zoom ×4 a click about the middle: deterministic, unlike the wheel
    const zoomIn = page.getByRole("button", { name: "Zoom in", exact: true });
    for (let i = 0; i < 10 && (await zoomIn.isEnabled()); i++) await zoomIn.click();
    await expect(surface).toHaveAttribute("data-level", "slots", { timeout: 20_000 });
    await pin(page, "large-zoomed-in", ["anon"]);
  });

  test("the embed at 800×500, mid-COW", async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 500 });
    await page.goto("/?embed");
    await settle(page);
    await seek(page, { step: 5, event: await eventOf(page, 5, "page_create_va") });
    await page.mouse.move(1, 1);
    await settle(page);
    expectGolden("embed", await drawingOf(page, "main"));
  });
});
