/*
 * Anonscope's service worker, hand-written: the app keeps working offline after one visit.
 *
 * - On install it caches the page and every file of the build, listed by asset-manifest.json
 *   (written by the build; see vite.config.ts).
 * - Built assets (hashed names, never changed in place) are served cache-first; nothing else is
 *   ever written to the cache (a neighbour's file on the same host must never get in).
 * - The app's own page (the scope itself or its index.html, whatever the query: ?embed, ?print)
 *   is fetched network-first, so a new deploy shows at once; offline, the cached page answers.
 *   Which page is the app's is decided by URL, never by what a response holds: any other
 *   navigation in scope (a neighbouring news.html, asset-manifest.json, a .js.map) is left to
 *   the browser, so it can never be stored as the page.
 * - A cached page whose response did not come from the app's own URL (a cache poisoned by an
 *   older version of this file) is dropped and the precached index.html answers instead.
 * Everything is relative to the registration scope, so the site works from any subpath.
 */
const CACHE = "anonscope-v1";
const scope = () => self.registration.scope;
const inScope = (url) => url.startsWith(scope());
const PAGE = () => new URL("./", scope()).href;
const INDEX = () => new URL("index.html", scope()).href;

/** Whether `url` is the app's own page (its query and fragment aside). */
function isAppPage(url) {
  if (!url) return false;
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  return u.href === PAGE() || u.href === INDEX();
}

/** The app page kept in the cache, if it truly came from the app's URL; a poisoned one is dropped. */
async function cachedPage(cache) {
  for (const key of [PAGE(), INDEX()]) {
    const hit = await cache.match(key);
    if (!hit) continue;
    if (isAppPage(hit.url)) return hit;
    await cache.delete(key);
  }
  return undefined;
}

/** Cache the build's files not cached yet (all of them on install, with the page) and drop old ones. */
async function precache(withPage) {
  const cache = await caches.open(CACHE);
  const res = await fetch(new URL("asset-manifest.json", scope()), { cache: "no-store" });
  if (!res.ok) throw new Error(`asset-manifest.json: ${res.status}`);
  const files = (await res.json()).files || [];
  const urls = [...new Set(files.map((f) => new URL(f, scope()).href))];
  const missing = [];
  for (const u of urls) if (!(await cache.match(u))) missing.push(u);
  await cache.addAll(withPage ? [PAGE(), ...missing] : missing);
  const keep = new Set([PAGE(), ...urls]);
  for (const req of await cache.keys()) if (!keep.has(req.url)) await cache.delete(req);
  await cachedPage(cache);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache(true).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      // repair a page an older version stored from a neighbour's response
      await cachedPage(await caches.open(CACHE));
      await self.clients.claim();
    })(),
  );
});

async function pageFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    // a redirect elsewhere is not the app's page
    if (res.ok && isAppPage(res.url)) {
      await cache.put(PAGE(), res.clone());
      // a new build may have new assets: fetch them while the network is there
      precache(false).catch(() => {});
    }
    return res;
  } catch (e) {
    const hit = await cachedPage(cache);
    if (hit) return hit;
    throw e;
  }
}

/** A file of the build from the cache, else from the network (never stored: see precache). */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  return hit ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || !inScope(req.url)) return;
  if (req.mode === "navigate") {
    if (isAppPage(req.url)) event.respondWith(pageFirst(req));
  } else if (!req.url.endsWith("/asset-manifest.json")) event.respondWith(cacheFirst(req));
});
