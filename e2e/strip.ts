/**
 * Zooming a one-axis strip (Physical memory's frames, the Swap device's slots) with real
 * input in the e2e tests: its surface says what it shows in data-lo / data-hi / data-level /
 * data-fresh, and where its area lies in data-x0 / data-area-w.
 */
import { expect, settle, type Page } from "./fixtures";
import type { Locator } from "@playwright/test";

export async function stripRange(s: Locator): Promise<[number, number]> {
  return s.evaluate((e) => [Number((e as HTMLElement).dataset.lo), Number((e as HTMLElement).dataset.hi)]);
}

/** Zoom the strip with the wheel, the pointer on item p, until it draws `level` from a fresh window. */
export async function wheelStripTo(page: Page, s: Locator, p: number, level: "cells" | "boxes") {
  // a short panel may scroll it out of view
  await s.scrollIntoViewIfNeeded();
  for (let i = 0; i < 60; i++) {
    if ((await s.getAttribute("data-level")) === level && (await s.getAttribute("data-fresh")) === "1") break;
    const box = (await s.boundingBox())!;
    const [x0, w] = await s.evaluate((e) => [
      Number((e as HTMLElement).dataset.x0),
      Number((e as HTMLElement).dataset.areaW),
    ]);
    const [lo, hi] = await stripRange(s);
    const x = box.x + x0 + ((p + 0.5 - lo) / Math.max(1, hi - lo)) * w;
    await page.mouse.move(Math.max(box.x + x0, Math.min(box.x + x0 + w - 1, x)), box.y + box.height - 20);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(60);
  }
  await expect(s).toHaveAttribute("data-level", level);
  await expect(s).toHaveAttribute("data-fresh", "1");
  await settle(page);
}
