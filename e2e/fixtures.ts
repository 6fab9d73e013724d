/**
 * Shared e2e setup: every test fails on a console error or an uncaught page error, waits for
 * the app to settle through the test bridge, and runs with animations off.
 */
import { test as base, expect, type Page } from "@playwright/test";
import type { AnonscopeBridge } from "../src/state/bridge";

export const REGIONS = [
  "Address spaces",
  "Anon layer",
  "Physical memory",
  "Swap",
  "Narration",
  "Console",
  "Scenario",
] as const;

interface Fixtures {
  consoleErrors: string[];
  /** let console errors matching `re` pass: for a test that provokes one on purpose */
  allowErrors: (re: RegExp) => void;
}

const allowed = new WeakMap<string[], RegExp[]>();

export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      allowed.set(errors, []);
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await use(errors);
      const ok = allowed.get(errors) ?? [];
      expect(
        errors.filter((e) => !ok.some((re) => re.test(e))),
        "console errors",
      ).toEqual([]);
    },
    { auto: true },
  ],
  allowErrors: async ({ consoleErrors }, provide) => {
    await provide((re) => allowed.get(consoleErrors)?.push(re));
  },
});

export { expect };
export type { Page };

declare global {
  interface Window {
    __anonscope?: AnonscopeBridge;
  }
}

/**
 * Wait until the snapshot on screen matches the wanted position and no load is pending, and the
 * link codec (fetched once the first scenario is on screen) is in: Share and the address bar
 * write links at once.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => window.__anonscope?.settled() === true && window.__anonscope.linkReady(),
    undefined,
    { timeout: 30_000 },
  );
  // one more frame so React has painted the settled state
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Open the app (the built one, under its Content-Security-Policy) with motion off: the app
 * turns transitions and animations off for prefers-reduced-motion, as it does for users who
 * ask for it (an inline style tag would be refused by the policy).
 */
export async function open(page: Page, hash = ""): Promise<void> {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`/${hash}`);
  await settle(page);
}

export async function bridgeState(page: Page) {
  return page.evaluate(() => window.__anonscope!.state());
}

/** Load a scenario text through the bridge and wait for it. */
export async function loadText(
  page: Page,
  text: string,
  to: { step: number; event: number } | "end" = "end",
) {
  await page.evaluate(({ t, p }) => window.__anonscope!.load(t, p), { t: text, p: to });
  await settle(page);
}

export async function seek(page: Page, pos: { step: number; event: number }) {
  await page.evaluate((p) => window.__anonscope!.seek(p), pos);
  await settle(page);
}

/**
 * Where a screenshot goes: the README's copy in docs/screenshots only when asked
 * (`npm run screenshots`, which sets UPDATE_SCREENSHOTS=1), otherwise the test's own output
 * folder, so that running the tests never rewrites a committed file.
 */
export function shotPath(name: string): string {
  return process.env.UPDATE_SCREENSHOTS ? `docs/screenshots/${name}` : test.info().outputPath(name);
}
