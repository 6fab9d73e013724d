/**
 * Issue 18, a slow laptop's first paint: what the first frame must not do twice (bench/README.md,
 * "Fifth pass"). The page's chunk carries V8's compile hint on its first line, with a source map
 * still line for line; the root's unit, folds and theme are written before any panel measures
 * itself; Address spaces' row height does not restyle the panels; the step's event chips are
 * scrolled to the current one without a layout of their own inside the first commit; the fonts
 * are loaded before the script runs.
 */
import { expect, open, seek, settle, test, type Page } from "./fixtures";

const HINT = "//# allFunctionsCalledOnLoad";

test("the page's chunk starts with the compile hint, and its source map still matches it line for line", async ({
  page,
  request,
}) => {
  await open(page);
  const src = await page.evaluate(
    () => document.querySelector<HTMLScriptElement>('script[type="module"][src]')!.src,
  );
  const code = await (await request.get(src)).text();
  const lines = code.split("\n");
  expect(lines[0]).toBe(HINT);
  const map = (await (await request.get(`${src}.map`)).json()) as { mappings: string };
  const rows = map.mappings.split(";");
  // one row of mappings per line of code, the last line (the map's own URL) aside
  expect(rows.length).toBe(lines.length - 1);
  expect(rows[0]).toBe("");
  expect(lines.at(-1)).toMatch(/^\/\/# sourceMappingURL=/);
  // the lazy chunks load without it: only the page's own chunk runs whole before the first paint
  const lazy = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((r) => r.name)
      .filter((n) => /\/assets\/(HelpOverlay|presets|late)-[\w-]+\.js$/.test(n)),
  );
  for (const url of lazy) expect((await (await request.get(url)).text()).startsWith(HINT), url).toBe(false);
});

test("the page's hidden text warms every face the first frame draws, and shows nothing", async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => {
    const face = (el: Element) => {
      const cs = getComputedStyle(el);
      return `${cs.fontFamily.split(",")[0]!.trim()} ${cs.fontWeight} ${cs.fontStyle}`;
    };
    const warm = document.querySelector<HTMLElement>(".font-warm")!;
    const drawn = new Set<string>();
    for (const el of document.querySelectorAll("#root *")) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (own && el.getClientRects().length > 0) drawn.add(face(el));
    }
    const box = warm.getBoundingClientRect();
    return {
      drawn: [...drawn].sort(),
      warmed: [...warm.children].map(face),
      size: box.width + box.height,
      visibility: getComputedStyle(warm).visibility,
      hidden: warm.getAttribute("aria-hidden"),
    };
  });
  for (const f of r.drawn) expect(r.warmed, f).toContain(f);
  expect(r.drawn.length).toBeGreaterThan(2);
  expect(r.size).toBe(0);
  expect(r.visibility).toBe("hidden");
  expect(r.hidden).toBe("true");
});

/** Records what the root element carried when a panel first read its own size. */
async function watchFirstMeasure(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const desc = Object.getOwnPropertyDescriptor(Element.prototype, "clientWidth")!;
    const w = window as unknown as { __firstMeasure?: Record<string, string> };
    Object.defineProperty(Element.prototype, "clientWidth", {
      configurable: true,
      get(this: Element) {
        if (!w.__firstMeasure && this.closest(".panel-body")) {
          const root = document.documentElement;
          w.__firstMeasure = {
            s: root.style.getPropertyValue("--s"),
            theme: root.dataset.theme ?? "",
            folds: [...root.classList].filter((c) => c.startsWith("dw-lt-")).join(" "),
          };
        }
        return desc.get!.call(this) as number;
      },
    });
  });
}

test("the root's unit, folds and theme are in place before the first panel measures itself", async ({
  page,
}) => {
  await watchFirstMeasure(page);
  await open(page);
  const first = await page.evaluate(
    () => (window as unknown as { __firstMeasure?: Record<string, string> }).__firstMeasure,
  );
  // 1366 px wide is below every fold (design widths 1400, 1500, 1700 at unit 1)
  expect(first).toEqual({ s: "1", theme: "light", folds: "dw-lt-1400 dw-lt-1500 dw-lt-1700" });
});

test("Address spaces' row height stays on the grid: the panels do not inherit it", async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => {
    const main = document.querySelector<HTMLElement>("main.main")!;
    const panel = document.querySelector<HTMLElement>('[data-panel="anon"]')!;
    return {
      onMain: getComputedStyle(main).getPropertyValue("--as-need").trim(),
      inline: main.style.getPropertyValue("--as-need"),
      onPanel: getComputedStyle(panel).getPropertyValue("--as-need").trim(),
    };
  });
  // the default scenario's two processes ask for a height: set on the grid, not passed down
  expect(r.inline).toMatch(/^\d+px$/);
  expect(r.onMain).toBe(r.inline);
  expect(r.onPanel).toBe("0px");
});

/** The chip of the current event and its row, in CSS pixels. */
const chipInRow = (page: Page) =>
  page.evaluate(() => {
    const row = document.querySelector<HTMLElement>("ol.chips")!;
    const cur = row.querySelector<HTMLElement>('[aria-current="step"]')!;
    const a = row.getBoundingClientRect();
    const b = cur.getBoundingClientRect();
    return {
      inside: b.left >= a.left - 0.5 && b.right <= a.right + 0.5,
      overflows: row.scrollWidth > row.clientWidth + 1,
      scrolled: row.scrollLeft,
    };
  });

test("the current event's chip is in its row on the first paint and after a jump", async ({ page }) => {
  // whether the diagrams were drawn when the chips were first scrolled: inside the first commit
  // they are not yet, and a scroll there lays the whole page out once more
  await page.addInitScript(() => {
    const own = Object.getOwnPropertyDescriptor(Element.prototype, "scrollIntoView")!.value as (
      this: Element,
      arg?: boolean | ScrollIntoViewOptions,
    ) => void;
    const w = window as unknown as { __firstChipScroll?: boolean };
    Element.prototype.scrollIntoView = function (this: Element, arg?: boolean | ScrollIntoViewOptions) {
      if (w.__firstChipScroll === undefined && this.closest("ol.chips"))
        w.__firstChipScroll = document.querySelector('[data-panel="anon"] svg') !== null;
      return own.call(this, arg);
    };
  });
  await page.setViewportSize({ width: 1024, height: 700 });
  await open(page);
  expect(
    await page.evaluate(() => (window as unknown as { __firstChipScroll?: boolean }).__firstChipScroll),
  ).toBe(true);
  const first = await chipInRow(page);
  expect(first.inside).toBe(true);
  // the step with the most events, at its first and then its last event: the row is wider than
  // its box, so both ends need the row scrolled to them
  const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
  const n = steps.reduce((best, s, i) => (s.events.length > steps[best]!.events.length ? i : best), 0);
  expect(steps[n]!.events.length).toBeGreaterThan(8);
  await seek(page, { step: n + 1, event: 0 });
  const start = await chipInRow(page);
  expect(start.overflows).toBe(true);
  expect(start.inside).toBe(true);
  await seek(page, { step: n + 1, event: steps[n]!.events.length - 2 });
  const end = await chipInRow(page);
  expect(end.inside).toBe(true);
  expect(end.scrolled).toBeGreaterThan(start.scrolled);
  // and a link to that position, opened afresh: the row is scrolled to it from the first paint
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Link/ })).toBeVisible();
  const link = page.url();
  expect(link).toMatch(new RegExp(`#v\\d+\\.${n + 1}\\.${steps[n]!.events.length - 2}\\.`));
  const other = await page.context().newPage();
  await other.setViewportSize({ width: 1024, height: 700 });
  await other.goto(link);
  await settle(other);
  const opened = await chipInRow(other);
  expect(opened.inside).toBe(true);
  expect(opened.scrolled).toBeGreaterThan(0);
});
