/**
 * Hostile input (issue #4): links truncated, corrupted by hand, oversized or crafted, and text
 * typed or pasted into the editor. Each opens to one clear message, nothing from the input ever
 * runs as code (the built app runs under its Content-Security-Policy; the console must stay
 * clean), the last good state stays on screen, the user's text is kept, and the app keeps
 * working afterwards.
 */
import { readFileSync } from "node:fs";
import { LIMITS } from "../src/contract/limits";
import { encodeShare } from "../src/scenarios/url";
import { bridgeState, expect, loadText, open, settle, test, type Page } from "./fixtures";

const DEFAULT = readFileSync(new URL("../src/scenarios/presets/00-default.vms", import.meta.url), "utf8");
const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

/** Every alert, confirm or prompt a page opens (none may: nothing from input runs). */
function dialogs(page: Page): string[] {
  const fired: string[] = [];
  page.on("dialog", (d) => {
    fired.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return fired;
}

const notice = (page: Page, text: string | RegExp) =>
  page.locator(".notice").filter({ hasText: text }).getByText(text);

/** The app still works: the transport moves, and a preset loads and runs. */
async function stillWorks(page: Page): Promise<void> {
  const toEnd = page.getByRole("button", { name: "Jump to end", exact: true });
  if (await toEnd.isEnabled()) {
    await toEnd.click();
    await settle(page);
  }
  const end = await bridgeState(page);
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).not.toEqual(end.pos);
  const presets = page.getByRole("combobox", { name: "Presets" });
  const ids = await presets
    .locator("option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  await presets.selectOption(ids.filter(Boolean)[1]!);
  await settle(page);
  // a preset opens at its start: its end has the slots
  expect((await bridgeState(page)).pos.step).toBe(0);
  await toEnd.click();
  await settle(page);
  const st = await bridgeState(page);
  expect(st.error).toBeNull();
  expect(st.steps).toBeGreaterThan(0);
  await expect(page.getByRole("region", { name: "Anon layer" }).locator("[data-slot]")).not.toHaveCount(0);
}

/** Nothing from the input became markup: no injected script, image or handler in the page. */
async function nothingInjected(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => !s.src || /alert|onerror/.test(s.textContent ?? "")).length,
    imgs: document.querySelectorAll("img").length,
    handlers: [...document.querySelectorAll("*")].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith("on")),
    ).length,
    pwned: (window as unknown as { pwned?: unknown }).pwned ?? null,
  }));
  expect(found).toEqual({ scripts: 0, imgs: 0, handlers: 0, pwned: null });
}

test("a truncated share link opens the default scenario with a message, and the app works", async ({
  page,
}) => {
  const fired = dialogs(page);
  const link = encodeShare(COW, { step: 4, event: 1 });
  await open(page, `#${link.slice(0, Math.floor(link.length * 0.6))}`);
  await expect(
    notice(page, /^This link could not be opened: the scenario data is (damaged|truncated)/),
  ).toBeVisible();
  const st = await bridgeState(page);
  expect(st.text).toBe(DEFAULT);
  expect(st.error).toBeNull();
  // cut inside the header
  await open(page, "#v1.4");
  await expect(notice(page, /could not be opened: the link is malformed/)).toBeVisible();
  await stillWorks(page);
  expect(fired).toEqual([]);
});

test("a hand-corrupted link: a changed character, a bad position, and a scenario edited into nonsense", async ({
  page,
}) => {
  const fired = dialogs(page);
  const link = encodeShare(COW, { step: 4, event: 1 });
  const i = link.length - 12;
  const flipped = link.slice(0, i) + (link[i] === "A" ? "B" : "A") + link.slice(i + 1);
  await open(page, `#${flipped}`);
  await expect(notice(page, /could not be opened: the scenario data is damaged/)).toBeVisible();
  expect((await bridgeState(page)).text).toBe(DEFAULT);

  // a position far past the end clamps to the end
  await open(page, `#${encodeShare(COW, { step: 123456789, event: 99 })}`);
  const end = await bridgeState(page);
  expect(end.text).toBe(COW);
  expect(end.pos.step).toBe(5);
  await expect(page.locator(".notice")).toHaveCount(0);

  // a valid link to a scenario that does not parse: line and column, and its text is kept
  const edited = COW.replace("rw private", "rw privat");
  await open(page, `#${encodeShare(edited, { step: 2, event: 0 })}`);
  await expect(
    notice(page, /^The scenario in this link does not parse \(line 2, column 28: expected SHARE/),
  ).toBeVisible();
  const editor = page.getByRole("textbox", { name: "Scenario text" });
  await expect(editor).toHaveValue(edited);
  await expect(editor).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("region", { name: "Scenario" }).getByRole("alert")).toContainText(
    "line 2, column 28: ",
  );
  // the diagrams keep the last scenario that ran meanwhile; fixing the text runs it
  await expect(page.getByRole("region", { name: "Anon layer" }).locator("[data-slot]")).not.toHaveCount(0);
  await editor.fill(COW);
  await expect(editor).not.toHaveAttribute("aria-invalid", "true");
  await settle(page);
  expect((await bridgeState(page)).steps).toBe(5);
  await stillWorks(page);
  expect(fired).toEqual([]);
});

test("an oversized link is refused before it is read, naming the limit", async ({ page }) => {
  test.setTimeout(180_000);
  const fired = dialogs(page);
  // the longest link Chromium still opens (it refuses URLs over 2 MB outright)
  const long = `v1.0.0.${"A".repeat(LIMITS.fragmentChars + 40_000)}`;
  await open(page, `#${long}`);
  await expect(
    notice(
      page,
      /could not be opened: the link is \d+ characters long; the limit is 2000000 \(LIMITS.fragmentChars\)/,
    ),
  ).toBeVisible();
  expect((await bridgeState(page)).text).toBe(DEFAULT);

  // 3 MB (half as much again as the limit) put into the fragment of the open app (a same-page navigation, as Back/Forward make)
  await page.getByRole("button", { name: "Step back", exact: true }).click();
  await settle(page);
  const before = await bridgeState(page);
  const t0 = Date.now();
  await page.evaluate(
    (n) => {
      location.hash = `v1.0.0.${"A".repeat(n)}`;
    },
    3 * 1024 * 1024,
  );
  await expect(
    notice(page, /could not be opened: the link is 3145735 characters long.*The scenario on screen stays\./),
  ).toBeVisible();
  expect(Date.now() - t0).toBeLessThan(20_000);
  await settle(page);
  const after = await bridgeState(page);
  expect(after.text).toBe(before.text);
  expect(after.pos).toEqual(before.pos);
  await stillWorks(page);
  expect(fired).toEqual([]);
});

test("<script> in a segment name is refused with its line and column, and never runs", async ({ page }) => {
  const fired = dialogs(page);
  const text = "spawn P1 empty\nP1 mmap <script>window.pwned=1;alert(1)</script> anon 1 rw private\n";
  await open(page, `#${encodeShare(text, { step: 1, event: 0 })}`);
  await expect(
    notice(
      page,
      /does not parse \(line 2, column 9: expected a segment name, got "<script>window\.pwned=1;alert\(1\)/,
    ),
  ).toBeVisible();
  // the text is shown literally, as text
  await expect(page.getByRole("textbox", { name: "Scenario text" })).toHaveValue(text);
  await expect(page.locator(".editor-under")).toContainText(
    "P1 mmap <script>window.pwned=1;alert(1)</script>",
  );
  await nothingInjected(page);
  await stillWorks(page);
  expect(fired).toEqual([]);
});

test("<script> and an <img onerror> in a comment render as text and never execute", async ({ page }) => {
  const fired = dialogs(page);
  const text =
    "# <script>window.pwned=1;alert(document.domain)</script>\n" +
    '# <img src=x onerror="window.pwned=2;alert(2)">\n' +
    `${COW}# </textarea><script>alert(3)</script>\n`;
  await open(page, `#${encodeShare(text, { step: 5, event: 0 })}`);
  const st = await bridgeState(page);
  expect(st.error).toBeNull();
  expect(st.steps).toBe(5);
  await expect(page.locator(".notice")).toHaveCount(0);
  // in the editor, literally
  const editor = page.getByRole("textbox", { name: "Scenario text" });
  await expect(editor).toHaveValue(text);
  const under = page.locator(".editor-under");
  await expect(under).toContainText("# <script>window.pwned=1;alert(document.domain)</script>");
  await expect(under).toContainText('# <img src=x onerror="window.pwned=2;alert(2)">');
  await expect(under).toContainText("# </textarea><script>alert(3)</script>");
  // wait a little for anything that might have run late
  await page.waitForTimeout(300);
  await nothingInjected(page);
  await stillWorks(page);
  expect(fired).toEqual([]);
});

test("hostile text typed or pasted into the editor: line and column, the last good state stays", async ({
  page,
}) => {
  const fired = dialogs(page);
  await open(page);
  const editor = page.getByRole("textbox", { name: "Scenario text" });
  const anon = page.getByRole("region", { name: "Anon layer" });
  const before = await bridgeState(page);
  const slots = await anon.locator("[data-slot]").count();

  await editor.fill(`${DEFAULT}P1 write <img src=x onerror=alert(1)> 0\n`);
  const err = page.getByRole("region", { name: "Scenario" }).getByRole("alert");
  const line = DEFAULT.split("\n").length;
  await expect(err).toContainText(`line ${line}, column 10: expected a segment name, got "<img`);
  await settle(page);
  expect((await bridgeState(page)).steps).toBe(before.steps);
  expect(await anon.locator("[data-slot]").count()).toBe(slots);

  // a paste past the size limit: refused at once, naming the limit; the text stays in the editor
  const huge = `${DEFAULT}${"# padding padding padding padding padding padding padding\n".repeat(5000)}`;
  expect(huge.length).toBeGreaterThan(LIMITS.scenarioChars);
  await loadText(page, huge);
  await expect(err).toContainText(
    /^line 1, column 1: the scenario is \d+ characters long; the limit is 262144 \(LIMITS.scenarioChars\)/,
  );
  expect((await bridgeState(page)).text).toBe(huge);
  expect((await bridgeState(page)).steps).toBe(before.steps);

  await nothingInjected(page);
  await stillWorks(page);
  expect(fired).toEqual([]);
});

test("thousands of mmaps: the engine refuses past LIMITS.segments, says so, and stays responsive", async ({
  page,
}) => {
  await open(page);
  const n = 1000;
  const lines = ["spawn P1 empty", ...Array.from({ length: n }, (_, i) => `P1 mmap m${i} anon 1 rw private`)];
  const t0 = Date.now();
  await loadText(page, `${lines.join("\n")}\n`);
  expect(Date.now() - t0).toBeLessThan(20_000);
  const doc = await page.evaluate(() => window.__anonscope!.doc());
  const results = doc!.steps.map((s) => s.result);
  expect(results.slice(1, 1 + LIMITS.segments).every((r) => r === "ok")).toBe(true);
  expect(results.slice(1 + LIMITS.segments).every((r) => r === "ENOMEM")).toBe(true);
  expect(
    doc!.steps
      .at(-1)!
      .events.map((e) => e.say)
      .join(" "),
  ).toContain("(LIMITS.segments)");
  // the narration says it too, at the last step
  await expect(page.getByRole("region", { name: "Narration" })).toContainText("ENOMEM");
  await stillWorks(page);
});

test("hostile query parameters (?lesson, ?embed, ?print, ?mode) never become markup", async ({ page }) => {
  const fired = dialogs(page);
  for (const q of [
    "?lesson=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%3Balert(1)%22%3E",
    "?embed&lesson=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E",
    "?print&mode=predict&lesson=swap%22%3E%3Cimg%20src%3Dx%3E",
  ]) {
    await page.goto(`/${q}`);
    await settle(page);
    expect((await bridgeState(page)).steps, q).toBeGreaterThan(0);
    await nothingInjected(page);
  }
  expect(fired).toEqual([]);
});
