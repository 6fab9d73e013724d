// Debian's Chromium as the e2e tests (playwright.config.ts) and the browser benchmark
// (bench/browser.mjs) launch it: never `playwright install`.

/** The browser binary: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** What Playwright 1.65 passes in its own --disable-features (its chromiumSwitches.ts). */
const PLAYWRIGHT_DISABLES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
];

/** Flags for a headless run as root in a container, with nothing going to the network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  // Each new context opens a window, and each window its omnibox popups, rendered as web pages
  // (chrome://omnibox-popup.top-chrome): 2.8 s of CPU per context here, 0.9 s without them.
  // The e2e suite opens a context per test; the bench, one per load. Chromium reads only the last
  // --disable-features, so this one repeats the features Playwright disables in its own
  // (e2e/browser-flags.spec.ts checks that none is lost).
  `--disable-features=${[...PLAYWRIGHT_DISABLES, "WebUIOmniboxPopup", "WebUIOmniboxAimPopup"].join(",")}`,
];
