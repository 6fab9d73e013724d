/**
 * The classroom loop (issue 10), in both themes: an operation goes right after the step on
 * screen and later steps run again (new failures marked); the target moves only when the user
 * moves it; forms check their statement with the parser before anything runs; Undo and Redo
 * bring back text and position; presets and predict mode open at their start.
 */
import { bridgeState, expect, open, seek, settle, test, type Page } from "./fixtures";

const THEMES = ["light", "dark"] as const;
const btn = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
const statements = (text: string) => text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
const target = (page: Page) => page.getByRole("group", { name: "Target of the operations" });
const top = (page: Page, name: "Undo" | "Redo") =>
  page.getByRole("group", { name: "Undo and Redo" }).getByRole("button", { name, exact: true });

async function themed(page: Page, theme: (typeof THEMES)[number], hash = ""): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await open(page, hash);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

async function toStep(page: Page, step: number): Promise<void> {
  await btn(page, "Jump to start").click();
  for (let i = 0; i < step; i++) await btn(page, "Next step").click();
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step, event: -1 });
}

// Each test runs in one theme, the themes alternating, so both themes are driven without running
// every test twice (contrast in every state has its own test: e2e/contrast.spec.ts).
const once = (theme: (typeof THEMES)[number], k: number): boolean => THEMES[k % 2] === theme;

for (const theme of THEMES) {
  if (once(theme, 0))
    test(`an operation made at step 3 lands after step 3; later steps run again, new failures marked (${theme})`, async ({
      page,
    }) => {
      await themed(page, theme);
      await toStep(page, 3);
      await btn(page, "Fork").click();
      await settle(page);
      const st = await bridgeState(page);
      // the child's name is free in the whole scenario (P2 is forked later), and the view is on it
      expect(statements(st.text).slice(0, 5)).toEqual([
        "spawn P1",
        "P1 mmap buf /dev/zero 4 rw private",
        "P1 write buf 0-3",
        "P1 fork P3",
        "P1 fork P2",
      ]);
      expect(st.pos).toEqual({ step: 4, event: -1 });
      expect(st.steps).toBe(8);
      await expect(page.getByRole("status")).toContainText(
        "“P1 fork P3” went in after step 3, as step 4; the 4 steps after it ran again.",
      );
      // at the end of the new step: its last event
      await expect(page.getByTestId("position")).toHaveText(/^step 4\/8 · event (\d+)\/\1$/);

      // an exit right after spawn breaks everything P1 does later: marked, and Undo takes it back
      await toStep(page, 1);
      const before = (await bridgeState(page)).text;
      await btn(page, "Exit").click();
      await settle(page);
      const alert = page.getByRole("alert").filter({ hasText: "now fail" });
      await expect(alert).toContainText("“P1 exit” went in after step 1, as step 2");
      await expect(alert).toContainText("marked in the editor and on the timeline");
      const goTo = page.getByRole("button", { name: /steps now fail \(steps 3, 4/ });
      await expect(goTo).toBeVisible();
      await expect(page.locator(".timeline-marks i")).not.toHaveCount(0);
      const marked = await page.locator(".editor-under .broke").allTextContents();
      expect(marked[0]).toBe("P1 mmap buf /dev/zero 4 rw private");
      // the target stays on P1, which is gone: its buttons say why
      await expect(target(page).getByRole("combobox", { name: "Process" })).toHaveValue("P1");
      await expect(btn(page, "Write")).toBeDisabled();
      await expect(btn(page, "Write")).toHaveAccessibleDescription(
        "P1 has exited at this step (step 2: P1 exit).",
      );
      await goTo.click();
      await settle(page);
      expect((await bridgeState(page)).pos).toEqual({ step: 3, event: -1 });
      await alert.getByRole("button", { name: "Undo “P1 exit”" }).click();
      await settle(page);
      expect(await bridgeState(page)).toMatchObject({ text: before, pos: { step: 1, event: -1 } });
      await expect(page.locator(".editor-under .broke")).toHaveCount(0);
      await expect(goTo).toBeHidden();
    });

  if (once(theme, 1))
    test(`the target stays through stepping, playing and operations (${theme})`, async ({ page }) => {
      await themed(page, theme);
      const proc = target(page).getByRole("combobox", { name: "Process" });
      const seg = target(page).getByRole("combobox", { name: "Segment" });
      await proc.selectOption("P2");
      await expect(seg).toHaveValue("buf@0");
      // before the fork, P2 does not exist: the buttons that need it say so
      await btn(page, "Jump to start").click();
      await settle(page);
      await expect(proc).toHaveValue("P2");
      for (const name of ["Write", "Read", "Fork", "Exit", "munmap", "pageout"]) {
        await expect(btn(page, name)).toBeDisabled();
      }
      await expect(btn(page, "Write")).toHaveAccessibleDescription(
        "P2 does not exist yet at this step: step 4 (P1 fork P2) creates it.",
      );
      await expect(btn(page, "Spawn")).toBeEnabled();
      // every kernel event of every step: the boxes never move
      const steps = (await bridgeState(page)).steps;
      const seen: string[] = [];
      for (let i = 0; i < 200 && (await btn(page, "Step forward").isEnabled()); i++) {
        await page.keyboard.press("ArrowRight");
        await settle(page);
        const now = await page.evaluate(() => {
          const value = (name: string) =>
            (document.querySelector(`select[aria-label="${name}"]`) as HTMLSelectElement).value;
          const sub = document.querySelector('[data-panel="anon"] .panel-head .sub')?.textContent ?? "";
          return { ...window.__anonscope!.state().pos, proc: value("Process"), seg: value("Segment"), sub };
        });
        seen.push(`${now.step}.${now.event}`);
        expect(now, `at step ${now.step} event ${now.event}`).toMatchObject({ proc: "P2", seg: "buf@0" });
        // once buf is mapped, the Anon layer shows it, whatever the events are about
        if (now.step >= 3) expect(now.sub).toMatch(/^buf /);
      }
      expect(seen.length).toBeGreaterThan(40);
      expect((await bridgeState(page)).pos).toEqual({ step: steps, event: -1 });
      // playing the last steps
      await seek(page, { step: steps - 2, event: -1 });
      await page.getByRole("combobox", { name: "Speed" }).selectOption("8");
      await btn(page, "Play").click();
      await expect
        .poll(async () => (await bridgeState(page)).pos, { timeout: 30_000 })
        .toEqual({
          step: steps,
          event: -1,
        });
      await expect(proc).toHaveValue("P2");
      await expect(btn(page, "Write")).toBeEnabled();
      // operations: the target is where the user put it, before and after each
      for (const [name, line] of [
        ["Write", "P2 write buf 0-3"],
        ["Fork", "P2 fork P3"],
        ["Read", "P2 read buf 0-3"],
      ] as const) {
        await btn(page, name).click();
        await settle(page);
        expect(statements((await bridgeState(page)).text).at(-1)).toBe(line);
        await expect(proc).toHaveValue("P2");
        await expect(seg).toHaveValue("buf@0");
      }
      // a click in a diagram is the user choosing: P1's slot 2
      await page.locator('[data-slot][data-proc="P1"][data-page="2"]').first().click();
      await expect(proc).toHaveValue("P1");
      await expect(target(page).getByRole("textbox", { name: "Pages" })).toHaveValue("2");
    });

  if (once(theme, 2))
    test(`forms check their statement before anything runs: "abc" in Pages adds nothing (${theme})`, async ({
      page,
    }) => {
      await themed(page, theme);
      const before = await bridgeState(page);
      const pages = target(page).getByRole("textbox", { name: "Pages" });
      await pages.fill("abc");
      await expect(page.getByRole("alert").filter({ hasText: "Pages:" })).toContainText(
        'Pages: Expected a page A or range A-B, got "abc"',
      );
      await expect(pages).toHaveAttribute("aria-invalid", "true");
      for (const name of ["Write", "Read", "munmap", "pageout", "mprotect"])
        await expect(btn(page, name)).toBeDisabled();
      await expect(btn(page, "Write")).toHaveAccessibleDescription(/^Pages: Expected a page A or range A-B/);
      await btn(page, "Write").click({ force: true });
      await page.keyboard.press("Control+End");
      await settle(page);
      expect(await bridgeState(page)).toMatchObject({ text: before.text, steps: before.steps });
      // the language's other forms are accepted: a range, a single page
      await pages.fill("1-2");
      await expect(btn(page, "Write")).toBeEnabled();
      await pages.fill("3-1");
      await expect(page.getByRole("alert").filter({ hasText: "Pages:" })).toContainText("runs backwards");
      await pages.fill("");

      // mmap: sizes take the language's units; a bad one disables "Map it" and says why
      await btn(page, "mmap").click();
      const form = page.getByRole("dialog", { name: "mmap a new segment" });
      await expect(form.getByRole("textbox", { name: "Segment name" })).toHaveValue("buf2");
      const size = form.getByRole("textbox", { name: "Size" });
      await size.fill("8q");
      await expect(form.getByRole("button", { name: "Map it" })).toBeDisabled();
      await expect(form.getByRole("alert")).toContainText('Size: Expected SIZE, got "8q": unknown unit "q"');
      await expect(size).toHaveAttribute("aria-invalid", "true");
      await form.getByRole("textbox", { name: "Segment name" }).fill("9x");
      await size.fill("8k");
      await expect(form.getByRole("alert")).toContainText("Name: ");
      await form.getByRole("textbox", { name: "Segment name" }).fill("big");
      await expect(form.getByLabel("Statement to add")).toHaveText("P1 mmap big /dev/zero 8k rw private");
      await expect(form).toContainText("adds step 8, at the end:");
      await expect(form.getByRole("button", { name: "Map it" })).toBeEnabled();
      await form.getByRole("button", { name: "Cancel" }).click();
      await btn(page, "sbrk").click();
      const sbrk = page.getByRole("dialog", { name: "Grow the heap" });
      await sbrk.getByRole("textbox", { name: "Size" }).fill("0");
      await expect(sbrk.getByRole("button", { name: "sbrk" })).toBeDisabled();
      await expect(sbrk.getByRole("alert")).toContainText("Size: SIZE must be at least 1 page");
      await sbrk.getByRole("textbox", { name: "Size" }).press("Escape");
      await expect(sbrk).toBeHidden();
      expect((await bridgeState(page)).text).toBe(before.text);
    });

  if (once(theme, 3))
    test(`Undo and Redo round-trip the text and the position; the work survives a reload (${theme})`, async ({
      page,
    }) => {
      await themed(page, theme);
      await toStep(page, 2);
      const t0 = (await bridgeState(page)).text;
      await btn(page, "Write").click();
      await settle(page);
      const t1 = await bridgeState(page);
      expect(t1.pos).toEqual({ step: 3, event: -1 });
      expect(statements(t1.text)[2]).toBe("P1 write buf 0-3");
      const at = async (text: string, step: number) => {
        await settle(page);
        await expect.poll(async () => (await bridgeState(page)).text).toBe(text);
        expect((await bridgeState(page)).pos).toEqual({ step, event: -1 });
      };
      await top(page, "Undo").click();
      await at(t0, 2);
      await top(page, "Redo").click();
      await at(t1.text, 3);
      await page.keyboard.press("Control+z");
      await at(t0, 2);
      await page.keyboard.press("Control+Shift+z");
      await at(t1.text, 3);
      await page.keyboard.press("Control+z");
      await page.keyboard.press("Control+y");
      await at(t1.text, 3);

      // a destructive operation says what it did, with Undo, instead of asking first (here the
      // steps after it that use buf now fail, so it is an alert); Esc closes it
      await btn(page, "munmap").click();
      await settle(page);
      const said = page.getByRole("alert").filter({ hasText: "P1 munmap buf" });
      await expect(said).toContainText("“P1 munmap buf” went in after step 3, as step 4");
      await expect(said.getByRole("button", { name: "Undo “P1 munmap buf”" })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(said).toBeHidden();
      const t2 = await bridgeState(page);

      // an edit in the editor is a change like any other
      const editor = page.getByRole("textbox", { name: "Scenario text" });
      await editor.click();
      await page.keyboard.press("Control+End");
      await page.keyboard.type("\nP2 exit");
      await expect.poll(async () => statements((await bridgeState(page)).text).at(-1)).toBe("P2 exit");
      await settle(page);
      await page.keyboard.press("Control+z");
      await settle(page);
      expect((await bridgeState(page)).text).toBe(t2.text);

      // a reload brings the working scenario back, at its step
      await page.reload();
      await settle(page);
      expect(await bridgeState(page)).toMatchObject({ text: t2.text, pos: t2.pos });
      // a preset replaces it; Undo brings it back
      await page.getByRole("combobox", { name: "Presets" }).selectOption("fork-cow");
      await settle(page);
      expect((await bridgeState(page)).text).not.toBe(t2.text);
      await top(page, "Undo").click();
      await settle(page);
      expect(await bridgeState(page)).toMatchObject({ text: t2.text, pos: t2.pos });
    });

  if (once(theme, 4))
    test(`presets and predict mode open at their start; notices fade and close on Esc (${theme})`, async ({
      page,
    }) => {
      await themed(page, theme);
      const presets = page.getByRole("combobox", { name: "Presets" });
      for (const id of ["pageout-cow", "three-generations"]) {
        await presets.selectOption(id);
        await settle(page);
        expect((await bridgeState(page)).pos).toEqual({ step: 0, event: -1 });
        await expect(page.getByTestId("position")).toHaveText(/^start · \d+ steps$/);
      }
      // a preset whose idea needs a state already built opens where its header says
      await presets.selectOption("out-of-swap");
      await settle(page);
      expect((await bridgeState(page)).pos).toEqual({ step: 3, event: -1 });

      // "Link copied" goes away by itself
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await btn(page, "Share").click();
      const copied = page.getByRole("status").filter({ hasText: "Link copied" });
      await expect(copied).toBeVisible();
      await expect(copied).toBeHidden({ timeout: 10_000 });

      // predict mode opens before the first step, and the first move asks
      await page.goto("/?mode=predict");
      await settle(page);
      expect((await bridgeState(page)).pos).toEqual({ step: 0, event: -1 });
      await btn(page, "Step forward").click();
      await expect(page.getByRole("dialog", { name: "Predict" })).toContainText("before step 1");
    });
}

test("the 1 GB preset opens after its heap is written; stepping through fork keeps the heap in the Anon layer", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await open(page);
  await page.getByRole("combobox", { name: "Presets" }).selectOption("large-fork");
  await settle(page);
  expect((await bridgeState(page)).pos).toEqual({ step: 3, event: -1 });
  const sub = page.getByRole("region", { name: "Anon layer" }).locator(".panel-head .sub");
  await expect(sub).toContainText("heap");
  await expect(target(page).getByRole("combobox", { name: "Segment" })).toHaveValue("heap@0");
  // every event of the fork (it duplicates the stack and the other segments too)
  for (let i = 0; i < 80 && (await bridgeState(page)).pos.step < 5; i++) {
    await page.keyboard.press("ArrowRight");
    await settle(page);
    await expect(sub).toContainText("heap");
  }
  expect((await bridgeState(page)).pos.step).toBe(5);
});
