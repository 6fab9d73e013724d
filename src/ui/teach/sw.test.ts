import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * public/sw.js run in Node against a fake cache and network (issue 15, item 3): which
 * navigations it stores as the app's page, and what it answers offline. The e2e suite
 * (e2e/sw-poison.spec.ts) does the same in Chromium.
 */
const SOURCE = readFileSync(fileURLToPath(new URL("../../../public/sw.js", import.meta.url)), "utf8");
const SCOPE = "https://example.edu/";

/** A response as the network gives it: its url (kept by clone, as a browser keeps it) is where it came from. */
class Served extends Response {
  constructor(
    private readonly from: string,
    private readonly body0: string,
  ) {
    super(body0, { status: 200, headers: { "content-type": "text/html" } });
  }
  override get url(): string {
    return this.from;
  }
  override clone(): Served {
    return new Served(this.from, this.body0);
  }
}
const later = <T>(x: T): Promise<T> => Promise.resolve(x);
const served = (url: string, body: string): Response => new Served(url, body);

function worker() {
  const store = new Map<string, Response>();
  const cache = {
    match: (key: string | Request) => later(store.get(typeof key === "string" ? key : key.url)?.clone()),
    put: (key: string, res: Response) => later(void store.set(key, res)),
    delete: (key: string | Request) => later(store.delete(typeof key === "string" ? key : key.url)),
    keys: () => later([...store.keys()].map((url) => ({ url }))),
    addAll: (urls: string[]) => {
      for (const u of urls) store.set(u, served(u, /\/(index\.html)?$/.test(u) ? "APP" : `file ${u}`));
      return later(undefined);
    },
  };
  let online = true;
  const listeners = new Map<string, (e: unknown) => void>();
  const env = {
    self: {
      registration: { scope: SCOPE },
      addEventListener: (t: string, fn: (e: unknown) => void) => listeners.set(t, fn),
      skipWaiting: () => later(undefined),
      clients: { claim: () => later(undefined) },
    },
    caches: { open: () => later(cache), keys: () => later(["anonscope-v1"]), delete: () => later(true) },
    fetch: (req: string | URL | Request): Promise<Response> => {
      if (!online) return Promise.reject(new TypeError("offline"));
      const url = typeof req === "string" ? req : req instanceof URL ? req.href : req.url;
      if (url.endsWith("asset-manifest.json"))
        return later(new Response(JSON.stringify({ files: ["index.html", "assets/a.js"] })));
      const path = new URL(url).pathname;
      return later(served(url, path === "/" || path === "/index.html" ? "APP" : `neighbour ${path}`));
    },
  };
  runInNewContext(SOURCE, { ...env, URL, Response });
  /** Navigate to url: the response body, or null when the worker leaves it to the browser. */
  const navigate = async (url: string): Promise<string | null> => {
    let answer: Promise<Response> | null = null;
    listeners.get("fetch")!({
      request: { method: "GET", url, mode: "navigate" },
      respondWith: (p: Promise<Response>) => (answer = p),
    });
    if (answer === null) return null;
    return (await (answer as Promise<Response>)).text();
  };
  return { store, navigate, setOnline: (on: boolean) => (online = on) };
}

describe("the service worker keeps only the app's own page", () => {
  for (const neighbour of ["news.html", "asset-manifest.json", "assets/index-abc.js.map"]) {
    it(`a visit to ${neighbour} is left to the browser and never becomes the page`, async () => {
      const w = worker();
      expect(await w.navigate(`${SCOPE}?embed`)).toBe("APP");
      expect(await w.navigate(`${SCOPE}${neighbour}`)).toBeNull();
      w.setOnline(false);
      expect(await w.navigate(`${SCOPE}?embed`)).toBe("APP");
      expect(await w.navigate(`${SCOPE}index.html?print`)).toBe("APP");
    });
  }

  it("a page poisoned by an older worker is dropped; the precached index.html answers", async () => {
    const w = worker();
    expect(await w.navigate(SCOPE)).toBe("APP");
    w.store.set(SCOPE, served(`${SCOPE}news.html`, "neighbour /news.html"));
    w.setOnline(false);
    expect(await w.navigate(`${SCOPE}?embed`)).toBe("APP");
    expect(w.store.has(SCOPE)).toBe(false);
  });
});
