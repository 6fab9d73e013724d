/**
 * Golden drawings, Observable Plot's recipe moved into the browser: a panel's SVG drawing is
 * read from the page, normalized (numbers to one decimal, generated ids renumbered, one element
 * a line) and compared with a committed file in test/golden, so a change to a drawing shows in
 * review as a diff of that file. On a mismatch the new drawing is written beside the test's
 * output as NAME-changed.svg and the test fails; `npm run goldens` (UPDATE_GOLDENS=1) rewrites
 * the committed files instead. Look at the diff before committing one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test, type Page } from "./fixtures";

export const GOLDEN_DIR = "test/golden";

/** The drawing as text that diffs well and does not change with nothing drawn differently. */
export function normalizeSvg(svgs: readonly string[]): string {
  // tooltips and data-* attributes are words for people and tests, not drawing (other tests read
  // them): left out, so that a file stays small enough to review
  let text = svgs
    .join("\n")
    .replace(/<title>[^<]*<\/title>/g, "")
    .replace(/\sdata-[\w-]+="[^"]*"/g, "");
  // generated ids (React's useId, clip paths, markers) in order of appearance
  const ids = new Map<string, string>();
  for (const m of text.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `id${ids.size}`);
  for (const [from, to] of ids)
    text = text.split(`"${from}"`).join(`"${to}"`).split(`#${from})`).join(`#${to})`);
  text = text.replace(/-?\d+\.\d+/g, (n) => {
    const v = Math.round(Number(n) * 10) / 10;
    return String(Object.is(v, -0) ? 0 : v);
  });
  return `${text.replace(/></g, ">\n<").trim()}\n`;
}

/** The SVG drawings inside `selector` (a panel's body, the embed's main area), in order. */
export async function drawingOf(page: Page, selector: string): Promise<string> {
  // a zoomable view is loaded on first use (issue 18): wait for its drawing, not its "Loading …"
  await expect(page.locator(`${selector} [data-loading]`)).toHaveCount(0);
  await expect(page.locator(`${selector} svg`).first()).toBeAttached();
  const svgs = await page
    .locator(selector)
    .evaluateAll((els) => els.flatMap((el) => [...el.querySelectorAll("svg")].map((s) => s.outerHTML)));
  expect(svgs.length, `an SVG drawing in ${selector}`).toBeGreaterThan(0);
  return normalizeSvg(svgs);
}

/** Compare the drawing with test/golden/NAME.svg (or write it, under UPDATE_GOLDENS). */
export function expectGolden(name: string, drawing: string): void {
  const file = join(GOLDEN_DIR, `${name}.svg`);
  if (process.env.UPDATE_GOLDENS) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, drawing);
    return;
  }
  const want = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (want === drawing) return;
  const changed = test.info().outputPath(`${name}-changed.svg`);
  mkdirSync(dirname(changed), { recursive: true });
  writeFileSync(changed, drawing);
  expect(
    want === null ? `no ${file}` : `${file} differs`,
    `the drawing changed: compare ${changed} with ${file}, and if the change is wanted run npm run goldens`,
  ).toBe("");
}
