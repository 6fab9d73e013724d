/*
 * Anonscope's service worker, hand-written: the app keeps working offline after one visit.
 *
 * - On install it caches the page and every file of the build, listed by asset-manifest.json
 *   (written by the build; see vite.config.ts).
 * - Built assets (hashed names, never changed in place) are served cache-first.
 * - The page itself is fetched network-first, so a new deploy shows at once; offline, the cached
 *   page answers every navigation in scope (the scenario is in the fragment, never sent).
 * Everything is relative to the registration scope, so the site works from any subpath.
 */
const CACHE = "anonscope-v1";
const scope = () => self.registration.scope;
const inScope = (url) => url.startsWith(scope());
const PAGE = () => new URL("./", scope()).href;

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
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache(true).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function pageFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) {
      await cache.put(PAGE(), res.clone());
      // a new build may have new assets: fetch them while the network is there
      precache(false).catch(() => {});
    }
    return res;
  } catch (e) {
    const hit = await cache.match(PAGE());
    if (hit) return hit;
    throw e;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === "basic") await cache.put(request, res.clone());
  return res;
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || !inScope(req.url)) return;
  if (req.mode === "navigate") event.respondWith(pageFirst(req));
  else if (!req.url.endsWith("/asset-manifest.json")) event.respondWith(cacheFirst(req));
});
