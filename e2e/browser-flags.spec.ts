/**
 * The browser the suite and the bench drive (scripts/chromium.mjs): Chromium reads only the last
 * --disable-features on its command line, so ours must carry every feature Playwright's own
 * disables (PaintHolding among them: the bench's first-paint figures were taken without it), and
 * a new window opens no omnibox popup pages (their renderers cost each context seconds of CPU).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";

test("the last --disable-features keeps Playwright's, and a new window opens no omnibox popup", async ({
  browser,
  page,
}) => {
  const cdp = await browser.newBrowserCDPSession();
  // the browser process's own command line (Linux: CDP gives it only under --enable-automation)
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  const pid = processInfo.find((p) => p.type === "browser")!.id;
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  const lists = args
    .filter((a) => a.startsWith("--disable-features="))
    .map((a) => a.slice("--disable-features=".length).split(","));
  // Playwright's and ours
  expect(lists.length).toBeGreaterThanOrEqual(2);
  const last = new Set(lists.at(-1));
  expect(lists.flat().filter((f) => !last.has(f))).toEqual([]);
  expect([...last]).toEqual(
    expect.arrayContaining(["PaintHolding", "WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]),
  );

  await page.goto("about:blank");
  const { targetInfos } = await cdp.send("Target.getTargets");
  expect(targetInfos.filter((t) => t.url.startsWith("chrome://omnibox-popup")).map((t) => t.url)).toEqual([]);
});
