/**
 * Issue 15, item 1: the editor stays responsive at LIMITS.scenarioChars whatever the line count.
 * A long text (thousands of lines) is edited in an editor that draws only the lines on screen
 * (CodeMirror, loaded only then); a paste past the limit is refused with a message before
 * anything is built. Timings are in the bench (bench/hostile.mjs); here: what the page holds.
 */
import { LIMITS } from "../src/contract/limits";
import { encodeShare } from "../src/scenarios/url";
import { bridgeState, expect, open, settle, shotPath, test, type Page } from "./fixtures";

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";
const LONG = `${COW}${"\n".repeat(262_000)}`;

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName("*").length);
const editor = (page: Page) => page.getByRole("textbox", { name: "Scenario text" });

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+V");
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test("a link to the fork scenario and 262,000 blank lines opens in the long-text editor", async ({
  page,
}) => {
  const hash = `#${encodeShare(LONG, { step: 5, event: 99 })}`;
  expect(hash.length).toBeLessThan(600);
  await open(page, hash);
  await expect(page.locator("[data-long-editor]")).toBeVisible();
  expect((await bridgeState(page)).steps).toBe(5);
  // the lines on screen only, not 262,000 of them
  expect(await domNodes(page)).toBeLessThan(20_000);
  // typing works, and the text in the store follows
  await editor(page).click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("# hi\n");
  await expect.poll(async () => (await bridgeState(page)).text.length).toBe(LONG.length + 5);
  expect((await bridgeState(page)).text.startsWith("# hi\nspawn P1 empty\n")).toBe(true);
  await settle(page);
  expect((await bridgeState(page)).steps).toBe(5);
  // as a lecturer sees it, both themes: the current step's line marked, comments dimmed
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: shotPath(`long-editor-${theme}.png`) });
  }
  const fontPx = await page
    .locator("[data-long-editor]")
    .evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector(".cm-scroller")!).fontSize);
  expect(parseFloat(fontPx)).toBeGreaterThanOrEqual(12);
});

test("pasting 260,000 lines into the editor hands the text, caret and all, to the long-text editor", async ({
  page,
}) => {
  await open(page);
  const before = (await bridgeState(page)).text;
  await editor(page).click();
  await page.keyboard.press("Control+End");
  // as many lines as the limit leaves room for
  const n = LIMITS.scenarioChars - before.length - 100;
  await paste(page, "\n".repeat(n));
  await expect(page.locator("[data-long-editor]")).toBeVisible();
  await expect.poll(async () => (await bridgeState(page)).text.length).toBe(before.length + n);
  expect(await domNodes(page)).toBeLessThan(20_000);
  // the caret is after the paste: what is typed lands at the very end
  await page.keyboard.type("P1 exit");
  await expect.poll(async () => (await bridgeState(page)).text.endsWith("\nP1 exit")).toBe(true);
  await settle(page);
  // back to a short text: the plain editor again
  await page.keyboard.press("Control+A");
  await page.keyboard.type("spawn P1\n");
  await expect(page.locator("[data-long-editor]")).toHaveCount(0);
  await expect(editor(page)).toHaveValue("spawn P1\n");
  await settle(page);
  expect((await bridgeState(page)).steps).toBe(1);
});

test("a paste past LIMITS.scenarioChars is refused with a message; the text stays as it was", async ({
  page,
}) => {
  await open(page);
  const before = (await bridgeState(page)).text;
  const huge = "#".repeat(LIMITS.scenarioChars + 1);
  await editor(page).click();
  await page.keyboard.press("Control+End");
  await paste(page, huge);
  const notice = page.locator(".notice");
  await expect(notice).toContainText(
    /That would make the scenario [\d,]+ characters long; the limit is 262,144 \(LIMITS\.scenarioChars\)\. Nothing was pasted/,
  );
  expect((await bridgeState(page)).text).toBe(before);
  await expect(editor(page)).toHaveValue(before);
  // and in the long-text editor too
  await paste(page, "\n".repeat(200_000));
  await expect(page.locator("[data-long-editor]")).toBeVisible();
  const long = (await bridgeState(page)).text;
  await page.getByRole("button", { name: "Dismiss message" }).click();
  await editor(page).click();
  await paste(page, "#".repeat(100_000));
  await expect(notice).toContainText("Nothing was pasted");
  expect((await bridgeState(page)).text).toBe(long);
});
