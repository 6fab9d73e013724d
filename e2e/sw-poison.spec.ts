/**
 * The service worker caches only the app's own page, by URL (issue 15, item 3). The built site
 * is served at the root of a tiny static server beside a neighbour's page (news.html); after one
 * visit with the service worker, a visit to a neighbouring file in its scope (news.html, the
 * build's asset-manifest.json, a source map) must never become the page every offline link
 * opens. A cache that an older worker already poisoned is repaired.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { bridgeState, expect, settle, test } from "./fixtures";

const DIST = process.env.ANONSCOPE_DIST ?? process.env.PW_OUTDIR ?? "dist";
const NEWS = "<!doctype html><title>Department news</title><h1>Department news</h1>";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
};

let dir = "";
let server: Server;
let base = "";

test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "anonscope-root-"));
  await cp(DIST, dir, { recursive: true });
  await writeFile(join(dir, "news.html"), NEWS);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    // the browser asks for one beside a plain page (news.html): not a failure of the app
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    const rel = normalize(path.slice(1) || "index.html").replace(/^(\.\.[/\\])+/, "");
    readFile(join(dir, rel === "." ? "index.html" : rel))
      .then((body) => res.writeHead(200, { "content-type": TYPES[extname(rel)] ?? "text/plain" }).end(body))
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});

test.afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

/** Open the app with the service worker and wait until it controls the page. */
async function install(page: Page): Promise<void> {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`${base}?sw`);
  await settle(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Offline, the app and its ?embed form open the app (not a neighbour's file). */
async function appOpensOffline(context: BrowserContext, why: string): Promise<void> {
  await context.setOffline(true);
  for (const q of ["", "?embed"]) {
    const p = await context.newPage();
    await p.goto(`${base}${q}`).catch(() => {});
    await expect(p.locator("body"), `${why}, offline ${q || "app"}`).not.toContainText("Department news");
    await expect(
      p.getByRole("region", { name: "Anon layer" }),
      `${why}, offline ${q || "app"}`,
    ).toBeVisible();
    await settle(p);
    expect((await bridgeState(p)).steps).toBeGreaterThan(0);
    await p.close();
  }
  await context.setOffline(false);
}

for (const neighbour of ["news.html", "asset-manifest.json", "a .js.map"]) {
  test(`visiting ${neighbour} never replaces the cached app page`, async ({ page, context }) => {
    test.setTimeout(60_000);
    await install(page);
    const map = (await readdir(join(dir, "assets"))).find((f) => f.endsWith(".js.map"));
    expect(map, "the build writes source maps").toBeTruthy();
    const url = neighbour === "a .js.map" ? `assets/${map}` : neighbour;
    const res = await page.goto(`${base}${url}`);
    expect(res?.ok(), url).toBe(true);
    // (a plain file's tab asks for a favicon, which fails offline: not the app's concern)
    await page.goto("about:blank");
    await appOpensOffline(context, `after visiting ${url}`);
    // and nothing but the build's files and the page is in the cache
    await page.goto(base);
    const cached = await page.evaluate(async () =>
      (await (await caches.open("anonscope-v1")).keys()).map((k) => new URL(k.url).pathname),
    );
    const manifest = JSON.parse(await readFile(join(dir, "asset-manifest.json"), "utf8")) as {
      files: string[];
    };
    expect(cached.sort()).toEqual(["/", ...manifest.files.map((f) => `/${f}`)].sort());
  });
}

test("a cache an older worker poisoned is repaired: offline links open the app again", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  await install(page);
  // what the older worker did on a visit to news.html: store that response as the page
  await page.evaluate(async () => {
    const cache = await caches.open("anonscope-v1");
    await cache.put(new URL("./", location.href).href, await fetch("news.html"));
  });
  await appOpensOffline(context, "with a poisoned cache");
  const page0 = await page.evaluate(async () => {
    const hit = await (await caches.open("anonscope-v1")).match(new URL("./", location.href).href);
    return hit ? hit.url : null;
  });
  expect(page0 === null || !page0.endsWith("news.html")).toBe(true);
});
