/**
 * Issue 18: a first visit paints the default scenario from the reply built with the app
 * (src/state/firstFrame.ts) and fetches the engine's worker only after that paint. Here the
 * worker's script is held back: the scenario must be on screen all the same, a step asked for
 * meanwhile must land once the worker comes, and what the engine then shows must be exactly what
 * was painted. A return with work of one's own still waits for the engine, and gets its own work.
 */
import { bridgeState, expect, settle, test, type Page } from "./fixtures";

const WORKER = /\/assets\/engine\.worker-[\w-]+\.js$/;

/** Hold the engine's worker script until `release` is called; `asked` counts its requests. */
async function holdWorker(page: Page) {
  let release = (): void => {};
  const held = new Promise<void>((r) => (release = r));
  const asked: string[] = [];
  await page.route(WORKER, async (route) => {
    asked.push(route.request().url());
    await held;
    await route.continue();
  });
  return { release, asked };
}

const settledNow = (page: Page) => page.evaluate(() => window.__anonscope?.settled() === true);

/** What the diagrams and tools show, as markup (regions of the app). */
const picture = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '[data-panel="address"], [data-panel="anon"], [data-panel="physical"], [data-panel="swap"], [data-panel="console"]',
      ),
    ]
      .map((el) => el.outerHTML)
      .join("\n"),
  );

test("a first visit paints the default scenario without the engine; a step asked meanwhile lands when it comes", async ({
  page,
}) => {
  const worker = await holdWorker(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/");
  await page.waitForFunction(() => window.__anonscope?.settled() === true);
  // the whole default scenario is drawn while the worker's script has not been delivered
  await expect(page.getByRole("region", { name: "Scenario" })).toContainText(/\d+ steps/);
  await expect(page.locator('[data-panel="anon"] g[data-slot]').first()).toBeVisible();
  await expect(page.locator('[data-panel="console"] pre')).toContainText("pmap -x");
  const built = await picture(page);
  const end = (await bridgeState(page)).pos;
  expect(end.step).toBeGreaterThan(3);
  // the engine is asked for the same load quietly: no "Working…" over a picture already there
  await page.waitForTimeout(600);
  await expect(page.locator(".busy-sign")).toHaveCount(0);

  // a step back asked for now waits for the engine (the position is the one asked for, the
  // picture not yet), with nothing lost
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await page.waitForTimeout(300);
  const back = (await bridgeState(page)).pos;
  expect(back).not.toEqual(end);
  expect(await settledNow(page)).toBe(false);
  expect(worker.asked.length).toBeLessThanOrEqual(1);
  // the user's own request waits: that one says so
  await expect(page.locator(".busy-sign")).toContainText("Working");

  worker.release();
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual(back);
  expect(await page.evaluate(() => document.querySelector('[data-panel="anon"]')?.outerHTML)).not.toBe(null);

  // the engine's own picture of the end is the one painted from the build, to the byte
  await page.getByRole("button", { name: "Step forward", exact: true }).click();
  await expect.poll(async () => (await bridgeState(page)).pos).toEqual(end);
  await settle(page);
  expect(await picture(page)).toBe(built);
});

test("a return with edited work of one's own waits for the engine and gets that work back", async ({
  page,
}) => {
  const mine = "spawn P1 empty\nP1 mmap buf /dev/zero 3 rw private\nP1 write buf 0-2\n";
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem(
        "anonscope-work",
        JSON.stringify({
          v: 1,
          text,
          shown: text,
          pos: { step: 3, event: -1 },
          presetId: null,
          proc: null,
          seg: null,
          pages: null,
        }),
      );
    }
  }, mine);
  const worker = await holdWorker(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/");
  // the worker is asked for at once (nothing built stands for this work), and nothing settles without it
  await expect.poll(() => worker.asked.length).toBe(1);
  await page.waitForTimeout(500);
  expect(await settledNow(page)).toBe(false);
  worker.release();
  await settle(page);
  const s = await bridgeState(page);
  expect(s.text).toBe(mine);
  expect(s.steps).toBe(3);
});
