/**
 * Teaching, part 5: deploy anywhere, work offline. The built site (the one the e2e web server
 * built) is copied under /sub/ of a tiny static server; it must load its assets and its worker
 * from there, and with the service worker (opted in with ?sw in a test build) keep opening the
 * app and a shared link once the network is gone.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { bridgeState, expect, settle, test } from "./fixtures";

const DIST = process.env.ANONSCOPE_DIST ?? process.env.PW_OUTDIR ?? "dist";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Serve `root` at /sub/ only: anything asked outside it is a 404, so a wrong base shows. */
async function serveUnderSub(root: string): Promise<{ server: Server; url: string; misses: string[] }> {
  const misses: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith("/sub/")) {
      misses.push(path);
      res.writeHead(404).end();
      return;
    }
    const rel = normalize(path.slice("/sub/".length) || "index.html").replace(/^(\.\.[/\\])+/, "");
    readFile(join(root, rel.endsWith("/") || rel === "." ? "index.html" : rel))
      .then((body) => {
        res.writeHead(200, { "content-type": TYPES[extname(rel)] ?? "application/octet-stream" }).end(body);
      })
      .catch(() => {
        misses.push(path);
        res.writeHead(404).end();
      });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://127.0.0.1:${port}/sub/`, misses };
}

let dir = "";
let site: Awaited<ReturnType<typeof serveUnderSub>>;

test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "anonscope-sub-"));
  await cp(DIST, dir, { recursive: true });
  site = await serveUnderSub(dir);
});

test.afterEach(async () => {
  site.server.closeAllConnections();
  await new Promise((r) => site.server.close(r));
  await rm(dir, { recursive: true, force: true });
});

test("the built site works from a subpath: page, assets and the engine worker", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const worker = page.waitForEvent("worker");
  await page.goto(site.url);
  await settle(page);
  expect((await worker).url()).toMatch(/\/sub\/assets\/engine\.worker-[\w-]+\.js$/);
  for (const r of [
    "Address spaces",
    "Anon layer",
    "Physical memory",
    "Swap",
    "Narration",
    "Console",
    "Scenario",
  ])
    await expect(page.getByRole("region", { name: r })).toBeVisible();
  expect((await bridgeState(page)).steps).toBeGreaterThan(0);
  await expect(page.locator("[data-anon-box]")).not.toHaveCount(0);
  expect(failed).toEqual([]);
  expect(site.misses).toEqual([]);
  // no service worker unless asked for, in a test build
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
});

test("offline: after one visit, a reload and a shared link still open the app", async ({ page, context }) => {
  await page.goto(`${site.url}?sw`);
  await settle(page);
  // the service worker, scoped to /sub/, has cached the build and controls the page
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(site.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = await page.evaluate(async () => {
    const keys = await (await caches.open("anonscope-v1")).keys();
    return keys.map((k) => new URL(k.url).pathname);
  });
  expect(cached).toContain("/sub/");
  expect(cached.some((p) => /\/sub\/assets\/engine\.worker-/.test(p))).toBe(true);

  // a shared link, made while online
  await page.getByRole("button", { name: "Jump to start", exact: true }).click();
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Next step", exact: true }).click();
  await settle(page);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const shared = page.url();
  expect(shared).toMatch(/#v1\.5\./);

  // the network goes away: the browser is offline and the server is gone
  await context.setOffline(true);
  site.server.closeAllConnections();
  await new Promise((r) => site.server.close(r));

  await page.reload();
  await settle(page);
  await expect(page.getByRole("region", { name: "Anon layer" })).toBeVisible();
  expect((await bridgeState(page)).pos.step).toBe(5);

  const other = await context.newPage();
  await other.goto(shared.replace("?sw", ""));
  await settle(other);
  const st = await bridgeState(other);
  expect(st.pos.step).toBe(5);
  expect(st.steps).toBeGreaterThan(5);
  await expect(other.locator("[data-anon-box]")).not.toHaveCount(0);
  await other.close();
  await context.setOffline(false);
});
