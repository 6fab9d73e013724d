import { expect, open, seek, test } from "./fixtures";

/**
 * Stepping with the keys is answered on the main thread: the worker sends the neighbouring
 * positions' snapshots ahead, so a key press puts the new position in the store in the same
 * task (the next frame paints it), without waiting for a round trip to the worker.
 */
test("a step key shows the next position at once, forward and back", async ({ page }) => {
  await open(page);
  await seek(page, { step: 0, event: -1 });
  const press = (key: string) =>
    page.evaluate((k) => {
      window.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
      // no await between the key and this read: settled now means shown without a round trip
      return { settled: window.__anonscope!.settled(), pos: window.__anonscope!.state().pos };
    }, key);
  const seen: string[] = [];
  for (const key of [...Array<string>(12).fill("ArrowRight"), ...Array<string>(6).fill("ArrowLeft")]) {
    // the worker pushes the neighbours right after it answers
    const dir: 1 | -1 = key === "ArrowRight" ? 1 : -1;
    await page.waitForFunction((d) => window.__anonscope!.aheadReady(d), dir);
    const r = await press(key);
    seen.push(`${r.pos.step}.${r.pos.event}`);
    expect(r.settled, `${key} to ${r.pos.step}.${r.pos.event}`).toBe(true);
  }
  // it really moved: twelve positions forward, six back, all different going forward
  expect(new Set(seen.slice(0, 12)).size).toBe(12);
  expect(seen[17]).toBe(seen[5]);
});

test("in the 1 GB preset too, the next event is shown at once, and it is the right one", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await page.getByRole("combobox", { name: "Presets" }).selectOption("large-fork");
  await expect
    .poll(() => page.evaluate(() => window.__anonscope!.state().steps), { timeout: 90_000 })
    .toBe(5);
  // into the child's copies: a 2 × 262,144-page state; events 6 to 9 of the first copy-on-write
  // fault take in anon_private, anon_alloc and page_create_va (the copy's frame, event 8)
  await seek(page, { step: 5, event: 5 });
  for (let i = 0; i < 4; i++) {
    await page.waitForFunction(() => window.__anonscope!.aheadReady(1));
    const r = await page.evaluate(() => {
      window.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
      return { settled: window.__anonscope!.settled(), pos: window.__anonscope!.state().pos };
    });
    expect(r).toEqual({ settled: true, pos: { step: 5, event: 6 + i } });
  }
  // what was shown from the cache is what the engine builds for that position when asked
  const regions = ["Physical memory", "Console", "Swap"].map((name) => page.getByRole("region", { name }));
  const shown = await Promise.all(regions.map((r) => r.textContent()));
  await seek(page, { step: 5, event: 0 });
  await expect(regions[0]!).not.toHaveText(shown[0]!);
  await seek(page, { step: 5, event: 9 });
  for (const [i, r] of regions.entries()) await expect(r).toHaveText(shown[i]!);
});
