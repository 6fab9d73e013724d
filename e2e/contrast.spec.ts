/**
 * Legible controls (issue 10): the text of every button and form control meets WCAG AA (4.5:1)
 * in every state — normal, hover, focus, active (pressed), disabled — in both themes. axe checks
 * only the state a page is in, so this measures each state itself: hover and active with the
 * real mouse, focus with the keyboard's focus ring showing, disabled by setting the attribute
 * (and aria-disabled) the app uses. Colours are composited through every ancestor's background
 * and opacity, as the screen shows them. The controls come from every place they appear: the
 * app, an operation form, a menu, the help, a notice with Undo, the failing-steps marker, and
 * predict mode's card.
 */
import { expect, open, settle, test, type Page } from "./fixtures";

const NEED = 4.5;

interface Measured {
  readonly key: string;
  readonly ratio: number;
  readonly fg: string;
  readonly bg: string;
}

/**
 * In the page: the contrast of element `el`'s text (or placeholder) over what is behind it. The
 * scenario editor draws its text in the layer under its (transparent) textarea: that is measured.
 */
function contrastOf(field: Element, placeholder: boolean): Measured {
  const el = field.classList.contains("editor-over") ? (field.previousElementSibling ?? field) : field;
  type C = [number, number, number, number];
  const parse = (s: string): C => {
    const m = /rgba?\(([^)]+)\)/.exec(s);
    if (!m) return [0, 0, 0, 0];
    const p = m[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
  };
  const over = (top: C, under: C): C => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as C;
  };
  const mix = (a: C, b: C, o: number): C => [0, 1, 2].map((i) => a[i]! * o + b[i]! * (1 - o)).concat(1) as C;
  const chain: Element[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
  // render one pixel through the chain: each node paints its background, its subtree is blended
  // with what is behind it by its opacity; the innermost paints the text (or nothing)
  const paint = (i: number, behind: C, text: C | null): C => {
    const cs = getComputedStyle(chain[i]!);
    const own = over(parse(cs.backgroundColor), behind);
    const inner = i === chain.length - 1 ? (text ? over(text, own) : own) : paint(i + 1, own, text);
    return mix(inner, behind, Number(cs.opacity));
  };
  const cs = getComputedStyle(el, placeholder ? "::placeholder" : null);
  const white: C = [255, 255, 255, 1];
  const fg = paint(0, white, parse(cs.color));
  const bg = paint(0, white, null);
  const lum = (c: C) => {
    const [r, g, b] = [0, 1, 2].map((i) => {
      const v = c[i]! / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  const name =
    el.getAttribute("aria-label") ||
    (el as HTMLElement).innerText?.trim().slice(0, 24) ||
    el.tagName.toLowerCase();
  const rgb = (c: C) => `rgb(${c.slice(0, 3).map(Math.round).join(",")})`;
  return {
    key: `${field.tagName.toLowerCase()} "${name}"${placeholder ? " placeholder" : ""}`,
    ratio: (l1! + 0.05) / (l2! + 0.05),
    fg: rgb(fg),
    bg: rgb(bg),
  };
}

const CONTROLS =
  'button, select, textarea, input:not([type="checkbox"]):not([type="range"]):not([type="radio"]), [role="menuitem"], [role="menuitemcheckbox"], a.btn';

declare global {
  interface Window {
    __contrast?: typeof contrastOf;
  }
}

interface Control {
  readonly i: number;
  readonly id: string;
  readonly button: boolean;
  readonly x: number;
  readonly y: number;
}

/**
 * Measure every visible control now on the page in every state; returns the failures. Controls
 * already measured (in an earlier scene) are skipped.
 */
async function measureAll(
  page: Page,
  scene: string,
  seen: Set<string>,
): Promise<{ n: number; bad: string[] }> {
  if (!(await page.evaluate(() => "__contrast" in window)))
    await page.evaluate(`window.__contrast = ${contrastOf.toString()}`);
  await page.mouse.move(2, 2);
  const controls: Control[] = await page.evaluate(
    ([sel, skip]) => {
      const out: Control[] = [];
      document.querySelectorAll(sel).forEach((el, i) => {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || cs.visibility === "hidden") return;
        const id = `${el.tagName}|${el.getAttribute("aria-label") ?? ""}|${(el as HTMLElement).innerText?.trim().slice(0, 30) ?? ""}|${el.className}`;
        if (skip.includes(id)) return;
        el.setAttribute("data-cx", String(i));
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const top = el.contains(document.elementFromPoint(x, y));
        const button =
          el.tagName === "BUTTON" || el.tagName === "A" || !!el.getAttribute("role")?.startsWith("menuitem");
        out.push({ i, id, button, x: top ? x : -1, y });
      });
      return out;
    },
    [CONTROLS, [...seen]] as const,
  );
  // every state but hover and active, in the page at once
  const still = await page.evaluate(
    (ids) => {
      const res: { i: number; state: string; m: Measured }[] = [];
      for (const i of ids) {
        const el = document.querySelector(`[data-cx="${i}"]`);
        if (!el) continue;
        const f = window.__contrast!;
        res.push({ i, state: "normal", m: f(el, false) });
        const field = el as HTMLInputElement;
        if ((el.tagName === "INPUT" || el.tagName === "TEXTAREA") && field.value === "" && field.placeholder)
          res.push({ i, state: "placeholder", m: f(el, true) });
        (el as HTMLElement).focus();
        res.push({ i, state: "focus", m: f(el, false) });
        (el as HTMLElement).blur();
        const attrs = el.tagName === "BUTTON" ? ["disabled", "aria-disabled"] : ["disabled"];
        for (const a of attrs) {
          const was = el.getAttribute(a);
          el.setAttribute(a, a === "disabled" ? "" : "true");
          res.push({ i, state: a, m: f(el, false) });
          if (was === null) el.removeAttribute(a);
          else el.setAttribute(a, was);
        }
      }
      return res;
    },
    controls.map((c) => c.i),
  );
  const bad: string[] = [];
  const record = (state: string, m: Measured) => {
    if (m.ratio < NEED)
      bad.push(`${scene} · ${m.key} · ${state}: ${m.ratio.toFixed(2)} (${m.fg} on ${m.bg})`);
  };
  for (const r of still) record(r.state, r.m);
  let n = still.length;
  // hover and active with the real mouse, where the control is on top
  const one = (i: number) =>
    page.evaluate((k) => {
      const el = document.querySelector(`[data-cx="${k}"]`);
      return el ? window.__contrast!(el, false) : null;
    }, i);
  for (const c of controls) {
    seen.add(c.id);
    if (c.x < 0) continue;
    await page.mouse.move(c.x, c.y);
    const h = await one(c.i);
    if (h) record("hover", h);
    if (c.button) {
      await page.mouse.down();
      const a = await one(c.i);
      if (a) record("active", a);
      // let go elsewhere: no click happens
      await page.mouse.move(2, 2);
      await page.mouse.up();
    }
    n += c.button ? 2 : 1;
  }
  await page.mouse.move(2, 2);
  return { n, bad };
}

const btn = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

for (const theme of ["light", "dark"] as const) {
  test(`every button and form control has text contrast ≥ 4.5:1 in every state (${theme})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    await open(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const seen = new Set<string>();
    let n = 0;
    const bad: string[] = [];
    const scene = async (name: string) => {
      const r = await measureAll(page, name, seen);
      n += r.n;
      bad.push(...r.bad);
    };
    await scene("the app");
    // a pressed toggle, an enlarged panel
    await btn(page, "Predict").click();
    await scene("predict on");
    await btn(page, "Previous step").click();
    await settle(page);
    await btn(page, "Next step").click();
    await expect(page.getByRole("dialog", { name: "Predict" })).toBeVisible();
    await scene("predict card");
    await btn(page, "Predict").click();
    // an operation form, with an error in it
    await btn(page, "mmap").click();
    await page
      .getByRole("dialog", { name: "mmap a new segment" })
      .getByRole("textbox", { name: "Size" })
      .fill("8q");
    await scene("the mmap form");
    await page.keyboard.press("Escape");
    // a menu
    const more = page.getByRole("button", { name: "More", exact: true });
    const lessons = page.getByRole("button", { name: "Lessons", exact: true });
    await ((await more.isVisible()) ? more : lessons).click();
    await scene("a menu");
    await page.keyboard.press("Escape");
    // an operation in the middle that breaks later steps: the notice with Undo, the marker
    await btn(page, "Jump to start").click();
    await btn(page, "Next step").click();
    await settle(page);
    await btn(page, "Exit").click();
    await settle(page);
    await expect(page.getByRole("alert").filter({ hasText: "now fail" })).toBeVisible();
    await scene("a notice with Undo, failing steps marked");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Enlarge Anon layer" }).click();
    await scene("presentation mode");
    await page.keyboard.press("Escape");
    await page.keyboard.press("?");
    await scene("the help");
    await page.keyboard.press("Escape");
    expect(n).toBeGreaterThan(250);
    expect(bad).toEqual([]);
  });
}
