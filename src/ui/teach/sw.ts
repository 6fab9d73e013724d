/**
 * The service worker (public/sw.js) that keeps the app working offline after the first visit.
 * Production builds register it; a `--mode test` build only when the page asks with `?sw`, so
 * the e2e tests that do not opt in run without it.
 */
export function registerServiceWorker(optIn: boolean): void {
  if (!import.meta.env.PROD) return;
  if (import.meta.env.MODE === "test" && !optIn) return;
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  // relative to the page, so the app works from any subpath (vite base "./")
  const url = new URL("./sw.js", document.baseURI);
  navigator.serviceWorker.register(url, { scope: "./", updateViaCache: "none" }).catch(() => {
    // no service worker (a file:// page, a private window): the app still works online
  });
}
