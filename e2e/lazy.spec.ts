/**
 * Issue 18: a lean first load. The teaching parts, the lessons' prose, the presets' texts, the
 * keyboard help, the export code, the compare view, the long-text editor, the zoomable panel
 * views and the worker's predict questions, diff and table view are loaded the first time they
 * are used: none is fetched before the default scenario paints, each opens and
 * works when asked for, and offline (after one visit with the service worker) each still opens
 * for the first time, from the service worker's cache.
 */
import { readFileSync } from "node:fs";
import { bridgeState, expect, loadText, open, seek, settle, test, type Page } from "./fixtures";

/** The chunks loaded on first use (worker/late: the worker's predict questions, diff and table view). */
const LAZY =
  /\/assets\/(LessonPanel|TablesView|PredictCard|RulesDialog|PrintView|EmbedApp|CompareDialog|CompareView|PairPanel|CodeEditor|AnonZoom|AnonZoomBar|SegZoom|PhysicalZoom|SwapZoom|exportFiles|late|lessons|presets|HelpOverlay)-[\w-]+\.js$/;
const RUN = readFileSync(new URL("../test/lab/runs/00-default-linux.txt", import.meta.url), "utf8");
/** A segment too big to draw slot by slot: the Anon layer shows its zoomable density view. */
const BIG = "spawn P1 empty\nP1 mmap big /dev/zero 20000 rw private\nP1 write big 0-19999\n";
const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";

async function more(page: Page, item: RegExp, role: "menuitem" | "menuitemcheckbox" = "menuitem") {
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole(role, { name: item }).click();
}

/** The name of each lazy chunk the page (or its worker) fetched, with where it came from. */
function watchChunks(page: Page): { name: string; fromSw: boolean; status: number }[] {
  const seen: { name: string; fromSw: boolean; status: number }[] = [];
  page.context().on("response", (r) => {
    const m = LAZY.exec(new URL(r.url()).pathname);
    if (m) seen.push({ name: m[1]!, fromSw: r.fromServiceWorker(), status: r.status() });
  });
  return seen;
}

/** Open every lazily loaded part once and check that it works. */
async function everyPart(page: Page): Promise<void> {
  const dialogs = page.getByRole("dialog");
  // the keyboard help
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("Shift + → / ←");
  await page.keyboard.press("Escape");
  await expect(dialogs).toHaveCount(0);

  // the rules, searchable
  await more(page, /^Rules/);
  const rules = page.getByRole("dialog", { name: "Rules" });
  await rules.getByRole("searchbox", { name: "Filter rules" }).fill("anon_private");
  await expect(rules.locator("[data-rule]").first()).toContainText("anon_private");
  await rules.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialogs).toHaveCount(0);

  // the table view, then back
  await more(page, /^Table/, "menuitemcheckbox");
  const tables = page.getByRole("region", { name: "Tables" });
  await expect(tables).toHaveAttribute("aria-busy", "false");
  await expect(tables.locator('table[data-table="anons"] tbody tr')).not.toHaveCount(0);
  await tables.getByRole("button", { name: "Back to the diagrams" }).click();

  // an export (its code comes with the first one)
  const [pmap] = await Promise.all([page.waitForEvent("download"), more(page, /^pmap -x \(\.txt\)/)]);
  expect(readFileSync(await pmap.path(), "utf8")).toMatch(/^\$ pmap -x 101\n/);

  // the compare view, on the default scenario's real run
  await more(page, /^Compare with a real run/);
  const lab = page.getByRole("dialog", { name: "Compare with a real run" });
  await lab.getByLabel("The real output").fill(RUN);
  await lab.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(lab.getByRole("list", { name: "Steps" }).getByRole("button")).not.toHaveCount(0);
  await lab.getByRole("button", { name: "Close", exact: true }).click();

  // Compare two moments (the list of differences), and the same steps side by side
  const narration = page.getByRole("region", { name: "Narration" });
  const compare = narration.getByRole("button", { name: "Compare", exact: true });
  await compare.click();
  await expect(narration.getByRole("region", { name: "Compare" }).getByRole("listitem")).not.toHaveCount(0);
  await compare.click();
  await narration.getByRole("button", { name: "Side by side", exact: true }).click();
  const picker = page.getByRole("dialog", { name: "Open a second scenario beside this one" });
  await picker.getByRole("button", { name: /^The same steps, MAP_PRIVATE and MAP_SHARED swapped/ }).click();
  const beside = page.getByRole("region", { name: "Side by side", exact: true });
  await expect(beside.locator(".pair-diagram")).toBeVisible();
  await beside.getByRole("button", { name: "Close the second scenario" }).click();

  // predict: the card, with a question the worker built (its question code is loaded then)
  await seek(page, { step: 4, event: -1 });
  await page.getByRole("button", { name: "Predict", exact: true }).click();
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  const card = page.getByRole("dialog", { name: "Predict" });
  await expect(card).toContainText("before step 5");
  await expect(card.getByRole("button").first()).toBeVisible();
  // the app again, without predict mode (offline, the service worker serves the page)
  await page.goto("/");
  await settle(page);

  // a preset other than the default: its text and its idea come with the first one chosen
  const presets = page.getByRole("combobox", { name: "Presets" });
  await presets.selectOption("fork-cow");
  await settle(page);
  await expect(page.getByLabel("What this preset shows")).toContainText("anon_private");
  expect((await bridgeState(page)).steps).toBeGreaterThan(0);

  // the zoomable views of a big segment
  await loadText(page, BIG);
  const surface = page.locator('[data-panel="anon"] [data-zoom-surface]');
  await expect(surface).toBeVisible();
  const anon = page.getByRole("region", { name: "Anon layer" });
  await expect(anon.getByRole("button", { name: /^Zoom out/ })).toBeDisabled();
  await anon.getByRole("button", { name: /^Zoom in/ }).click();
  await expect(anon.getByRole("button", { name: /^Zoom out/ })).toBeEnabled();

  // the long-text editor
  await loadText(page, `${COW}${"\n".repeat(3000)}`);
  await expect(page.locator("[data-long-editor]")).toBeVisible();
  await expect(page.locator("[data-long-editor]")).toContainText("P1 fork P2");

  // a lesson
  await page.getByRole("button", { name: "Lessons", exact: true }).click();
  await page.getByRole("menuitemradio").first().click();
  await settle(page);
  await expect(page.getByRole("region", { name: "Lesson" }).getByRole("heading", { level: 2 })).toHaveText(
    "Lesson 1 of 6",
  );

  // the printable and the embedded pages
  const other = await page.context().newPage();
  await other.goto("/?print");
  await expect(other.locator(".print-page").first()).toBeVisible();
  await other.goto("/?embed");
  await settle(other);
  await expect(other.getByRole("region", { name: "Anon layer" })).toBeVisible();
  await other.close();
}

const ALL = [
  "AnonZoom",
  "CodeEditor",
  "CompareDialog",
  "CompareView",
  "PairPanel",
  "EmbedApp",
  "LessonPanel",
  "PredictCard",
  "PrintView",
  "RulesDialog",
  "TablesView",
  "exportFiles",
  "late",
  "lessons",
  "presets",
  "HelpOverlay",
];

test("online: nothing lazy before the first paint; each part loads on first use, with a loading sign", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const chunks = watchChunks(page);
  await open(page);
  expect(chunks.map((c) => c.name)).toEqual([]);
  // a slow network shows the loading sign in the part's place
  await page.route(/\/assets\/RulesDialog-[\w-]+\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  await more(page, /^Rules/);
  await expect(page.getByRole("status").filter({ hasText: "Loading the rules…" })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Rules" })).toBeVisible();
  await page
    .getByRole("dialog", { name: "Rules" })
    .getByRole("button", { name: "Close", exact: true })
    .click();
  await page.unroute(/\/assets\/RulesDialog-/);
  await everyPart(page);
  const names = new Set(chunks.map((c) => c.name));
  for (const n of ALL) expect(names, n).toContain(n);
  expect(chunks.filter((c) => c.status >= 400)).toEqual([]);
});

test("offline: after one visit, each part opens for the first time from the service worker", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await open(page, "?sw");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // every file the build lists is cached (the lazy chunks with the rest)
  const missing = await page.evaluate(async () => {
    const manifest = (await (await fetch("asset-manifest.json")).json()) as { files: string[] };
    const files = manifest.files;
    const cache = await caches.open("anonscope-v1");
    const out: string[] = [];
    for (const f of files) if (!(await cache.match(new URL(f, location.href).href))) out.push(f);
    return out;
  });
  expect(missing).toEqual([]);

  await context.setOffline(true);
  const chunks = watchChunks(page);
  await page.reload();
  await settle(page);
  await everyPart(page);
  const names = new Set(chunks.map((c) => c.name));
  for (const n of ALL) expect(names, n).toContain(n);
  // all of them answered by the service worker, none by the (unreachable) network
  expect(chunks.filter((c) => !c.fromSw || c.status >= 400)).toEqual([]);
  await context.setOffline(false);
});
