/**
 * Share keeps the view (issue 10): the chosen process and segment, the zoom
 * windows, the enlarged panel and the table view come back with the link (format v2); a plain
 * view still makes a v1 link. Share and history act on the scenario on screen, never a mix of
 * two (issue 15, item 7).
 */
import { decodeShare } from "../src/scenarios/url";
import { bridgeState, expect, loadText, open, settle, test, type Page } from "./fixtures";
import { stripRange } from "./strip";

const BIG = `spawn P1 empty
P1 mmap big /dev/zero 3000 rw private
P1 write big 0-2999
P1 fork P2
P2 write big 5
`;
const btn = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
const target = (page: Page) => page.getByRole("group", { name: "Target of the operations" });
const anonRange = (page: Page) => page.getByRole("region", { name: "Anon layer" }).locator(".zoom-range");
const frames = (page: Page) => page.locator("[data-frame-surface]");

async function shareLink(page: Page): Promise<string> {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await btn(page, "Share").click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  return page.url();
}

// one theme (dark, the one fewer tests use): nothing here depends on it, and each run costs 14 s
for (const theme of ["dark"] as const) {
  test(`a shared link reopens with the same process, segment, zoom and enlarged panel (${theme})`, async ({
    page,
    context,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    await loadText(page, BIG, { step: 4, event: -1 });
    await target(page).getByRole("combobox", { name: "Process" }).selectOption("P2");
    await expect(target(page).getByRole("combobox", { name: "Segment" })).toHaveValue("big@0");
    // zoom the Anon layer and Physical memory in
    await btn(page, "Zoom in").click();
    await btn(page, "Zoom in").click();
    await expect(anonRange(page)).toHaveText(/^pages [\d,]+–[\d,]+$/);
    const [, all] = await stripRange(frames(page));
    await page
      .getByRole("region", { name: "Physical memory" })
      .getByRole("button", { name: "Zoom in on frames" })
      .click();
    await expect
      .poll(async () => {
        const [lo, hi] = await stripRange(frames(page));
        return hi - lo;
      })
      .toBeLessThan(all / 2);
    await page.waitForTimeout(400);
    const anonShown = await anonRange(page).textContent();
    const framesShown = await stripRange(frames(page));
    const url = await shareLink(page);
    expect(url).toMatch(/#v2\.4\.\d+\./);

    const other = await context.newPage();
    await other.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await other.goto(url);
    await settle(other);
    expect(await bridgeState(other)).toMatchObject({ text: BIG, pos: { step: 4, event: -1 } });
    await expect(target(other).getByRole("combobox", { name: "Process" })).toHaveValue("P2");
    await expect(target(other).getByRole("combobox", { name: "Segment" })).toHaveValue("big@0");
    await expect(anonRange(other)).toHaveText(anonShown!);
    await expect.poll(() => stripRange(frames(other))).toEqual(framesShown);

    // the enlarged panel and the table view
    await other.getByRole("button", { name: "Enlarge Anon layer" }).click();
    const more = other.getByRole("button", { name: "More", exact: true });
    await more.click();
    await other.getByRole("menuitemcheckbox", { name: /Table/ }).click();
    const again = await shareLink(other);
    const third = await context.newPage();
    await third.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await third.goto(again);
    await settle(third);
    await expect(third.getByRole("button", { name: "Leave presentation mode" })).toBeVisible();
    await third.getByRole("button", { name: "More", exact: true }).click();
    await expect(third.getByRole("menuitemcheckbox", { name: /Table/ })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await third.keyboard.press("Escape");
    await expect(target(third).getByRole("combobox", { name: "Process" })).toHaveValue("P2");
    await other.close();
    await third.close();
  });
}

test("a link whose view part is damaged opens its scenario, says so, and ignores the view", async ({
  page,
}) => {
  await open(page);
  await loadText(page, BIG, { step: 4, event: -1 });
  await target(page).getByRole("combobox", { name: "Process" }).selectOption("P2");
  const url = await shareLink(page);
  const [base, view] = [url.slice(0, url.lastIndexOf(".")), url.slice(url.lastIndexOf(".") + 1)];
  expect(view.length).toBeGreaterThan(4);
  const other = await page.context().newPage();
  await other.goto(`${base}.${view.slice(0, -3)}@@@`);
  await settle(other);
  await expect(other.getByRole("alert")).toContainText("Part of this link's view could not be read");
  expect(await bridgeState(other)).toMatchObject({ text: BIG, pos: { step: 4, event: -1 } });
  // the scenario's own target instead
  await expect(target(other).getByRole("combobox", { name: "Process" })).toHaveValue("P1");
  await other.close();
});

test("Share during a pending edit shares that edit with its own position; Back never leaves an edit that has not run", async ({
  page,
}) => {
  await open(page);
  const editor = page.getByRole("textbox", { name: "Scenario text" });
  const before = (await bridgeState(page)).text;
  // type, and share at once (before the edit has run)
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nP2 exit");
  const url = await shareLink(page);
  const d = decodeShare(new URL(url).hash);
  const st = await bridgeState(page);
  expect(d.ok && d.text).toBe(st.text);
  expect(st.text).toBe(`${before}\nP2 exit`);
  expect(d.ok && d.step).toBe(st.pos.step);
  expect(st.steps).toBe(8);

  // two entries of the same text, at its end and at its start (made directly: whether a Share
  // pushes an entry depends on whether the position's own URL rewrite came first); an edit that
  // does not parse; Back
  await settle(page);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(new URL(url).hash);
  await page.evaluate(() => history.pushState(null, "", location.href));
  await btn(page, "Jump to start").click();
  await settle(page);
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(new URL(url).hash);
  await editor.click();
  // on a line of its own (a click may land inside a comment, where any text is fine)
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("P1 frobnicate\n");
  await expect(page.getByRole("region", { name: "Scenario" }).getByRole("alert")).toBeVisible();
  await page.goBack();
  await settle(page);
  await expect.poll(async () => (await bridgeState(page)).text).toBe(st.text);
  await expect(editor).toHaveValue(st.text);
  expect((await bridgeState(page)).error).toBeNull();
  // the edit is not lost: Undo brings it back
  await page.getByRole("group", { name: "Undo and Redo" }).getByRole("button", { name: "Undo" }).click();
  await expect(editor).toHaveValue(/P1 frobnicate/);
});
