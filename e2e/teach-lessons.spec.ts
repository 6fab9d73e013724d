/**
 * Teaching, part 2: the lessons. Each one opens from the Lessons menu with its own scenario at
 * the start, shows its prose with real links, and its "watch for" notes at their steps while the
 * student steps through to the end.
 */
import { bridgeState, expect, open, settle, test } from "./fixtures";

test("every lesson opens, shows its prose and links, and steps through with its notes", async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  await page.getByRole("button", { name: "Lessons", exact: true }).click();
  const items = page.getByRole("menuitemradio");
  const titles = await items.allTextContents();
  expect(titles.length).toBe(6);
  await page.keyboard.press("Escape");

  for (let i = 0; i < titles.length; i++) {
    const title = titles[i]!;
    const n = i + 1;
    if (i === 0) {
      await page.getByRole("button", { name: "Lessons", exact: true }).click();
      await page.getByRole("menuitemradio", { name: title, exact: true }).click();
    } else {
      await page.getByRole("button", { name: "Next lesson →" }).click();
    }
    await settle(page);
    const lesson = page.getByRole("region", { name: "Lesson" });
    await expect(lesson.getByRole("heading", { level: 2 })).toHaveText(`Lesson ${n} of 6`);
    await expect(lesson.getByRole("heading", { level: 3 })).toHaveText(title.replace(/^\d+\. /, ""));
    expect(new URL(page.url()).searchParams.get("lesson")).toBeTruthy();
    // the lesson's scenario, at its start
    const st = await bridgeState(page);
    expect(st.pos).toEqual({ step: 0, event: -1 });
    expect(st.steps).toBeGreaterThan(2);
    // prose: real links to the illumos source, opened apart
    const links = lesson.locator(".lesson-body p a");
    expect(await links.count()).toBeGreaterThan(2);
    for (const a of await links.all()) {
      await expect(a).toHaveAttribute("href", /^https:\/\/src\.illumos\.org\//);
      await expect(a).toHaveAttribute("rel", "noopener noreferrer");
    }
    await expect(lesson.locator(".lesson-body")).not.toContainText("](");
    // the watch-for notes, by step
    const notes = new Map<number, string>();
    for (const li of await lesson.locator(".lesson-watch li").all()) {
      const text = (await li.textContent())!;
      const step = Number(/^step (\d+)/.exec(text)![1]);
      notes.set(step, text);
    }
    expect(notes.size).toBeGreaterThan(1);
    // step through to the end
    const next = page.getByRole("button", { name: "Next step", exact: true });
    for (let s = 1; s <= st.steps; s++) {
      await next.click();
      await settle(page);
      expect((await bridgeState(page)).pos).toEqual({ step: s, event: -1 });
      const now = lesson.locator(".lesson-now");
      if (notes.has(s)) {
        await expect(now).toContainText(`Watch for, step ${s}:`);
        await expect(lesson.locator('.lesson-watch li[aria-current="step"]')).toHaveCount(1);
      } else {
        await expect(now).not.toContainText("Watch for");
      }
    }
    await expect(next).toBeDisabled();
    // a note's step button goes there
    const [first] = [...notes.keys()];
    await lesson.getByRole("button", { name: `Go to step ${first}` }).click();
    await settle(page);
    expect((await bridgeState(page)).pos).toEqual({ step: first, event: -1 });
  }
  await expect(page.getByRole("button", { name: "Next lesson →" })).toBeDisabled();

  // closing the lesson gives the scenario editor back
  await page.getByRole("button", { name: "Close lesson" }).click();
  await expect(page.getByRole("region", { name: "Lesson" })).toBeHidden();
  await expect(page.getByRole("region", { name: "Scenario" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("lesson")).toBeNull();
});

test("a link with ?lesson opens that lesson; Previous goes back one", async ({ page }) => {
  await page.goto("/?lesson=swap");
  await settle(page);
  const lesson = page.getByRole("region", { name: "Lesson" });
  await expect(lesson.getByRole("heading", { level: 2 })).toHaveText("Lesson 6 of 6");
  expect((await bridgeState(page)).pos).toEqual({ step: 0, event: -1 });
  await page.getByRole("button", { name: "← Previous lesson" }).click();
  await settle(page);
  await expect(lesson.getByRole("heading", { level: 2 })).toHaveText("Lesson 5 of 6");
  expect(new URL(page.url()).searchParams.get("lesson")).toBe("fork-cow");
  // editing the scenario away from the lesson's says so, and one click brings it back
  const text = (await bridgeState(page)).text;
  await page.evaluate((t) => window.__anonscope!.load(`${t}P1 exit\n`), text);
  await settle(page);
  await expect(lesson).toContainText("not this lesson's any more");
  await lesson.getByRole("button", { name: "Reload the lesson" }).click();
  await settle(page);
  expect((await bridgeState(page)).text).toBe(text);
  await expect(lesson).not.toContainText("not this lesson's any more");
});
