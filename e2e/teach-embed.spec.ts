/**
 * Teaching, part 4: `?embed` in an iframe of a course page: titled, read-only, compact, with step
 * controls and a link that opens the same scenario and step in the full app.
 */
import { bridgeState, expect, open, seek, settle, test } from "./fixtures";

test("embed: a titled read-only view in an 800×500 iframe, with step controls and an open link", async ({
  page,
  baseURL,
}) => {
  await open(page);
  await seek(page, { step: 5, event: 1 });
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const hash = new URL(page.url()).hash;
  expect(hash).toMatch(/^#v1\.5\.1\./);

  const src = `${baseURL}/?embed${hash}`;
  // the course page is a page of its own (setContent on the app's page would keep the app's CSP)
  await page.route("**/course-notes.html", (r) =>
    r.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Course notes</title><h1>Week 6: copy-on-write</h1>
     <iframe title="Anonscope: fork and copy-on-write" src="${src}" width="800" height="500"
       style="border:1px solid #ccc"></iframe>`,
    }),
  );
  await page.goto(`${baseURL}/course-notes.html`);
  const frame = page.frame({ url: /\?embed/ })!;
  expect(frame).toBeTruthy();
  await frame.waitForFunction(() => window.__anonscope?.settled() === true, undefined, { timeout: 30_000 });
  const emb = page.frameLocator("iframe");

  // titled from the preset's header, and the same position as the link
  await expect(emb.getByRole("heading", { level: 1 })).toHaveText(
    "A first look: anon pages, fork and copy-on-write",
  );
  expect(await frame.evaluate(() => window.__anonscope!.state().pos)).toEqual({ step: 5, event: 1 });
  for (const r of ["Address spaces", "Anon layer", "Narration"])
    await expect(emb.getByRole("region", { name: r })).toBeVisible();
  // read-only: no editor, no operations, no share
  await expect(emb.getByRole("region", { name: "Scenario" })).toHaveCount(0);
  await expect(emb.getByRole("toolbar", { name: "Operations" })).toHaveCount(0);
  await expect(emb.getByRole("textbox")).toHaveCount(0);
  await expect(emb.getByRole("button", { name: "Share" })).toHaveCount(0);
  // sized for the frame: nothing scrolls out
  const size = await frame.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.scrollHeight,
  ]);
  expect(size[0]).toBeLessThanOrEqual(800);
  expect(size[1]).toBeLessThanOrEqual(500);

  // the step controls work
  await emb.getByRole("button", { name: "Next step", exact: true }).click();
  await frame.waitForFunction(() => window.__anonscope!.settled());
  expect(await frame.evaluate(() => window.__anonscope!.state().pos)).toEqual({ step: 5, event: -1 });
  await emb.getByRole("button", { name: "Next step", exact: true }).click();
  await frame.waitForFunction(() => window.__anonscope!.settled());
  expect(await frame.evaluate(() => window.__anonscope!.state().pos)).toEqual({ step: 6, event: -1 });

  // "Open in Anonscope": the same scenario at the same step, in the full app
  const link = emb.getByRole("link", { name: /Open in Anonscope/ });
  await expect(link).toHaveAttribute("target", "_blank");
  await expect.poll(async () => (await link.getAttribute("href")) ?? "").toMatch(/#v1\.6\.\d+\./);
  const href = (await link.getAttribute("href"))!;
  expect(href).not.toContain("embed");
  const full = await page.context().newPage();
  await full.goto(new URL(href, src).href);
  await settle(full);
  await expect(full.getByRole("region", { name: "Scenario" })).toBeVisible();
  await expect(full.getByRole("toolbar", { name: "Operations" })).toBeVisible();
  const st = await bridgeState(full);
  expect(st.pos).toEqual({ step: 6, event: -1 });
  await full.close();
});

test("embed: a lesson link titles itself with the lesson", async ({ page }) => {
  await page.goto("/?embed&lesson=swap");
  await settle(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Lesson 6: /);
  await expect(page.getByRole("region", { name: "Lesson" })).toHaveCount(0);
});
