/**
 * Teaching, part 3: the table view (the same facts as the diagrams), exports (SVG and PNG that
 * open, pmap -x / swap -s text), the printable view and the x86 / sparc page-size toggle.
 */
import { readFile } from "node:fs/promises";
import { bridgeState, expect, open, settle, test, type Page } from "./fixtures";

async function more(
  page: Page,
  item: string | RegExp,
  role: "menuitem" | "menuitemcheckbox" | "menuitemradio",
) {
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole(role, { name: item }).click();
}

/** Rows of one table of the table view, as arrays of cell texts. */
async function rows(page: Page, id: string): Promise<string[][]> {
  return page
    .locator(`table[data-table="${id}"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
}

test("the table view lists the same anons, refcounts and slots as the diagram", async ({ page }) => {
  await open(page);
  const anon = page.getByRole("region", { name: "Anon layer" });
  const boxes = await anon
    .locator("[data-anon-box]")
    .evaluateAll((els) => els.map((e) => [e.getAttribute("data-anon-box"), e.getAttribute("data-refcnt")]));
  const slots = await anon
    .locator("[data-slot]")
    .evaluateAll((els) =>
      els.map((e) => ["proc", "seg", "page", "anon", "refcnt"].map((k) => e.getAttribute(`data-${k}`) ?? "")),
    );
  expect(boxes.length).toBeGreaterThan(2);
  expect(boxes.some(([, r]) => r === "2")).toBe(true);

  await more(page, /^Table/, "menuitemcheckbox");
  const tables = page.getByRole("region", { name: "Tables" });
  await expect(tables).toHaveAttribute("aria-busy", "false");
  await expect(page.getByRole("region", { name: "Anon layer" })).toBeHidden();
  for (const caption of ["Processes and segments", "Anon slots", "Anon structs", "Page frames", "Swap"])
    await expect(tables.locator("caption").filter({ hasText: caption })).toHaveCount(1);

  const anonRows = new Map((await rows(page, "anons")).map((r) => [r[0], r[1]]));
  for (const [id, refcnt] of boxes) expect(anonRows.get(id!), `${id}`).toBe(refcnt);
  // every slot the diagram draws, with the same anon and an_refcnt
  const slotRows = new Map((await rows(page, "slots")).map((r) => [`${r[0]}/${r[1]}/${r[2]}`, r]));
  for (const [proc, seg, pg, a, refcnt] of slots) {
    const r = slotRows.get(`${proc}/${seg}/${pg}`)!;
    expect(r, `${proc} ${seg} ${pg}`).toBeTruthy();
    expect(r[3]).toBe(a || "NULL");
    if (a) expect(r[4]).toBe(refcnt);
  }
  // it follows the position
  await page.getByRole("button", { name: "Jump to start", exact: true }).click();
  await settle(page);
  await expect(tables).toHaveAttribute("aria-busy", "false");
  await expect(tables.locator('table[data-table="anons"] tbody')).toHaveText("none");

  await tables.getByRole("button", { name: "Back to the diagrams" }).click();
  await expect(page.getByRole("region", { name: "Anon layer" })).toBeVisible();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test("export: the diagrams as SVG and PNG files that open, and the tools' text", async ({ page }) => {
  await open(page);
  for (const [panel, name] of [
    ["anon", "Anon layer"],
    ["address", "Address spaces"],
  ] as const) {
    const svg = page.locator(`[data-panel="${panel}"] .panel-body svg`).first();
    const want = await svg.evaluate((s) => ({
      width: Math.round(Number(s.getAttribute("width")) || s.getBoundingClientRect().width),
      height: Math.round(Number(s.getAttribute("height")) || s.getBoundingClientRect().height),
    }));

    const [svgDl] = await Promise.all([
      page.waitForEvent("download"),
      more(page, `${name} (SVG)`, "menuitem"),
    ]);
    expect(svgDl.suggestedFilename()).toMatch(/^anonscope-.*-step-7\.svg$/);
    const text = await readFile(await svgDl.path(), "utf8");
    // it parses as SVG, has its size, its text and inline styles, and opens as an image (in a
    // blank page: the app's Content-Security-Policy refuses the file's style attributes)
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate(async (t) => {
      const doc = new DOMParser().parseFromString(t, "image/svg+xml");
      const root = doc.documentElement;
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([t], { type: "image/svg+xml" }));
      await img.decode();
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        tag: root.tagName,
        width: Number(root.getAttribute("width")),
        height: Number(root.getAttribute("height")),
        title: root.querySelector("title")?.textContent ?? "",
        text: root.textContent ?? "",
        styled: root.querySelectorAll("[style*='fill']").length,
        classes: root.querySelectorAll("[class]").length,
        natural: [img.naturalWidth, img.naturalHeight],
      };
    }, text);
    await blank.close();
    expect(parsed.error).toBeNull();
    expect(parsed.tag).toBe("svg");
    expect([parsed.width, parsed.height]).toEqual([want.width, want.height]);
    expect(parsed.natural).toEqual([want.width, want.height]);
    expect(parsed.title).toContain(`${name} · step 7: P2 read buf 2`);
    expect(parsed.text).toContain(panel === "anon" ? "anon:2" : "P1");
    expect(parsed.styled).toBeGreaterThan(10);
    expect(parsed.classes).toBe(0);

    const [pngDl] = await Promise.all([
      page.waitForEvent("download"),
      more(page, `${name} (PNG)`, "menuitem"),
    ]);
    expect(pngDl.suggestedFilename()).toMatch(/\.png$/);
    const png = await readFile(await pngDl.path());
    expect(pngSize(png)).toEqual({ width: want.width * 2, height: want.height * 2 });
    // and it is a picture, not an empty canvas: decode it and count distinct colours
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    }, png.toString("base64"));
    expect(colours).toBeGreaterThan(5);
  }

  const [pmap] = await Promise.all([page.waitForEvent("download"), more(page, "pmap -x (.txt)", "menuitem")]);
  const pmapText = await readFile(await pmap.path(), "utf8");
  expect(pmapText).toMatch(/^\$ pmap -x 101\n101:\s+demo\n\s+Address\s+Kbytes\s+RSS\s+Anon/);
  expect(pmapText).toContain("$ pmap -x 102");
  // the same lines as the console shows
  const lines = await page.locator(".console > div").allTextContents();
  const upToSwap = lines.slice(0, lines.indexOf("$ swap -s")).map((l) => l.trimEnd());
  expect(pmapText.trimEnd().split("\n")).toEqual(upToSwap);
  const [swap] = await Promise.all([page.waitForEvent("download"), more(page, "swap -s (.txt)", "menuitem")]);
  const swapText = await readFile(await swap.path(), "utf8");
  expect(swapText).toMatch(
    /^\$ swap -s\ntotal: \d+k bytes allocated \+ \d+k reserved = \d+k used, \d+k available\n$/,
  );
});

test("the printable view: every step on its own page, with its narration", async ({ page }) => {
  await open(page);
  const { text, steps } = await bridgeState(page);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    more(page, /^Printable scenario/, "menuitem"),
  ]);
  await popup.waitForLoadState();
  expect(new URL(popup.url()).search).toBe("?print");
  const view = popup.locator(".print-view");
  await expect(view).toHaveAttribute("aria-busy", "false", { timeout: 30_000 });
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText(/^A first look/);
  const pages = popup.locator(".print-page");
  await expect(pages).toHaveCount(steps + 1);
  await expect(pages.nth(5)).toContainText("Step 5 of 7: P2 write buf 1");
  await expect(pages.nth(5).locator(".print-events")).toContainText("anon_private()");
  await expect(pages.nth(5).locator(".print-tools")).toContainText("$ swap -s");
  await expect(popup.locator(".print-scenario")).toHaveText(text);
  // one step a page on paper
  await popup.emulateMedia({ media: "print" });
  expect(await pages.nth(1).evaluate((e) => getComputedStyle(e).breakAfter)).toBe("page");
  await expect(popup.getByRole("button", { name: "Print" })).toBeHidden();
  await popup.close();
});

test("page size: sparc rewrites the machine line, re-runs, and pmap -x shows 8 KB pages", async ({
  page,
}) => {
  await open(page);
  const before = await bridgeState(page);
  await more(page, "sparc (8 KB pages)", "menuitemradio");
  await settle(page);
  const after = await bridgeState(page);
  expect(after.text).toMatch(/^machine arch=sparc$/m);
  expect(after.error).toBeNull();
  expect(after.pos).toEqual(before.pos);
  const doc = await page.evaluate(() => window.__anonscope!.doc());
  expect(doc!.arch).toBe("sparc");
  expect(doc!.pageSize).toBe(8192);
  // the 4-page buf mapping is 32k on sparc
  await expect(page.locator(".console")).toContainText(/\s32\s+32\s+\d+\s+-\s+rw---\s+\[ anon \]/);
  await page.getByRole("button", { name: "More", exact: true }).click();
  await expect(page.getByRole("menuitemradio", { name: "sparc (8 KB pages)" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await page.getByRole("menuitemradio", { name: "x86 (4 KB pages)" }).click();
  await settle(page);
  expect((await bridgeState(page)).text).toMatch(/^machine arch=x86$/m);
  expect((await page.evaluate(() => window.__anonscope!.doc()))!.pageSize).toBe(4096);
});
