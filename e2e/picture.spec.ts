/**
 * A picture that reads from the back of a lecture hall (issue 12), measured in the browser:
 * the size of the text every panel shows (at 1366×768 none under 12 px, and at 1920×1080 a
 * median at least 1.25 times larger), labels that never overlap or get cut in the Anon layer
 * and Address spaces with four and six processes, rows the legend never covers, and
 * presentation mode larger still.
 */
import { FOUR, SIX } from "./crowds";
import { expect, loadText, open, seek, settle, test, type Page } from "./fixtures";

const PANELS = [
  "Scenario",
  "Address spaces",
  "Physical memory",
  "Anon layer",
  "Swap",
  "Narration",
  "Console",
] as const;

interface Label {
  text: string;
  size: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The visible text of each panel (and of the top bar): one label per SVG <text> and per run of
 * HTML text, with its computed font size (times any SVG scaling, so the number is what the
 * screen shows) and its box. Hidden text (tooltips, screen-reader text, scrolled or clipped
 * away) is left out.
 */
async function labels(page: Page): Promise<Record<string, Label[]>> {
  return page.evaluate(
    (names) => {
      const out: Record<string, Label[]> = {};
      const shown = (r: DOMRect, clip: DOMRect) =>
        r.width > 0.5 &&
        r.height > 0.5 &&
        r.right > clip.left &&
        r.left < clip.right &&
        r.bottom > clip.top &&
        r.top < clip.bottom;
      const hidden = (el: Element) =>
        !!el.closest("title, .sr-only, option, [aria-hidden='true'] title") ||
        getComputedStyle(el).visibility === "hidden" ||
        Number(getComputedStyle(el).opacity) === 0;
      const regions: [string, Element][] = names.map((n) => [
        n,
        document.querySelector(`[role=region][aria-label="${n}"]`)!,
      ]);
      regions.push(["Top bar", document.querySelector(".topbar")!]);
      for (const [name, region] of regions) {
        const list: Label[] = [];
        if (!region) continue;
        const clip = region.getBoundingClientRect();
        const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
        const seen = new Set<Element>();
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent?.trim()) continue;
          const parent = n.parentElement!;
          if (hidden(parent)) continue;
          // an SVG label is its <text> (tspans and all); HTML text is measured run by run
          const svgText = parent.closest("text");
          const el = svgText ?? parent;
          if (svgText && seen.has(svgText)) continue;
          if (svgText) seen.add(svgText);
          const range = document.createRange();
          range.selectNodeContents(svgText ?? n);
          const r = svgText ? svgText.getBoundingClientRect() : range.getBoundingClientRect();
          // the body may scroll: a label outside the panel's visible part is not shown
          const body = el.closest(".panel-body, .scroll") ?? region;
          if (!shown(r, clip) || !shown(r, body.getBoundingClientRect())) continue;
          const sizeEl = svgText ? (n.parentElement as Element) : parent;
          let size = parseFloat(getComputedStyle(sizeEl).fontSize);
          const svg = el.closest("svg");
          if (svg) size *= svg.getScreenCTM()?.a ?? 1;
          list.push({
            text: n.textContent.trim().slice(0, 40),
            size,
            x: r.left,
            y: r.top,
            w: r.width,
            h: r.height,
          });
        }
        out[name] = list;
      }
      return out;
    },
    PANELS as unknown as string[],
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function sizesAt(page: Page, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await settle(page);
  await page.mouse.move(1, 1);
  const all = await labels(page);
  const out: Record<string, { min: number; median: number; n: number; smallest: string }> = {};
  for (const [name, list] of Object.entries(all)) {
    expect(list.length, `text in ${name}`).toBeGreaterThan(0);
    const min = Math.min(...list.map((l) => l.size));
    out[name] = {
      min,
      median: median(list.map((l) => l.size)),
      n: list.length,
      smallest: list.find((l) => l.size === min)!.text,
    };
  }
  return out;
}

test("text size in every panel: at least 12 px at 1366×768, growing with the screen", async ({ page }) => {
  await open(page);
  const small = await sizesAt(page, 1366, 768);
  const large = await sizesAt(page, 1920, 1080);
  test.info().annotations.push({ type: "font sizes", description: JSON.stringify({ small, large }) });
  for (const [name, s] of Object.entries(small)) {
    expect(s.min, `${name}: smallest text ("${s.smallest}")`).toBeGreaterThanOrEqual(12);
    expect(large[name]!.median, `${name}: median at 1920×1080 over 1366×768`).toBeGreaterThanOrEqual(
      1.25 * s.median,
    );
  }
  // presentation mode: the panel on stage larger still
  await page.getByRole("button", { name: "Enlarge Anon layer" }).click();
  await settle(page);
  const stage = (await labels(page))["Anon layer"]!;
  expect(median(stage.map((l) => l.size))).toBeGreaterThanOrEqual(
    (1.4 * large["Anon layer"]!.median) / 1.335,
  );
  expect(Math.min(...stage.map((l) => l.size))).toBeGreaterThanOrEqual(1.4 * 12);
});

/** Pairs of labels whose boxes overlap (more than half a pixel each way). */
function overlapping(list: Label[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 0.5 && dy > 0.5) out.push(`"${a.text}" × "${b.text}"`);
    }
  return out;
}

for (const [n, text] of [
  [4, FOUR],
  [6, SIX],
] as const) {
  test(`${n} processes at 1366×768: no label overlaps another or is cut, no row is covered`, async ({
    page,
  }) => {
    await open(page);
    await loadText(page, text);
    await page.mouse.move(1, 1);
    const all = await labels(page);
    for (const panel of ["Anon layer", "Address spaces"]) {
      expect(overlapping(all[panel]!), `${panel}: overlapping labels`).toEqual([]);
    }
    // every row of slots whole inside the Anon layer's body: not cut, not under the legend
    const anon = page.getByRole("region", { name: "Anon layer" });
    const rows = await anon.locator("[data-row]").count();
    expect(rows).toBe(n);
    const cut = await anon.evaluate((region) => {
      const body = region.querySelector(".panel-body")!.getBoundingClientRect();
      const legend = region.querySelector(".legend")?.getBoundingClientRect();
      const bad: string[] = [];
      for (const el of region.querySelectorAll("[data-slot], [data-anon-box], [data-chain]")) {
        const r = el.getBoundingClientRect();
        if (
          r.top < body.top - 0.5 ||
          r.bottom > body.bottom + 0.5 ||
          r.left < body.left - 0.5 ||
          r.right > body.right + 0.5
        )
          bad.push(
            `${el.getAttribute("data-proc") ?? ""}${el.getAttribute("data-anon-box") ?? el.getAttribute("data-chain") ?? ""} ${el.getAttribute("data-page") ?? ""}`,
          );
        if (legend && r.bottom > legend.top + 0.5) bad.push(`under the legend: ${el.outerHTML.slice(0, 60)}`);
      }
      // a label inside an anon box stays inside it
      for (const box of region.querySelectorAll("[data-anon-box]")) {
        const b = box.querySelector("rect.anon-box")!.getBoundingClientRect();
        for (const t of box.querySelectorAll("text")) {
          const r = t.getBoundingClientRect();
          if (
            r.left < b.left - 0.5 ||
            r.right > b.right + 0.5 ||
            r.top < b.top - 0.5 ||
            r.bottom > b.bottom + 0.5
          )
            bad.push(`${box.getAttribute("data-anon-box")}: "${t.textContent}" outside its box`);
        }
      }
      return bad;
    });
    expect(cut).toEqual([]);
    // every filled slot has its arrow, drawn without hover
    const { slots, arrows } = await anon.evaluate((region) => ({
      slots: region.querySelectorAll('[data-slot]:not([data-anon=""])').length,
      arrows: region.querySelectorAll("path.link").length,
    }));
    expect(arrows).toBe(slots);
  });
}

/** The boxes of anons on screen by id, and the slot cells by process/page: where each is drawn. */
async function places(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    const at = (el: Element) => {
      const r = el.getBoundingClientRect();
      return `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)}`;
    };
    // (the Anon layer follows the event's mapping: during fork it shows each segment in turn)
    const seg = document.querySelector("[data-panel=anon] [data-slot]")?.getAttribute("data-seg") ?? "";
    for (const b of document.querySelectorAll("[data-panel=anon] [data-anon-box]"))
      out[`${seg}/${b.getAttribute("data-anon-box")}`] = at(b.querySelector("rect")!);
    for (const c of document.querySelectorAll("[data-panel=anon] [data-slot]"))
      out[`${c.getAttribute("data-proc")}/${c.getAttribute("data-seg")}/${c.getAttribute("data-page")}`] = at(
        c.querySelector("rect.hit") ?? c,
      );
    return out;
  });
}

test("a stable picture: from event to event through fork and copy-on-write, nothing drawn moves", async ({
  page,
}) => {
  await open(page);
  const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
  let before: Record<string, string> | null = null;
  let seen = 0;
  // the fork (step 4) and the child's copy-on-write (step 5), every event
  for (const step of [4, 5]) {
    for (let e = 0; e < steps[step - 1]!.events.length; e++) {
      await seek(page, { step, event: e === steps[step - 1]!.events.length - 1 ? -1 : e });
      const now = await places(page);
      if (before)
        for (const [k, v] of Object.entries(now))
          if (before[k] !== undefined) {
            expect(v, `${k} at step ${step} event ${e}`).toBe(before[k]);
            seen++;
          }
      before = { ...(before ?? {}), ...now };
    }
  }
  expect(seen).toBeGreaterThan(50);
});

test("the current event is marked in every panel that shows its objects, enlarged or not", async ({
  page,
}) => {
  await open(page);
  const steps = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
  const at = (fn: string) => steps[4]!.events.findIndex((e) => e.fn === fn);
  // P2's page 1: its cell in Address spaces, its slot; the new anon (anon_alloc), then both
  // frames of the copy (page_create_va copies the old page into the new one)
  const marked = async () =>
    page.evaluate(() =>
      [...document.querySelectorAll("[data-panel] .now")].map(
        (e) =>
          `${e.closest("[data-panel]")!.getAttribute("data-panel")}:${e.getAttribute("data-link") ?? e.getAttribute("data-frame") ?? ""}`,
      ),
    );
  await seek(page, { step: 5, event: at("anon_alloc") });
  const alloc = await marked();
  expect(alloc).toContain("address:page:P2/buf@0/1");
  expect(alloc).toContain("anon:page:P2/buf@0/1");
  expect(alloc.some((m) => /^anon:anon:\d+$/.test(m))).toBe(true);
  await seek(page, { step: 5, event: at("page_create_va") });
  const all = await marked();
  expect(all).toContain("address:page:P2/buf@0/1");
  expect(all).toContain("anon:page:P2/buf@0/1");
  expect(all.filter((m) => /^physical:frame:\d+$/.test(m)).length).toBe(2);
  for (const panel of ["Address spaces", "Anon layer", "Physical memory"] as const) {
    const id = { "Address spaces": "address", "Anon layer": "anon", "Physical memory": "physical" }[panel];
    await page.getByRole("button", { name: `Enlarge ${panel}` }).click();
    await settle(page);
    const staged = (await marked()).filter((m) => m.startsWith(`${id}:`)).sort();
    expect(staged, `${panel} enlarged`).toEqual(all.filter((m) => m.startsWith(`${id}:`)).sort());
    await page.getByRole("button", { name: "Leave presentation mode" }).click();
  }
  // a pageout's swap slot: marked in the Swap panel when the event hands it out
  await loadText(page, PAGEOUT, "end");
  const po = await page.evaluate(async () => (await window.__anonscope!.doc())!.steps);
  const last = po.length;
  const ev = po[last - 1]!.events.findIndex((e) => e.refs?.swapSlot);
  expect(ev).toBeGreaterThanOrEqual(0);
  await seek(page, { step: last, event: ev });
  // the Swap panel's slots come in their own window after the step: waited for, not read at once
  await expect(page.locator('[data-panel="swap"] .now[data-link^="swap:"]')).toHaveCount(1);
});

const PAGEOUT = `spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
P1 write buf 0-3
P1 fork P2
pageout P1 buf 1
`;

test("a new mapping is shown at once; eight segments a process keep their page cells", async ({ page }) => {
  await open(page);
  await loadText(page, `${EIGHT}P1 mmap fresh /dev/zero 6 rw private\n`);
  // the step on screen made it: the Anon layer shows it, Address spaces outlines it
  await expect(page.getByRole("region", { name: "Anon layer" }).locator(".panel-head .sub")).toContainText(
    "fresh · 6 pages",
  );
  await expect(page.locator('[data-seg="P1/fresh"] .seg-box.selected')).toHaveCount(1);
  // every segment of both processes is on screen with a strip of page cells at least 3 px wide
  const segs = await page.evaluate(() =>
    [...document.querySelectorAll("[data-panel=address] [data-seg]")].map((g) => {
      const body = g.closest(".panel-body")!.getBoundingClientRect();
      const r = g.getBoundingClientRect();
      const cells = [...g.querySelectorAll("rect.cell")].map((c) => c.getBoundingClientRect().width);
      return {
        seg: g.getAttribute("data-seg"),
        inside: r.top >= body.top - 0.5 && r.bottom <= body.bottom + 0.5,
        cells: cells.length,
        narrowest: Math.min(...cells),
      };
    }),
  );
  expect(segs.filter((s) => s.seg!.startsWith("P1/")).length).toBe(8);
  for (const s of segs) {
    expect(s.inside, `${s.seg} on screen`).toBe(true);
    expect(s.cells, `${s.seg} page cells`).toBeGreaterThan(0);
    expect(s.narrowest, `${s.seg} cell width`).toBeGreaterThanOrEqual(3);
  }
});

/** A process with eight segments (text, data, heap, stack and four mmaps), forked. */
const EIGHT = `spawn P1
P1 mmap a /dev/zero 4 rw private
P1 mmap b /dev/zero 8 rw private
P1 mmap c /dev/zero 2 rw private
P1 write a 0-3
P1 write b 0-7
P1 fork P2
`;

/** The smallest computed font size of the visible text inside `el` and that text. */
async function smallest(page: Page, selector: string): Promise<{ size: number; text: string }> {
  return page
    .locator(selector)
    .first()
    .evaluate((root) => {
      let best = { size: Infinity, text: "" };
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const el = n.parentElement!;
        const r = el.getBoundingClientRect();
        if (!n.textContent?.trim() || r.width < 0.5 || r.height < 0.5) continue;
        if (getComputedStyle(el).visibility === "hidden") continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < best.size) best = { size, text: n.textContent.trim().slice(0, 40) };
      }
      return best;
    });
}

test("the classroom's forms, notices and field errors and the lab's compare view: 12 px or more at 1366×768, growing at 1920×1080", async ({
  page,
}) => {
  const btn = (name: string) => page.getByRole("button", { name, exact: true });
  const seen: Record<string, number[]> = {};
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await open(page);
    // after the writes (presets open at their start), so there is a buf to unmap
    await seek(page, { step: 3, event: -1 });
    const measure = async (name: string, selector: string) => {
      const s = await smallest(page, selector);
      expect(s.size, `${name} at ${w}: "${s.text}"`).toBeGreaterThanOrEqual(12);
      (seen[name] ??= []).push(s.size);
    };
    // a Pages field that does not parse: its message under the field
    await page
      .getByRole("group", { name: "Target of the operations" })
      .getByRole("textbox", { name: "Pages" })
      .fill("abc");
    await measure("field error", ".field-error");
    await measure("operations bar", ".ops");
    await page
      .getByRole("group", { name: "Target of the operations" })
      .getByRole("textbox", { name: "Pages" })
      .fill("");
    // the mmap form, with the statement it will add
    await btn("mmap").click();
    await measure("mmap form", ".popover");
    await page
      .getByRole("dialog", { name: "mmap a new segment" })
      .getByRole("button", { name: "Cancel" })
      .click();
    // a destructive operation's notice, with Undo
    await btn("munmap").click();
    await settle(page);
    await measure("notice", '[role=alert]:has(button[aria-label^="Undo"]), .notice');
    await page.keyboard.press("Escape");
    // the lab's compare view
    await btn("More").click();
    await page.getByRole("menuitem", { name: /^Compare with a real run/ }).click();
    await expect(page.getByRole("dialog", { name: "Compare with a real run" })).toBeVisible();
    await measure("compare view", ".lab-dialog");
    await page.keyboard.press("Escape");
  }
  test.info().annotations.push({ type: "font sizes", description: JSON.stringify(seen) });
  // each grows with the screen (u = 1.335 at 1920×1080)
  for (const [name, [small, large]] of Object.entries(seen))
    expect(large!, `${name} grows`).toBeGreaterThanOrEqual(1.25 * small!);
});
