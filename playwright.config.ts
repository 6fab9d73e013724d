import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/chromium.mjs";

// PW_PORT / PW_OUTDIR let two runs share a machine without serving each other's build.
const PORT = Number(process.env.PW_PORT ?? 4173);
const OUT = process.env.PW_OUTDIR ?? "dist";
const vite = "node node_modules/vite/bin/vite.js";

/**
 * e2e in Debian's Chromium (never `playwright install`). The web server builds the app in
 * "test" mode (which installs the window.__anonscope bridge) and serves it with vite preview.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: process.env.PW_OUTDIR ? `${process.env.PW_OUTDIR}-results` : "test-results",
  // CI has two cores to itself: three browsers at once measured fastest there (the whole e2e
  // 590 s on a quiet box, 0 flaky; two took 719 s with other runs beside it); here, with others sharing
  // the machine, one unless PW_WORKERS says otherwise
  workers: process.env.CI ? 3 : Number(process.env.PW_WORKERS ?? 1),
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "on-first-retry",
    viewport: { width: 1366, height: 768 },
  },
  webServer: {
    command: `${vite} build --mode test --logLevel warn --outDir ${OUT} && ${vite} preview --outDir ${OUT} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1366, height: 768 },
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
});
