/**
 * Accessibility (issue #4): axe finds nothing on any panel, in both themes, with the help open
 * and in presentation mode; the keyboard reaches every control and focus always shows; the
 * diagrams can be walked with the arrow keys and read out; and the diagrams' own text (SVG,
 * which axe does not check) meets WCAG AA contrast in both themes, on every preset.
 *
 * axe-core is injected through the DevTools protocol (page.evaluate): the app's
 * Content-Security-Policy would rightly refuse it as a script tag.
 */
import { readFileSync } from "node:fs";
import { REGIONS, bridgeState, expect, loadText, open, seek, settle, test, type Page } from "./fixtures";

const AXE = readFileSync(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}
declare global {
  interface Window {
    axe?: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> };
  }
}

/** axe's violations on the page as it is, one line each (empty when it is clean). */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe!.run(document, { resultTypes: ["violations"] });
    return r.violations;
  });
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  );
}

async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  const other = theme === "dark" ? "light" : "dark";
  const toggle = page.getByRole("button", { name: `Switch to ${theme} theme` });
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.getByRole("button", { name: `Switch to ${other} theme` })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

const PANELS = REGIONS;

for (const theme of ["light", "dark"] as const) {
  test(`axe: no violations on every panel (${theme}), with the help open, in presentation mode`, async ({
    page,
  }) => {
    await open(page);
    await setTheme(page, theme);
    expect(await axe(page), "the default scenario").toEqual([]);

    // mid copy-on-write fault, with an object selected
    await seek(page, { step: 7, event: 2 });
    await page.locator("[data-anon-box]").first().click();
    expect(await axe(page), "mid-step, an anon selected").toEqual([]);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    expect(await axe(page), "the help overlay").toEqual([]);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);

    for (const name of PANELS) {
      await page.getByRole("button", { name: `Enlarge ${name}` }).click();
      await expect(page.getByRole("button", { name: "Leave presentation mode" })).toBeVisible();
      expect(await axe(page), `presentation mode: ${name}`).toEqual([]);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("button", { name: "Leave presentation mode" })).toHaveCount(0);
    }

    // a preset with file pages and swap, and a message and a parse error on screen
    const presets = page.getByRole("combobox", { name: "Presets" });
    for (const id of ["pageout-cow", "shared-file", "out-of-swap", "large-fork"]) {
      await presets.selectOption(id);
      await settle(page);
      expect(await axe(page), `preset ${id}`).toEqual([]);
    }
    await open(page, "#v1.0.0.damaged");
    await loadText(page, "spawn P1\nP1 frobnicate\n");
    await expect(page.locator(".notice")).toBeVisible();
    await expect(page.getByRole("region", { name: "Scenario" }).getByRole("alert")).toBeVisible();
    expect(await axe(page), "a bad link's message and a parse error").toEqual([]);
  });
}

test("the keyboard reaches every control, and focus always shows", async ({ page }) => {
  await open(page);
  // each control named by a mark of its own: its markup can change once focused (the presets
  // menu loads its ideas on focus), which made a control reached look like one never reached
  const tabbable = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, select, textarea, input, a[href], [tabindex]")]
      .filter((e) => !(e as HTMLButtonElement).disabled && e.tabIndex >= 0 && e.getClientRects().length > 0)
      .map((e, i) => {
        e.dataset.tabProbe = String(i);
        return `${i} ${e.outerHTML.slice(0, 120)}`;
      }),
  );
  expect(tabbable.length).toBeGreaterThan(30);
  const reached: string[] = [];
  const unseen: string[] = [];
  for (let i = 0; i < tabbable.length + 5; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const cs = getComputedStyle(e);
      const ring = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2;
      return {
        html: `${e.dataset.tabProbe ?? "?"} ${e.outerHTML.slice(0, 120)}`,
        ring: ring || cs.boxShadow !== "none",
      };
    });
    if (!f) continue;
    if (reached.some((r) => r.split(" ")[0] === f.html.split(" ")[0] && !r.startsWith("?"))) break;
    reached.push(f.html);
    if (!f.ring) unseen.push(f.html);
  }
  const ids = new Set(reached.map((r) => r.split(" ")[0]));
  expect(
    tabbable.filter((t) => !ids.has(t.split(" ")[0])),
    "controls Tab never reaches",
  ).toEqual([]);
  expect(unseen, "focused controls without a visible focus ring").toEqual([]);
});

test("a diagram can be walked with the arrow keys, and the object is read out", async ({ page }) => {
  await open(page);
  const live = page.getByRole("region", { name: "Anon layer" }).locator("[aria-live]");
  const body = page.getByRole("group", { name: /^Anon layer: the arrow keys move between its objects/ });
  await body.focus();
  await page.keyboard.press("ArrowRight");
  const first = await page.evaluate(
    () => document.activeElement?.querySelector(":scope > title")?.textContent,
  );
  expect(first).toBeTruthy();
  await expect(live).toHaveText(`${first!.replace(/\s+/g, " ").trim()}. Enter selects it.`);
  // not the timeline: the position stays
  const pos = (await bridgeState(page)).pos;
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  expect((await bridgeState(page)).pos).toEqual(pos);
  const focused = await page.evaluate(() => {
    const e = document.activeElement!;
    const cs = getComputedStyle(e);
    return { title: e.querySelector(":scope > title")?.textContent ?? "", ring: cs.outlineStyle !== "none" };
  });
  expect(focused.ring).toBe(true);
  await page.keyboard.press("Enter");
  await expect(live).toHaveText(`Selected: ${focused.title.replace(/\s+/g, " ").trim()}`);
  await expect(page.locator("main.focusing")).toHaveCount(1);
  // Esc: back to the panel, the selection cleared
  await page.keyboard.press("Escape");
  await expect(page.locator("main.focusing")).toHaveCount(0);
  await expect(body).toBeFocused();
  // and the mouse reads out the same
  await page.locator("[data-anon-box]").first().click();
  await expect(live).toHaveText(/^Selected: anon:\d+: an_refcnt \d+/);
  // at rest, no diagram object is a tab stop of its own
  expect(await page.locator("svg [tabindex]").count()).toBe(0);
});

test("every diagram has a text alternative", async ({ page }) => {
  await open(page);
  await seek(page, { step: 7, event: 2 });
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("main svg")]
      .filter((s) => !s.closest("svg:not(:scope) svg") && s.getClientRects().length > 0)
      .filter((s) => s.getAttribute("aria-hidden") !== "true")
      .filter(
        (s) =>
          !(s.getAttribute("aria-label") ?? "").trim() &&
          !s.getAttribute("aria-labelledby") &&
          !s.querySelector(":scope > title"),
      )
      .map((s) => s.outerHTML.slice(0, 100)),
  );
  expect(unnamed).toEqual([]);
  // the objects carry their descriptions
  for (const sel of ["[data-slot]", "[data-anon-box]"]) {
    const titles = await page
      .locator(sel)
      .evaluateAll((els) => els.map((e) => e.querySelector(":scope > title")?.textContent ?? ""));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((t) => !t.trim())).toEqual([]);
  }
});

/** Contrast of every SVG text against what is painted under it (WCAG AA: 4.5, large text 3). */
function svgContrast(): { n: number; bad: string[] } {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA | null => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    return m ? [+m[1]!, +m[2]!, +m[3]!, m[4] === undefined ? 1 : +m[4]] : null;
  };
  const lum = ([r, g, b]: RGBA): number => {
    const f = (v: number): number => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a: RGBA, b: RGBA): number => {
    const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m) as [number, number];
    return (x + 0.05) / (y + 0.05);
  };
  const over = (top: RGBA, under: RGBA): RGBA =>
    top[3] >= 1 ? top : ([0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])).concat(1) as RGBA);
  const under = (el: Element, x: number, y: number): RGBA => {
    const layers: RGBA[] = [];
    for (const e of document.elementsFromPoint(x, y)) {
      if (e === el || el.contains(e)) continue;
      const cs = getComputedStyle(e);
      let c: RGBA | null = null;
      if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) {
        if (/^(rect|path|circle|ellipse|polygon)$/.test(e.tagName) && cs.fill !== "none") {
          c = parse(cs.fill);
          if (c) c[3] *= +cs.fillOpacity * +cs.opacity;
        }
      } else {
        c = parse(cs.backgroundColor);
        if (c) c[3] *= +cs.opacity;
      }
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    return layers.reverse().reduce((acc, l) => over(l, acc), [255, 255, 255, 1] as RGBA);
  };
  const bad: string[] = [];
  let n = 0;
  for (const t of document.querySelectorAll("main svg text, main svg tspan")) {
    const r = t.getBoundingClientRect();
    const cs = getComputedStyle(t);
    if (!r.width || !r.height || !(t.textContent ?? "").trim() || cs.visibility === "hidden") continue;
    const fg = parse(cs.fill);
    if (!fg) continue;
    n++;
    fg[3] *= +cs.fillOpacity;
    const bg = under(t, r.x + r.width / 2, r.y + r.height / 2);
    const size = parseFloat(cs.fontSize);
    const need = size >= 24 || (+cs.fontWeight >= 700 && size >= 18.66) ? 3 : 4.5;
    const k = ratio(over(fg, bg), bg);
    if (k < need)
      bad.push(
        `${k.toFixed(2)} < ${need}: "${(t.textContent ?? "").slice(0, 30)}" (${cs.fill} on rgb(${bg.slice(0, 3).map(Math.round).join(", ")}))`,
      );
  }
  return { n, bad };
}

test("the diagrams' text meets WCAG AA contrast, in both themes, on every preset", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const presets = page.getByRole("combobox", { name: "Presets" });
  const ids = (
    await presets.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
  )
    .filter(Boolean)
    .filter((id) => !id.startsWith("large"));
  const bad = new Set<string>();
  let checked = 0;
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    for (const id of ids) {
      await presets.selectOption(id);
      await settle(page);
      const steps = (await bridgeState(page)).steps;
      for (const pos of [
        { step: steps, event: -1 },
        { step: Math.ceil(steps / 2), event: 0 },
      ]) {
        await seek(page, pos);
        const r = await page.evaluate(svgContrast);
        checked += r.n;
        for (const b of r.bad) bad.add(`${theme} ${id} step ${pos.step}: ${b}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(500);
  expect([...bad]).toEqual([]);
});
