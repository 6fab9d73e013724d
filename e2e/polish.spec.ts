/**
 * What a lecturer sees at 1366×768 and in the embed view: legends that take one line, labels
 * that are not cut mid-word, the same colour for the same state in every panel (dark theme
 * included), and the swap strip leaving its close-up when the slots in use outgrow it.
 */
import { expect, loadText, open, seek, settle, test, type Page } from "./fixtures";
import { stripRange } from "./strip";

/** A preset at its end (a preset opens at its start, or at its `# start:` step). */
const preset = async (page: Page, id: string) => {
  await page.getByRole("combobox", { name: "Presets" }).selectOption(id);
  await settle(page);
  await page.getByRole("button", { name: "Jump to end", exact: true }).click();
  await settle(page);
};

test("Physical memory's zoomable view has a one-line legend at 1366×768", async ({ page }) => {
  await open(page);
  await preset(page, "large-fork");
  const legend = page.getByRole("region", { name: "Physical memory" }).getByLabel("Legend");
  const tops = await legend
    .locator(":scope > span")
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).offsetTop));
  expect(tops.length).toBe(6);
  expect(new Set(tops).size, "legend lines").toBe(1);
});

test("the small frame grid draws shared anon pages in the legend's shared colour", async ({ page }) => {
  await open(page);
  const shared = await page.evaluate(async () => {
    const d = (await window.__anonscope!.doc())!;
    return d.anons.filter((a) => a.refcnt > 1 && a.frame).map((a) => a.frame!);
  });
  expect(shared.length).toBeGreaterThan(0);
  const boxes = page.locator('[data-panel="physical"] [data-frame]');
  for (const [frame, cls] of await boxes.evaluateAll((els) =>
    els.map((e) => [e.getAttribute("data-frame")!, e.querySelector("rect")!.getAttribute("class")!]),
  ))
    expect(/\bshared\b/.test(cls!), `${frame}: ${cls}`).toBe(shared.includes(frame!));
});

for (const scheme of ["light", "dark"] as const)
  test(`a page with no translation keeps its state's hue in Address spaces (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    // P2's buf page 0: a shared anon (an_refcnt 2) that P2 has never touched
    const cell = page.locator('rect.cell[data-link="page:P2/buf@0/0"]');
    const got = await cell.evaluate((e) => {
      const cs = getComputedStyle(e);
      const probe = document.createElement("div");
      probe.style.color = "var(--shared-soft)";
      document.body.append(probe);
      const want = getComputedStyle(probe).color;
      probe.remove();
      return { fill: cs.fill, opacity: cs.opacity, fillOpacity: cs.fillOpacity, want };
    });
    expect(got.opacity).toBe("1");
    expect(got.fillOpacity).toBe("1");
    expect(got.fill).toBe(got.want);
  });

test.describe("the embed view", () => {
  test.use({ viewport: { width: 800, height: 500 } });
  test("process headings in Address spaces fit their columns", async ({ page }) => {
    await open(page, "?embed");
    // the embed is a chunk of its own, drawn once it has come: waited for, not read at once
    await page.locator('[data-panel="address"] svg [data-proc-col]').first().waitFor();
    const over = await page.evaluate(() => {
      const svg = document.querySelector('[data-panel="address"] svg') as SVGSVGElement;
      return [...svg.querySelectorAll("[data-proc-col]")].map((g) => {
        const p = g.getAttribute("data-proc-col")!;
        const t = (g.querySelector("text") as SVGTextElement).getBBox();
        const boxes = [...svg.querySelectorAll(`[data-seg^="${p}/"] rect.seg-box`)].map((r) => {
          const b = (r as SVGRectElement).getBBox();
          return b.x + b.width;
        });
        return { p, right: t.x + t.width, limit: Math.max(...boxes) };
      });
    });
    expect(over.length).toBe(2);
    for (const o of over) expect(o.right, o.p).toBeLessThanOrEqual(o.limit + 1);
  });
});

test("the swap strip leaves its close-up when the slots in use outgrow it, and comes back", async ({
  page,
}) => {
  await open(page);
  await loadText(
    page,
    [
      "spawn P1 empty",
      "P1 mmap buf /dev/zero 12 rw private",
      "P1 write buf 0-11",
      "pageout P1 buf 1",
      "pageout P1 buf 2-11",
    ].join("\n"),
    { step: 4, event: -1 },
  );
  const s = page.locator("[data-slot-surface]");
  await expect(s).toHaveAttribute("data-level", "boxes");
  const [, closeHi] = await stripRange(s);
  expect(closeHi).toBeLessThan(20);
  await seek(page, { step: 5, event: -1 });
  await expect.poll(async () => (await stripRange(s))[1]).toBeGreaterThan(100_000);
  expect((await stripRange(s))[0]).toBe(0);
  await seek(page, { step: 4, event: -1 });
  await expect.poll(() => stripRange(s)).toEqual([0, closeHi]);
});

test("Physical memory zoomed in with + shows compact boxes, four or more across, no text past its box", async ({
  page,
}) => {
  test.setTimeout(90_000);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    await preset(page, "large-fork");
    const s = page.locator("[data-frame-surface]");
    const zoomIn = page.getByRole("region", { name: "Physical memory" }).getByRole("button", {
      name: "Zoom in on frames",
    });
    for (let i = 0; i < 12 && (await s.getAttribute("data-level")) !== "compact"; i++) {
      await zoomIn.click();
      await page.waitForTimeout(300);
    }
    await expect(s).toHaveAttribute("data-level", "compact");
    await expect(s).toHaveAttribute("data-fresh", "1");
    await settle(page);
    const boxes = await s.evaluate((el) => {
      const x0 = Number((el as HTMLElement).dataset.x0);
      const right = x0 + Number((el as HTMLElement).dataset.areaW);
      return [...el.querySelectorAll("[data-pfn]")].map((g) => {
        const r = g.querySelector("rect")!;
        const rx = Number(r.getAttribute("x"));
        const rw = Number(r.getAttribute("width"));
        const texts = [...g.querySelectorAll("text")].map((t) => ({
          s: t.textContent ?? "",
          x: Number(t.getAttribute("x")),
          w: (t as SVGTextContentElement).getComputedTextLength(),
        }));
        return { inside: rx >= x0 - 1 && rx + rw <= right + 1, rx, rw, texts };
      });
    });
    const whole = boxes.filter((b) => b.inside);
    // named: the pfn, the page, swapfs and its offset
    const named = whole.filter((b) => b.texts.filter((t) => t.s).length === 4);
    // (four across at 12 px: a compact box holds a ten-character swapfs offset)
    expect(named.length, `${scheme}: compact boxes named across`).toBeGreaterThanOrEqual(3);
    expect(boxes.filter((b) => b.rx + b.rw / 2 >= 0).length).toBeGreaterThanOrEqual(4);
    for (const b of whole)
      for (const t of b.texts) expect(t.x + t.w, `${t.s} fits its box`).toBeLessThanOrEqual(b.rx + b.rw);
    await page.screenshot({ path: test.info().outputPath(`phys-compact-${scheme}.png`) });
    // one more + : the full boxes
    await zoomIn.click();
    await expect(s).toHaveAttribute("data-level", "boxes");
  }
});

test("Address spaces has the Anon layer's legend, one line, when enlarged and when zoomed in", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await open(page);
  await preset(page, "large-fork");
  const panel = page.getByRole("region", { name: "Address spaces" });
  const legend = panel.getByLabel("Legend");
  await expect(legend).toHaveCount(0);
  const oneLine = async () => {
    const tops = await legend
      .locator(":scope > span")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).offsetTop));
    expect(tops.length).toBe(7);
    expect(new Set(tops).size, "legend lines").toBe(1);
    const fits = await legend.evaluate(
      (e) => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1,
    );
    expect(fits).toBe(true);
  };
  /** every segment box lies inside the panel's body */
  const boxesInView = async () => {
    const body = (await panel.locator(".panel-body").boundingBox())!;
    const lg = (await legend.boundingBox())!;
    for (const r of await panel.locator("rect.seg-box").all()) {
      const b = (await r.boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(body.y - 1);
      expect(b.y + b.height).toBeLessThanOrEqual(Math.min(body.y + body.height, lg.y) + 1);
    }
  };
  await panel.getByRole("button", { name: "Enlarge Address spaces" }).click();
  await expect(legend).toBeVisible();
  await expect(legend).toContainText("– none");
  await oneLine();
  await boxesInView();
  await page.screenshot({ path: test.info().outputPath("address-enlarged.png") });
  await panel.getByRole("button", { name: "Leave presentation mode" }).click();
  await expect(legend).toHaveCount(0);
  // zoom a strip in: the legend comes, the boxes stay in view
  const z = page.locator('[data-seg-zoom="P2/heap"]');
  await z.focus();
  await page.keyboard.press("+");
  await expect(legend).toBeVisible();
  await oneLine();
  await settle(page);
  await boxesInView();
  await page.screenshot({ path: test.info().outputPath("address-zoomed.png") });
});
