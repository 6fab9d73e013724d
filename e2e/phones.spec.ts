/**
 * Phones and tablets (issue 17), with Playwright's device emulation (touch, device pixel ratio
 * 2): the compact layout has no sideways page scroll, no control under 44 × 44 px or on top of
 * another, opens a share link on the panel of its event, steps with a swipe, zooms a drawing
 * with a pinch, shows a hover's details on a long press, lets the console's columns scroll
 * inside it, and keeps lessons, predict mode and the embed working. axe finds nothing. Few page
 * loads, many checks each; the screenshots (both sizes, both ways up, both themes) go to the
 * test's output folder, to be looked at.
 */
import type { CDPSession } from "@playwright/test";
import { readFileSync } from "node:fs";
import { bridgeState, expect, loadText, seek, settle, shotPath, test, type Page } from "./fixtures";

const AXE = readFileSync(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** axe's violations on the page as it is (the app's CSP refuses a script tag: injected by CDP). */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(d: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
      };
    };
    return (await w.axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/**
 * What a student's finger and eye meet, measured: the page's width against the screen's, every
 * control on screen under 44 px, every pair of controls drawn over each other (each control's
 * box cut to the boxes that clip it: a tab scrolled out of its row is not on screen), and text
 * under 12 px. A link inside a sentence is a word of it (WCAG 2.5.8's inline exception).
 */
async function fingerProblems(page: Page, scope = "body"): Promise<string[]> {
  return page.evaluate((scope) => {
    const out: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollWidth > window.innerWidth)
      out.push(`the page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px screen`);
    type Box = { l: number; t: number; r: number; b: number };
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()} "${(e.getAttribute("aria-label") ?? e.textContent ?? "").trim().slice(0, 30)}"`;
    const seen: { e: Element; box: Box }[] = [];
    const controls = document
      .querySelector(scope)!
      .querySelectorAll("button, select, input, textarea, a[href], [role=tab]");
    for (const e of controls) {
      if (!e.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (e.closest(".sr-only, .say, p")) continue;
      // a checkbox is hit through its label
      const hit = (e as HTMLInputElement).type === "checkbox" ? (e.closest("label") ?? e) : e;
      const r = hit.getBoundingClientRect();
      let box: Box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
      for (let a = e.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if ((cs.overflowX === "visible" && cs.overflowY === "visible") || cs.display === "contents") continue;
        const c = a.getBoundingClientRect();
        box = {
          l: Math.max(box.l, c.left),
          t: Math.max(box.t, c.top),
          r: Math.min(box.r, c.right),
          b: Math.min(box.b, c.bottom),
        };
      }
      box = {
        l: Math.max(box.l, 0),
        t: Math.max(box.t, 0),
        r: Math.min(box.r, innerWidth),
        b: Math.min(box.b, innerHeight),
      };
      if (box.r - box.l < 1 || box.b - box.t < 1) continue; // scrolled out of view: reached by scrolling
      if (r.width < 43.5 || r.height < 43.5)
        out.push(`${name(e)} is ${Math.round(r.width)}×${Math.round(r.height)}`);
      for (const o of seen) {
        const w = Math.min(box.r, o.box.r) - Math.max(box.l, o.box.l);
        const h = Math.min(box.b, o.box.b) - Math.max(box.t, o.box.t);
        if (w > 1 && h > 1 && !o.e.contains(e) && !e.contains(o.e))
          out.push(`${name(e)} overlaps ${name(o.e)}`);
      }
      seen.push({ e, box });
    }
    if (seen.length < (scope === "body" ? 12 : 2)) out.push(`only ${seen.length} controls on screen`);
    // and the words: none under 12 px, as on a projector (issue 12)
    for (const el of document.querySelector(scope)!.querySelectorAll("*")) {
      if (el.closest(".sr-only, option") || !el.checkVisibility({ visibilityProperty: true })) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 11.95) out.push(`"${(el.textContent ?? "").trim().slice(0, 30)}" is ${px} px`);
    }
    return out;
  }, scope);
}

/** Touches through the DevTools protocol, as a finger sends them. */
interface Pt {
  x: number;
  y: number;
}
async function touch(cdp: CDPSession, type: "touchStart" | "touchMove" | "touchEnd", pts: Pt[]) {
  await cdp.send("Input.dispatchTouchEvent", {
    type,
    touchPoints: pts.map((p, id) => ({ x: Math.round(p.x), y: Math.round(p.y), id })),
  });
}
/** One or two fingers from `from` to `to`, in `n` moves. */
async function drag(cdp: CDPSession, from: Pt[], to: Pt[], n = 6) {
  await touch(cdp, "touchStart", from);
  for (let i = 1; i <= n; i++)
    await touch(
      cdp,
      "touchMove",
      from.map((f, k) => ({ x: f.x + ((to[k]!.x - f.x) * i) / n, y: f.y + ((to[k]!.y - f.y) * i) / n })),
    );
  await touch(cdp, "touchEnd", []);
}
const swipe = (cdp: CDPSession, at: Pt, dx: number) => drag(cdp, [at], [{ x: at.x + dx, y: at.y }]);

async function centre(page: Page, selector: string): Promise<Pt> {
  const b = (await page.locator(selector).first().boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });

/** The tab on screen, its panel drawn in the viewport, the others hidden. */
async function expectShown(page: Page, tabName: string, panel: string) {
  await expect(tab(page, tabName)).toHaveAttribute("aria-selected", "true");
  const region = page.getByRole("region", { name: panel, exact: true });
  await expect(region).toBeVisible();
  const b = (await region.boundingBox())!;
  const vw = page.viewportSize()!;
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width).toBeLessThanOrEqual(vw.width + 0.5);
  expect(b.height, `${panel} gets room`).toBeGreaterThan(0.3 * vw.height);
}

/**
 * The panel tab strip: whether the selected tab is wholly inside its visible box, and how many
 * pixels it is scrolled beyond the least that shows that tab (for a strip that started at 0).
 */
const tabStripScroll = (page: Page) =>
  page.getByRole("tablist", { name: "Panels" }).evaluate((list) => {
    const sel = list.querySelector<HTMLElement>('[aria-selected="true"]')!;
    const l = list.getBoundingClientRect();
    const t = sel.getBoundingClientRect();
    const inView = t.left >= l.left - 0.5 && t.right <= l.right + 0.5;
    // scrollLeft that just shows the tab: 0 when it fits from the start
    const least = Math.max(0, list.scrollLeft + (t.right - l.right));
    return { inView, extra: Math.max(0, Math.round(list.scrollLeft - least)) };
  });

async function shoot(page: Page, name: string) {
  await settle(page);
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

async function theme(page: Page, to: "dark" | "light") {
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole("menuitem", { name: to === "dark" ? "Dark theme" : "Light theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", to);
}

/** The position as (step, event) with the end of a step as its last event. */
async function position(page: Page) {
  await settle(page);
  return (await bridgeState(page)).pos;
}

test.describe("a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

  test("390×844 and on its side: a share link opens on its event's panel; swipe, pinch, long press; the console; the embed", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ reducedMotion: "reduce", colorScheme: "light" });
    await page.goto("/");
    await settle(page);
    // the copy of a copy-on-write fault (default scenario, step 5), shared from the phone itself
    const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
    const copy = steps[4]!.events.findIndex((e) => e.fn === "page_create_va" && e.refs?.from !== undefined);
    expect(copy).toBeGreaterThan(0);
    await seek(page, { step: 5, event: copy });
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const link = page.url();
    expect(link).toContain(`#v1.5.`);

    // opened afresh: Physical memory first, with the copy on screen
    await page.goto("about:blank");
    await page.goto(link);
    await settle(page);
    expect(await position(page)).toEqual({ step: 5, event: copy });
    await expectShown(page, "Physical memory", "Physical memory");
    await expect(page.locator(".copy-banner")).toBeVisible();
    for (const t of ["Anon layer", "Address spaces", "Physical memory"])
      await expect(tab(page, t).locator(".tab-dot"), `${t} marks the copy`).toHaveCount(1);
    expect(await fingerProblems(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    // the tab on screen is wholly in view, and the strip scrolled no further than that took
    expect(await tabStripScroll(page)).toEqual({ inView: true, extra: 0 });
    await page.screenshot({ path: shotPath("phone-390x844-light.png") });

    const cdp = await page.context().newCDPSession(page);
    // swipe left on the sentence: the next event (page_release, a frame: still Physical memory),
    // then anon_decref, the Anon layer's; swipe right twice: back, and Physical memory again
    const card = await centre(page, ".event-card");
    await swipe(cdp, card, -160);
    expect(await position(page)).toEqual({ step: 5, event: copy + 1 });
    await expectShown(page, "Physical memory", "Physical memory");
    await swipe(cdp, card, -160);
    expect(await position(page)).toEqual({ step: 5, event: copy + 2 });
    await expectShown(page, "Anon layer", "Anon layer");
    await swipe(cdp, card, 160);
    await swipe(cdp, card, 160);
    expect(await position(page)).toEqual({ step: 5, event: copy });
    await expectShown(page, "Physical memory", "Physical memory");
    // a slow or mostly upward drag is no swipe
    await drag(cdp, [await centre(page, ".event-card")], [{ x: 100, y: 200 }], 2);
    expect(await position(page)).toEqual({ step: 5, event: copy });

    // pinch the Anon layer: it grows about the fingers; then one finger moves it, and does not step
    await tab(page, "Anon layer").click();
    await expectShown(page, "Anon layer", "Anon layer");
    const area = "[data-panel=anon] .pinch-area";
    const svg = page.locator("[data-panel=anon] svg[data-anon-diagram]");
    const before = (await svg.boundingBox())!;
    const c = await centre(page, area);
    await drag(
      cdp,
      [
        { x: c.x - 30, y: c.y },
        { x: c.x + 30, y: c.y },
      ],
      [
        { x: c.x - 90, y: c.y },
        { x: c.x + 90, y: c.y },
      ],
    );
    await expect
      .poll(async () => Number(await page.locator(area).getAttribute("data-scale")))
      .toBeGreaterThan(2.5);
    const zoomed = (await svg.boundingBox())!;
    expect(zoomed.width).toBeGreaterThan(2.5 * before.width);
    await swipe(cdp, c, 120);
    expect((await svg.boundingBox())!.x).toBeGreaterThan(zoomed.x + 60);
    expect(await position(page)).toEqual({ step: 5, event: copy });
    await page.getByRole("button", { name: "Zoom Anon layer back out" }).click();
    await expect(page.locator(area)).toHaveAttribute("data-scale", "1.000");

    // a long press on an anon: what its hover shows, its chain lit; the next touch puts it away
    const anon = await centre(page, "[data-panel=anon] [data-anon-box]");
    await touch(cdp, "touchStart", [anon]);
    await page.waitForTimeout(800);
    await touch(cdp, "touchEnd", []);
    await expect(page.locator(".press-tip")).toContainText(/^anon:\d+/);
    await expect(page.locator("main.focusing")).toHaveCount(1);
    expect(await position(page)).toEqual({ step: 5, event: copy });
    await page.touchscreen.tap(5, 300);
    await expect(page.locator(".press-tip")).toHaveCount(0);

    // the console: pmap's columns scroll inside it, and it says so; the page never does
    await tab(page, "Console").click();
    const con = page.locator("[data-panel=console]");
    await expect(con.locator(".panel-head .sub")).toHaveText("wider than the screen: drag it sideways");
    const body = con.locator(".panel-body");
    const size = await body.evaluate((e) => ({ sw: e.scrollWidth, cw: e.clientWidth }));
    expect(size.sw).toBeGreaterThan(size.cw);
    await swipe(cdp, await centre(page, "[data-panel=console] .console"), -250);
    await expect.poll(() => body.evaluate((e) => e.scrollLeft)).toBeGreaterThan(100);
    expect(await position(page), "a drag on the console scrolls it: no step").toEqual({
      step: 5,
      event: copy,
    });
    await body.evaluate((e) => (e.scrollLeft = e.scrollWidth));
    const header = con.getByText(/Mapped File/).first();
    const hb = (await header.boundingBox())!;
    expect(hb.x + hb.width).toBeLessThanOrEqual(
      (await body.boundingBox())!.x + (await body.boundingBox())!.width,
    );
    expect(await fingerProblems(page)).toEqual([]);

    // the operations' forms open as a sheet on the screen, a finger's size throughout
    await tab(page, "Scenario").click();
    await page.getByRole("button", { name: "mmap", exact: true }).click();
    await expect(page.locator(".popover")).toBeVisible();
    expect(await fingerProblems(page, ".popover")).toEqual([]);
    await page.getByRole("button", { name: "Cancel" }).click();

    await theme(page, "dark");
    await tab(page, "Anon layer").click();
    await shoot(page, "phone-390x844-dark");
    expect(await axe(page)).toEqual([]);

    // on its side: the dock beside the panel
    await page.setViewportSize({ width: 844, height: 390 });
    await expect(page.locator(".app.compact.side")).toHaveCount(1);
    expect(await fingerProblems(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await shoot(page, "phone-844x390-dark");
    await theme(page, "light");
    await shoot(page, "phone-844x390-light");

    // the embed on a phone: its two drawings as tabs, the event's frames, the step controls
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/?embed${link.slice(link.indexOf("#"))}`);
    await settle(page);
    await expect(page.getByRole("tablist", { name: "Panels" }).getByRole("tab")).toHaveCount(2);
    await expect(page.getByRole("region", { name: "Physical memory" })).toBeVisible();
    expect(await fingerProblems(page)).toEqual([]);
    const at = await position(page);
    const cdp2 = await page.context().newCDPSession(page);
    await swipe(cdp2, await centre(page, ".event-card"), -160);
    expect((await position(page)).event).toBe(at.event + 1);
    await shoot(page, "phone-embed-390x844-light");
  });
});

test.describe("a tablet", () => {
  test.use({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

  test("768×1024 and 1024×768: a pageout link opens on Swap; lessons and predict mode", async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ reducedMotion: "reduce", colorScheme: "dark" });
    await page.goto("/");
    await settle(page);
    const pageout = readFileSync(
      new URL("../src/scenarios/presets/06-pageout-cow.vms", import.meta.url),
      "utf8",
    );
    await loadText(page, pageout);
    const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
    const out = steps[4]!.events.findIndex((e) => e.fn === "swap_putapage");
    expect(out).toBeGreaterThan(0);
    await seek(page, { step: 5, event: out });
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const link = page.url();
    await page.goto("about:blank");
    await page.goto(link);
    await settle(page);
    await expectShown(page, "Swap", "Swap");
    expect(await fingerProblems(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await shoot(page, "tablet-768x1024-dark");

    // a link from a desktop that enlarged the console opens on the console, until a tab is chosen
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect(page.locator(".app.compact")).toHaveCount(0);
    await page.getByRole("button", { name: "Enlarge Console" }).click();
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const enlarged = page.url();
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto("about:blank");
    await page.goto(enlarged);
    await settle(page);
    await expectShown(page, "Console", "Console");
    await tab(page, "Swap").click();
    await expectShown(page, "Swap", "Swap");
    await swipe(await page.context().newCDPSession(page), await centre(page, ".event-card"), 160);
    expect((await position(page)).event).toBe(out - 1);
    await swipe(await page.context().newCDPSession(page), await centre(page, ".event-card"), -160);
    await expectShown(page, "Swap", "Swap");

    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(page.locator(".app.compact:not(.side)")).toHaveCount(1);
    expect(await fingerProblems(page)).toEqual([]);
    await shoot(page, "tablet-1024x768-dark");
    await theme(page, "light");
    await shoot(page, "tablet-1024x768-light");
    await page.setViewportSize({ width: 768, height: 1024 });
    await shoot(page, "tablet-768x1024-light");

    // a lesson: its own tab, shown on opening, its way on at a finger's size
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    await page.getByRole("menuitemradio").first().click();
    await settle(page);
    await expectShown(page, "Lesson", "Lesson");
    expect(await fingerProblems(page)).toEqual([]);

    // predict mode: the question comes before step 5 of the default scenario, inside the screen
    await page.getByRole("button", { name: "Close lesson" }).click();
    await page.getByRole("tab", { name: "Scenario", exact: true }).click();
    await page.getByRole("combobox", { name: "Presets" }).selectOption("default");
    await settle(page);
    await seek(page, { step: 4, event: -1 });
    await page.getByRole("button", { name: "Predict", exact: true }).click();
    await page.getByRole("button", { name: "Next step", exact: true }).click();
    const card = page.getByRole("dialog", { name: "Predict" });
    await expect(card).toContainText("before step 5");
    const cb = (await card.boundingBox())!;
    expect(cb.x).toBeGreaterThanOrEqual(0);
    expect(cb.x + cb.width).toBeLessThanOrEqual(768);
    expect(cb.y + cb.height).toBeLessThanOrEqual(1024);
    await shoot(page, "tablet-predict-light");
    await card.getByRole("button", { name: "P2", exact: true }).click();
    await expect(card.getByRole("status")).toContainText("Right");
    expect((await position(page)).step).toBe(5);
  });
});
