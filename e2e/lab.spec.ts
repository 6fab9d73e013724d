/**
 * The lab (issue #16): Export → C program and Expected output, and the compare view with a
 * captured output: a real Linux run of the lab program of the default scenario, and a real
 * pmap -x (P3 of real-tool-output.md). Its code loads only when asked for.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { bridgeState, expect, open, shotPath, test, type Page } from "./fixtures";

const RUN = readFileSync(new URL("../test/lab/runs/00-default-linux.txt", import.meta.url), "utf8");
const P3 = readFileSync(new URL("../test/lab/captures/P3.txt", import.meta.url), "utf8");
const AXE = readFileSync(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

async function more(page: Page, item: RegExp) {
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

async function compare(page: Page, text: string) {
  const dlg = page.getByRole("dialog", { name: "Compare with a real run" });
  await dlg.getByLabel("The real output").fill(text);
  await dlg.getByRole("button", { name: "Compare", exact: true }).click();
  return dlg;
}

test("Export → C program and Expected output, their code loaded on the first click", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (r) => asked.push(r.url()));
  await open(page);
  expect(asked.filter((u) => /CompareDialog|lab\.worker|exportLab/.test(u))).toEqual([]);
  // the lab's group in the More menu: every item on screen at 1366x768
  await page.getByRole("button", { name: "More", exact: true }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: /^Compare with a real run/ })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: shotPath("lab-menu-1366-light.png") });
  await page.keyboard.press("Escape");
  const [c] = await Promise.all([page.waitForEvent("download"), more(page, /^C program/)]);
  expect(c.suggestedFilename()).toMatch(/^anonscope-lab-[a-z0-9-]+\.c$/);
  const prog = await readFile(await c.path(), "utf8");
  expect(prog).toContain("int main(int argc, char **argv)");
  expect(prog).toContain('{ STEP_RUN, 0, -1, 0, 6, "P1 write buf 0-3", NULL },');
  const step3 = prog.slice(
    prog.indexOf(" * step 3, line 6: P1 write buf 0-3"),
    prog.indexOf("static void step_3(void)"),
  );
  expect(step3).toMatch(
    /The simulator's path, function by function: trap, pagefault, as_fault,[^]*anonmap_alloc,[^]*anon_zero/,
  );
  expect(step3).toMatch(/illumos: Each page: trap -> pagefault -> as_fault -> segvn_fault/);
  expect(asked.some((u) => /lab\.worker/.test(u))).toBe(true);
  const [e] = await Promise.all([page.waitForEvent("download"), more(page, /^Expected output/)]);
  const expected = await readFile(await e.path(), "utf8");
  expect(expected.split("\n").filter((l) => l.startsWith("== "))).toEqual([
    "== anonscope lab: A first look: anon pages, fork and copy-on-write",
    "== step 0: (start)",
    ...(await bridgeState(page)).text
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"))
      .map((l, i) => `== step ${i + 1}: ${l.replace(/\s*#.*$/, "")}`),
    "== end",
  ]);
});

test("compare view: a captured Linux run beside the simulation, every difference marked", async ({
  page,
}) => {
  await open(page);
  await more(page, /^Compare with a real run/);
  const dlg = page.getByRole("dialog", { name: "Compare with a real run" });
  await expect(dlg.getByLabel("The real output")).toBeFocused();

  // bad input: a clear message, what and where
  await compare(page, "hello\nworld");
  await expect(dlg.getByRole("alert")).toHaveText(/^Line 1: nothing here is the lab's output/);
  await compare(page, RUN.replace("== step 3: P1 write buf 0-3", "== step 3: P1 write buf 0-2"));
  await expect(dlg.getByRole("alert")).toHaveText(
    /^Line \d+: this output is of another scenario: its step 3 is "P1 write buf 0-2"/,
  );

  await compare(page, RUN);
  await expect(dlg.locator(".lab-summary")).toHaveText(
    /^A Linux run, 8 steps: \d+ differences, \d+ explained, 0 unexplained\.$/,
  );
  const steps = dlg.getByRole("list", { name: "Steps" }).getByRole("button");
  await expect(steps).toHaveCount(8);
  await steps.nth(3).click();
  const table = dlg.locator("table").filter({ hasText: "P1: simulator pid 101" });
  const buf = table.locator("tr", { has: page.locator("th", { hasText: /^buf$/ }) });
  await expect(buf.locator("td")).toHaveText([
    "[ anon ]",
    "16",
    "16",
    "16",
    "16",
    "16",
    "16",
    "rw---",
    "rw---",
    "same",
  ]);
  // a difference the lab expects: the real program's own text, marked with ≠ and a note
  const text = table.locator("tr", { has: page.locator("th", { hasText: /^text$/ }) });
  await expect(text.locator("td.lab-diff").first()).toBeVisible();
  await expect(text.locator("td.lab-why")).toHaveText(/^\[\d\] the real program$/);
  await expect(dlg.locator(".lab-notes li").first()).toHaveText(/lab program's own text/);
  await steps.nth(4).click();
  await expect(dlg.getByRole("heading", { name: /^Step 4: P1 fork P2$/ })).toBeVisible();
  await expect(dlg.locator("td.lab-why").filter({ hasText: "Linux" }).first()).toBeVisible();

  // measured: readable text, nothing clipped sideways, axe clean, in both themes
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);
    const m = await dlg.evaluate((d) => {
      const small = [...d.querySelectorAll<HTMLElement>("*")].filter(
        (e) =>
          e.childNodes.length &&
          [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()) &&
          parseFloat(getComputedStyle(e).fontSize) < 12.5,
      );
      const box = d.getBoundingClientRect();
      return {
        small: small.map((e) => e.outerHTML.slice(0, 80)),
        fits: box.right <= innerWidth && box.bottom <= innerHeight,
        wide: d.scrollWidth - d.clientWidth,
      };
    });
    expect(m.small).toEqual([]);
    expect(m.fits).toBe(true);
    expect(m.wide).toBeLessThanOrEqual(0);
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const w = window as unknown as {
        axe: { run(c: Element, o: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
      };
      const r = await w.axe.run(document.querySelector(".lab-dialog")!, { resultTypes: ["violations"] });
      return r.violations.map((v) => `${v.id} × ${v.nodes.length}`);
    });
    expect(violations, theme).toEqual([]);
    await page.screenshot({ path: shotPath(`lab-compare-1366-${theme}.png`) });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: shotPath("lab-compare-1920-dark.png") });
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
  await page.screenshot({ path: shotPath("lab-compare-1920-light.png") });

  // the button moves the app to that step
  await dlg.getByRole("button", { name: "Show step 4 in the app" }).click();
  await expect.poll(async () => (await bridgeState(page)).pos.step).toBe(4);
});

test("compare view: one real pmap -x (a capture) beside a simulated process", async ({ page }) => {
  await open(page);
  await more(page, /^Compare with a real run/);
  const dlg = await compare(page, P3);
  await expect(dlg.locator(".lab-summary")).toHaveText(
    /^One pmap -x of pid 2675 \(32-bit\), 28 rows, beside the simulation at step 7\./,
  );
  await expect(dlg.getByLabel("Simulated process")).toHaveValue("P1");
  const heap = dlg.locator("tr", { has: page.locator("th", { hasText: /^heap$/ }) });
  await expect(heap.locator("td").nth(1)).toHaveText("16");
  await expect(heap.locator("td").nth(2)).toHaveText("≠ 188");
  await expect(heap.locator("td.lab-why")).toHaveText(/^\[\d\] another program$/);
  await expect(dlg.locator(".lab-notes li").first()).toHaveText(
    /runs another program than the simulator's \/usr\/bin\/demo/,
  );
  const buf = dlg.locator("tr", { has: page.locator("th", { hasText: /^buf$/ }) });
  await expect(buf.locator("td.lab-why")).toHaveText("no real row: unexplained");
  await expect(dlg.getByText(/^\+ 26 other real rows/)).toBeVisible();
  await dlg.getByLabel("Simulated process").selectOption("P2");
  await expect(dlg.locator("caption")).toHaveText("P2 in the simulator, pid 2675 on the real machine");
  await page.screenshot({ path: shotPath("lab-compare-pmap-1366-light.png") });
});
