#!/usr/bin/env node
// The hostile-input benchmark (issue 15): builds the app in "test" mode (the window.__anonscope
// bridge), serves it with vite preview on a free loopback port, drives Debian's Chromium and
// writes bench/hostile-results.json (flat keys; bench/README.md says what each means).
//
//   node bench/hostile.mjs            build, serve, measure
//   node bench/hostile.mjs --quick    fewer keystrokes, no 16M-page link (a smoke run)
//
// Figures (ms):
//   editorKey{1k,60k,262k}{Median,Max}Ms  a key typed at the end of a text of that many lines:
//        keydown → the store holds the new text and a frame has been painted after it.
//   editorPaste{1k,60k,262k}Ms  that many lines pasted into a one-line scenario: keydown of
//        Ctrl+V → the text in the store and on screen (the long-text editor loads the first time).
//   editorPaste*TaskMs, editorKey*TaskMs  the longest main-thread task meanwhile (Long Tasks API).
//   link*TaskMs  the longest main-thread task while opening each hostile link of the issue, from
//        navigation until its view is complete (Table160, Copy160: from the click, the link
//        being open; Open160 is the opening alone); link*Ms: navigation → complete.
import { chromium } from "@playwright/test";
import { format } from "prettier";
import { build, preview } from "vite";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const KEYS = quick ? 4 : 12;
const r1 = (x) => Math.round(x * 10) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadBefore = loadavg()[0];

const COW =
  "spawn P1 empty\nP1 mmap buf /dev/zero 4 rw private\nP1 write buf 0-3\nP1 fork P2\nP2 write buf 1\n";
const LINK160 =
  "machine ram=16g swap=16g\nspawn P1 empty\nP1 mmap a /dev/zero 16777216 rw private noreserve\nP1 fork P2\n";
const SLOW =
  "machine ram=16g swap=16g\nspawn P1 empty\nP1 mmap a /dev/zero 16777216 rw private noreserve\n" +
  "P1 write a 0-4194303\nP1 write a 4194304-8388607\n";

// the link codec, bundled for Node (the links are made as the app makes them)
const codecDir = mkdtempSync(join(tmpdir(), "anonscope-codec-"));
await build({
  root,
  configFile: false,
  logLevel: "warn",
  ssr: { noExternal: true },
  build: {
    ssr: "src/scenarios/url.ts",
    outDir: codecDir,
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: "url.mjs", format: "es" } },
  },
});
const { encodeShare } = await import(pathToFileURL(join(codecDir, "url.mjs")).href);

const outDir = mkdtempSync(join(tmpdir(), "anonscope-hostile-"));
await build({ root, mode: "test", logLevel: "warn", build: { outDir, emptyOutDir: true } });
const server = await preview({
  root,
  mode: "test",
  logLevel: "warn",
  build: { outDir },
  preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
});
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results = {};

/** A page that records every long task and the time of the last keydown. */
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__tasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
    addEventListener("keydown", () => (window.__kd = performance.now()), true);
  });
  return page;
}

const settled = (page, ms = 120_000) =>
  page.waitForFunction(() => window.__anonscope?.settled() === true, undefined, { timeout: ms });
const longest = (page) => page.evaluate(() => Math.max(0, ...window.__tasks.splice(0)));
/** keydown → the store's text is `len` long and the frame after it has been painted. */
const untilText = (page, len) =>
  page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const poll = () => {
          if (window.__anonscope.state().text.length === n)
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.__kd), 0));
          else requestAnimationFrame(poll);
        };
        poll();
      }),
    len,
  );

// ---- the editor: keystrokes and a paste at 1k, 60k and 262k lines
for (const [name, lines] of [
  ["1k", 1000],
  ["60k", 60_000],
  ["262k", 262_000],
]) {
  const page = await newPage();
  await page.goto(base);
  await settled(page);
  // the paste: that many lines into a one-line scenario
  await page.evaluate(() => window.__anonscope.load("spawn P1\n"));
  await settled(page);
  const editor = page.getByRole("textbox", { name: "Scenario text" });
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.evaluate((n) => navigator.clipboard.writeText("\n".repeat(n)), lines - 1);
  await longest(page);
  await page.keyboard.press("Control+V");
  results[`editorPaste${name}Ms`] = r1(await untilText(page, "spawn P1\n".length + lines - 1));
  results[`editorPaste${name}TaskMs`] = r1(await longest(page));
  // keystrokes at the end of it
  await settled(page);
  await editor.click();
  await page.keyboard.press("Control+End");
  let len = await page.evaluate(() => window.__anonscope.state().text.length);
  const keys = [];
  await longest(page);
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.type("#");
    keys.push(await untilText(page, ++len));
  }
  results[`editorKey${name}MedianMs`] = r1(median(keys));
  results[`editorKey${name}MaxMs`] = r1(Math.max(...keys));
  results[`editorKey${name}TaskMs`] = r1(await longest(page));
  await page.context().close();
  console.log(
    `editor ${name}: paste ${results[`editorPaste${name}Ms`]} ms, key ${results[`editorKey${name}MedianMs`]} ms`,
  );
}

// ---- the hostile links of the issue: the longest main-thread task while each opens
async function link(name, url, done) {
  const page = await newPage();
  const t0 = Date.now();
  await page.goto(`${base}${url}`);
  await done(page);
  results[`link${name}Ms`] = Date.now() - t0;
  results[`link${name}TaskMs`] = r1(await longest(page));
  await page.context().close();
  console.log(
    `link ${name}: ${results[`link${name}Ms`]} ms, longest task ${results[`link${name}TaskMs`]} ms`,
  );
}

const hash = (text, step) => `#${encodeShare(text, { step, event: 99 })}`;
await link("Editor262k", hash(`${COW}${"\n".repeat(262_000)}`, 5), async (page) => {
  await settled(page);
  await page.locator("[data-long-editor]").waitFor();
});
await link("Print160", `?print${hash(LINK160, 3)}`, (page) =>
  page.locator('.print-view[aria-busy="false"]').waitFor({ timeout: 120_000 }),
);
await link("Open160", hash(LINK160, 3), (page) => settled(page));
// Table and Copy: the tasks after the link has opened (Open160 has those before)
await link("Table160", hash(LINK160, 3), async (page) => {
  await settled(page);
  await longest(page);
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole("menuitemcheckbox", { name: /^Table/ }).click();
  await page.locator('.tables-view[aria-busy="false"]').waitFor({ timeout: 120_000 });
});
await link("Copy160", hash(LINK160, 3), async (page) => {
  await settled(page);
  await longest(page);
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole("menuitem", { name: "Copy pmap -x and swap -s" }).click();
  await page.getByText("pmap -x and swap -s are copied").waitFor({ timeout: 120_000 });
});
if (!quick)
  await link("Slow16M", hash(SLOW, 4), async (page) => {
    // the load stops itself after a third of the watchdog (10 s) and opens where it got to
    await page.getByRole("group", { name: "Slow scenario" }).waitFor({ timeout: 180_000 });
    await settled(page, 180_000);
  });

await browser.close();
await server.close();
rmSync(outDir, { recursive: true, force: true });
rmSync(codecDir, { recursive: true, force: true });

const out = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    loadBefore: r1(loadBefore),
    loadAfter: r1(loadavg()[0]),
  },
  results,
};
const file = join(root, "bench", "hostile-results.json");
writeFileSync(file, await format(JSON.stringify(out), { parser: "json" }));
console.log(`written ${file}`);
