/**
 * Issue 14: animated transitions between events, and Compare. An animated step ends in exactly
 * the DOM a step without animation shows (and quick key presses never queue); reduced motion
 * turns the animation off; Compare marks exactly the objects that differ between A and B, and a
 * link (and the embed) keeps it; a second scenario side by side steps with the first and says
 * where their kernel paths part. Screenshots mid-transition and of Compare in both themes at
 * 1366×768 and 1920×1080.
 */
import { bridgeState, expect, loadText, open, settle, shotPath, test, type Page } from "./fixtures";

/** The README's shots go to docs/screenshots with `npm run screenshots`; the rest to the test's output. */
const README = new Set(["motion-mid-light-1366.png", "compare-dark-1366.png", "side-by-side-1366.png"]);
const shot = (name: string): string => (README.has(name) ? shotPath(name) : test.info().outputPath(name));

const COW = `machine arch=x86 ram=16m swap=16m
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 write buf 0-3
P1 fork P2
P2 write buf 1`;

// the diagrams and the console (the narration's chip bar keeps its own scroll, which no transition touches)
const PANELS = ["address", "anon", "physical", "swap", "console"];

/** The panels' drawings as HTML: what an animated and a plain step must both end in. */
const drawn = (page: Page) =>
  page.evaluate(
    (ids) =>
      ids.map((id) => document.querySelector(`[data-panel="${id}"] .panel-body`)?.innerHTML ?? `no ${id}`),
    PANELS,
  );

/** Freeze every running transition at `ms` (a still of the middle of the motion). */
const freezeAt = (page: Page, ms: number) =>
  page.evaluate((t) => {
    const all = document.getAnimations();
    for (const a of all) {
      a.pause();
      a.currentTime = t;
    }
    return all.length;
  }, ms);

/**
 * The step's transitions: the finite animations. The busy sign's spinner (EngineStatus.tsx)
 * turns for as long as a request waits, so on a slow box it can be there after a step too.
 */
const transitions = (page: Page) =>
  page.evaluate(
    () => document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).length,
  );

const finish = (page: Page) =>
  page.evaluate(async () => {
    for (const a of document.getAnimations())
      if (a.effect?.getComputedTiming().endTime !== Infinity) a.finish();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });

const card = (page: Page) => page.getByRole("region", { name: "Narration" }).locator(".event-card");

async function stepTo(page: Page, fn: string): Promise<void> {
  for (let i = 0; i < 30 && (await card(page).getAttribute("data-fn")) !== fn; i++) {
    await page.keyboard.press("ArrowRight");
    await settle(page);
    await finish(page);
  }
  await expect(card(page)).toHaveAttribute("data-fn", fn);
}

async function theme(page: Page, t: "light" | "dark"): Promise<void> {
  const html = page.locator("html");
  if ((await html.getAttribute("data-theme")) !== t)
    await page.getByRole("button", { name: `Switch to ${t} theme` }).click();
  await expect(html).toHaveAttribute("data-theme", t);
}

test("an animated step ends in the state a plain one shows; quick presses never queue; reduced motion turns it off", async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: "no-preference", colorScheme: "light" });
  await page.goto("/");
  await settle(page);
  await loadText(page, COW, { step: 5, event: 0 });
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  await stepTo(page, "anon_decref");

  // the copy-on-write fault's anon_set_ptr: P2's slot re-pointed to its own anon, animated; a
  // still of its middle in each theme and size (the page's animation clock stopped first, so a
  // busy machine cannot end it before the checks)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Animation.enable");
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const t of ["light", "dark"] as const) {
      await theme(page, t);
      await cdp.send("Animation.setPlaybackRate", { playbackRate: 0 });
      await page.keyboard.press("ArrowRight");
      await settle(page);
      expect(await page.locator(".motion-ghosts .ghost-link").count()).toBe(1);
      expect(await freezeAt(page, 110)).toBeGreaterThan(0);
      await page.screenshot({ path: shot(`motion-mid-${t}-${w}.png`) });
      await cdp.send("Animation.setPlaybackRate", { playbackRate: 1 });
      await finish(page);
      if (w !== 1920 || t !== "dark") {
        await page.keyboard.press("ArrowLeft");
        await settle(page);
        await finish(page);
      }
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await theme(page, "light");
  await finish(page);
  // the ghosts are gone with the transition: nothing is left of it in the DOM
  await expect(page.locator(".motion-ghosts")).toHaveCount(0);
  const animated = await drawn(page);

  // three quick presses: one transition at a time, the last one's
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await settle(page);
  expect(await page.locator(".motion-ghosts").count()).toBeLessThanOrEqual(1);
  await finish(page);
  const back = await bridgeState(page);

  // the same positions without motion: no transition at all, the same DOM
  await page.emulateMedia({ reducedMotion: "reduce" });
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await settle(page);
  expect(await transitions(page)).toBe(0);
  await expect(page.locator(".motion-ghosts")).toHaveCount(0);
  expect(await drawn(page)).toEqual(animated);
  await page.emulateMedia({ reducedMotion: "no-preference" });
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await settle(page);
  await finish(page);
  const again = await drawn(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual(back.pos);
  expect(await drawn(page)).toEqual(again);
});

test("Compare marks exactly what differs between A and B, lists it, and a link and the embed keep it", async ({
  page,
  context,
}) => {
  await open(page);
  await loadText(page, COW, { step: 5, event: 3 });
  const narration = page.getByRole("region", { name: "Narration" });
  await narration.getByRole("button", { name: "Compare", exact: true }).click();
  await settle(page);
  // the shortcut: A before this step, B after it
  const view = narration.getByRole("region", { name: "Compare" });
  await expect(view.getByRole("combobox", { name: "Moment A" })).toHaveValue("4.-1");
  await expect(view.getByRole("combobox", { name: "Moment B" })).toHaveValue("5.-1");
  // each picker shows its moment whole (a cap once cut "P2 write buf 1" to "P2 write bu")
  const clipped = await view.locator("select").evaluateAll(
    (sels) =>
      (sels as HTMLSelectElement[]).filter((s) => {
        const probe = document.createElement("span");
        probe.style.font = getComputedStyle(s).font;
        probe.style.whiteSpace = "pre";
        probe.textContent = s.selectedOptions[0]?.textContent ?? "";
        document.body.append(probe);
        const need = probe.getBoundingClientRect().width;
        probe.remove();
        // room for the text: the box less its padding and the drop-down arrow (about 1 em)
        const cs = getComputedStyle(s);
        const room =
          s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - parseFloat(cs.fontSize);
        return need > room + 0.5;
      }).length,
  );
  expect(clipped).toBe(0);
  const items = view.getByRole("listitem");
  await expect(items.filter({ hasText: /^P2 buf\[1\] → anon:\d+ \(was anon:\d+\)$/ })).toHaveCount(1);
  const [, fresh, old] = /anon:(\d+) \(was anon:(\d+)\)/.exec(
    (await items
      .filter({ hasText: /^P2 buf\[1\]/ })
      .first()
      .textContent())!,
  )!;
  const frame = /^pp:(\d+) /.exec((await items.filter({ hasText: / created in frame / }).textContent())!)![1];

  // every panel shows B with exactly the differences from A marked
  const marked = (sel: string, attr: string) =>
    page.locator(`${sel}.chg`).evaluateAll((els, a) => els.map((e) => e.getAttribute(a)).sort(), attr);
  await expect
    .poll(() => marked("[data-panel='anon'] g[data-anon-box]", "data-anon-box"))
    .toEqual([`anon:${fresh}`, `anon:${old}`].sort());
  expect(await marked("[data-panel='anon'] g[data-slot]", "data-link")).toEqual([
    expect.stringMatching(/^page:P2\/buf@0\/1$/),
  ]);
  expect(await marked("[data-panel='physical'] g[data-frame]", "data-frame")).toEqual([`pp:${frame}`]);
  expect(await marked("[data-panel='swap'] .fig", "data-fig")).toEqual(["allocated", "reserved"]);
  await expect(page.locator("[data-panel='console'] mark.cell-chg")).not.toHaveCount(0);
  // the marks' colour differs from everything else drawn there
  const chg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--chg"));
  expect(chg.trim()).toMatch(/^#/);
  const fonts = await items.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(Math.min(...fonts)).toBeGreaterThanOrEqual(12);

  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const t of ["light", "dark"] as const) {
      await theme(page, t);
      await page.screenshot({ path: shot(`compare-${t}-${w}.png`) });
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // A back to the start: P2's creation is among the differences now
  await view.getByRole("combobox", { name: "Moment A" }).selectOption("0.-1");
  await expect(items.filter({ hasText: /^P2 created \(pid \d+\)$/ })).toHaveCount(1);
  await expect.poll(() => marked("[data-panel='anon'] g[data-anon-box]", "data-anon-box")).toHaveLength(5);
  await view.getByRole("combobox", { name: "Moment A" }).selectOption("4.-1");
  await expect(items.filter({ hasText: /^P2 created/ })).toHaveCount(0);

  // the link carries A; the embed opens in Compare with the same marks
  // (once the debounced rewrite has caught up with the last choice of A)
  const viewOf = (u: string): string =>
    Buffer.from(u.slice(u.lastIndexOf(".") + 1), "base64url").toString("utf8");
  await expect.poll(() => page.url()).toMatch(/#v2\.5\.\d+\..*\.ey/);
  await expect.poll(() => viewOf(page.url())).toContain('"c":[4,-1]');
  const url = page.url();
  const embed = await context.newPage();
  await embed.emulateMedia({ reducedMotion: "reduce" });
  await embed.goto(url.replace("/#", "/?embed#"));
  await settle(embed);
  const ev = embed.getByRole("region", { name: "Compare" });
  await expect(ev.getByRole("combobox", { name: "Moment A" })).toHaveValue("4.-1");
  await expect
    .poll(() =>
      embed
        .locator("[data-panel='anon'] g[data-anon-box].chg")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-anon-box")).sort()),
    )
    .toEqual([`anon:${fresh}`, `anon:${old}`].sort());

  // leaving Compare takes the marks away
  await narration.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(view).toHaveCount(0);
  await expect(page.locator(".chg")).toHaveCount(0);

  // two scenarios side by side: the preset pair, MAP_PRIVATE here and MAP_SHARED beside it
  await page.getByRole("combobox", { name: "Presets" }).selectOption("private-or-shared");
  await settle(page);
  const beside = page.getByRole("region", { name: "Side by side", exact: true });
  await expect(beside).toContainText("B: the same steps, MAP_SHARED");
  await expect(narration.getByRole("button", { name: "Side by side", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  // where the kernel paths part: at the mmap (MAP_SHARED gets its anon_map there)
  const part = beside.locator("[data-diverge]");
  await expect(part).toHaveAttribute("data-diverge", "2");
  await expect(part).toContainText("B calls anonmap_alloc, this run does not.");
  await part.getByRole("button", { name: "Go there" }).click();
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 2, event: -1 });
  await expect(part).toContainText("Here the kernel paths part");
  // stepped together to after P2's write: a copy here, the one page there
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowRight");
  await settle(page);
  const anonOf = (root: string, proc: string) =>
    page.locator(`${root} g[data-slot][data-proc="${proc}"][data-page="0"]`).getAttribute("data-anon");
  await expect(beside.locator(".panel-head")).toContainText("step 5 · hat_memload");
  await expect.poll(() => anonOf("[data-panel='address'] .pair-diagram", "P2")).toMatch(/^anon:\d+$/);
  expect(await anonOf("[data-panel='address'] .pair-diagram", "P2")).toBe(
    await anonOf("[data-panel='address'] .pair-diagram", "P1"),
  );
  expect(await anonOf("[data-panel='anon']", "P2")).not.toBe(await anonOf("[data-panel='anon']", "P1"));
  await page.screenshot({ path: shot("side-by-side-1366.png") });
  await beside.getByRole("button", { name: "Close the second scenario" }).click();
  await expect(page.getByRole("region", { name: "Address spaces" })).toBeVisible();
});

test("Side by side opens any second scenario (a preset, one's own), and a link reopens it", async ({
  page,
  context,
}) => {
  await open(page);
  await loadText(page, COW, { step: 2, event: -1 });
  const narration = page.getByRole("region", { name: "Narration" });
  await narration.getByRole("button", { name: "Side by side", exact: true }).click();
  const picker = page.getByRole("dialog", { name: "Open a second scenario beside this one" });
  // a preset beside one's own scenario: B is named by the preset's title
  const choice = picker.getByRole("combobox", { name: "Preset to open beside" });
  await choice.selectOption("fork-cow");
  const title = (await choice.locator("option:checked").textContent())!.trim();
  await page.screenshot({ path: shot("beside-picker-1366.png") });
  await picker.getByRole("button", { name: "Open the preset beside" }).click();
  await expect(picker).toHaveCount(0);
  const beside = page.getByRole("region", { name: "Side by side", exact: true });
  await expect(beside).toContainText(`B: preset “${title}” · step 2`);
  await expect(beside.locator(".pair-diagram")).toBeVisible();

  // the link carries B: a fresh tab opens both, at the same step
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v2\./);
  const hash = await page.evaluate(() => location.hash);
  const other = await context.newPage();
  await open(other, hash);
  const again = other.getByRole("region", { name: "Side by side", exact: true });
  await expect(again).toContainText(`B: preset “${title}” · step 2`);
  expect((await bridgeState(other)).pos).toEqual({ step: 2, event: -1 });
  // and so does the embed
  const embed = await context.newPage();
  await open(embed, `?embed${hash}`);
  await expect(embed.getByRole("region", { name: "Side by side", exact: true })).toContainText(
    `B: preset “${title}” · step 2`,
  );
  await embed.close();

  // one's own text, with a mistake: B says where, and the link keeps the text to fix
  await again.getByRole("button", { name: "Close the second scenario" }).click();
  await expect(other.getByRole("region", { name: "Address spaces" })).toBeVisible();
  await expect.poll(() => other.evaluate(() => location.hash)).toMatch(/^#v1\./);
  await other
    .getByRole("region", { name: "Narration" })
    .getByRole("button", { name: "Side by side" })
    .click();
  const own = other.getByRole("dialog", { name: "Open a second scenario beside this one" });
  await expect(own.getByRole("textbox")).toHaveValue(COW);
  await own.getByRole("textbox").fill(`${COW}\nP1 frobnicate buf`);
  await own.getByRole("button", { name: "Open this beside" }).click();
  await expect(again).toContainText("B: a scenario of your own");
  await expect(again).toContainText("B does not run: line 7");
  await expect.poll(() => other.evaluate(() => location.hash)).toMatch(/^#v2\./);
  await other.reload();
  await settle(other);
  await expect(again).toContainText("B does not run: line 7");
  await other.close();
});

test("a big state, drawn as density, is not animated; the same steps in a small one are", async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.goto("/");
  await settle(page);
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  // the page's animation clock stopped: a transition started by a step is still there to count
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Animation.enable");
  await cdp.send("Animation.setPlaybackRate", { playbackRate: 0 });
  const started = async (text: string): Promise<number> => {
    await loadText(page, text, { step: 3, event: -1 });
    let most = 0;
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("ArrowRight");
      await settle(page);
      most = Math.max(most, await transitions(page));
      await finish(page);
    }
    return most;
  };
  const scenario = (pages: number) =>
    `spawn P1 empty\nP1 mmap buf /dev/zero ${pages} rw private\nP1 write buf 0-${pages - 1}\nP1 fork P2\nP2 write buf 1\n`;
  // 4 pages: the fork and the copy-on-write fault move slots and arrows
  expect(await started(scenario(4))).toBeGreaterThan(0);
  // 60,000 pages (past state/bigState.ts's 50,000): the same events, nothing animated
  expect(await started(scenario(60_000))).toBe(0);
  await cdp.send("Animation.setPlaybackRate", { playbackRate: 1 });
});
