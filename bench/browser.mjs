#!/usr/bin/env node
// The browser benchmark (issue #5): builds the app in "test" mode (which installs the
// window.__anonscope bridge) into a temporary directory, serves it with vite preview on a free
// loopback port, drives Debian's Chromium through Playwright and prints, then writes
// bench/browser-results.json (flat keys, stable across runs: compare with bench/README.md).
//
//   node bench/browser.mjs            build, serve, measure
//   node bench/browser.mjs --quick    fewer repetitions (a smoke run, figures are rough)
//   node bench/browser.mjs --load     the load figures alone (load*, throttled*, bundle*), printed
//                                     with the load average; browser-results.json is left as it is
//
// Figures (all in ms unless named otherwise):
//   step*      a step command (bridge seek, issued at a random phase of the frame as a key press
//              is) → the first requestAnimationFrame after the store holds the new snapshot
//              (React has committed by then). *Store: → the store update itself; *Paint: → the
//              task right after that frame, i.e. once it is painted. *FramesLate: in which
//              frame after the command it is painted (1: the next one). *Gap: the longest gap
//              between two animation frames during the step (> ~17: the main thread blocked).
//              stepDefault* run with the transitions on (issue 14; each step watched 300 ms):
//              *AnimatedSteps: how many of the 30 started one in their painted frame; *AnimGap*:
//              the longest gap between frames while it played. stepStill*: the same steps
//              with prefers-reduced-motion (no transition), for comparison.
//   jumpLarge* the same for jumps to random positions of the large preset (the scrubber).
//   panZoom*   the large preset's Anon layer zoomed (down to single slots) and panned for 5 s
//              (panZoomPhys*: Physical memory down to single frames; panZoomSeg*: P2's 1 GB
//              segment in Address spaces down to single pages; panZoomSwap*: the Swap panel's
//              device strip on the large pageout preset down to single slots),
//              one synthetic wheel or drag event per frame on its zoom surface. Frame*: each
//              frame's work, from its requestAnimationFrame callback (the input) to the task
//              after it is rendered. RafDelta*: the deltas between animation frames, which
//              headless Chromium paces at 60 Hz whatever the flags (16.7 = no frame dropped);
//              DroppedFrames: deltas over 25 ms.
//   load*      navigation start → the first painted frame with the default scenario on screen, in a
//              fresh context whose new window has gone idle first (quietBrowser). Loads run in a
//              Chromium of their own driven without Playwright (bareChromium.mjs): Playwright
//              turns on DevTools' Runtime domain, which costs the app's first frame ~200 ms
//              throttled that a student's browser never pays, and hides the scrollbars.
//              loadBeforePaintKB: gzip of the JS and CSS files requested (page and worker)
//              before that frame; loadBeforePaintFiles: how many.
//              loadEngineReadyMedianMs: when the worker's own reply to that first load came (a
//              first visit paints the build's frame before it: src/state/firstFrame.ts).
//   throttled* the same load and the default scenario's steps with Chromium's CPU throttled 4×
//              (CDP Emulation.setCPUThrottlingRate: it slows the page's main thread, where React
//              renders; the engine worker runs unthrottled). throttledLoadUnderDevtools*: the same
//              loads driven by Playwright, alternating with the others; the steps run in its page.
//   scrub*     the scrubber's cache (src/worker/scrub.ts) on the large preset: how long after the
//              load it holds every position, how many and how many MB; jumpLarge* run after that.
//   bundle*    gzip (zlib level 9) of the built JS and CSS, source maps excluded.
import { chromium } from "@playwright/test";
import { format } from "prettier";
import { build, preview } from "vite";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir, type as osType, release } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";
import { launchBare } from "./bareChromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const loadOnly = process.argv.includes("--load");
const STEPS = quick ? 10 : 30;
const LOADS = quick ? 2 : 7;
const PAN_MS = quick ? 2000 : 5000;

const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const r1 = (x) => Math.round(x * 10) / 10;

const loadBefore = loadavg()[0];

// ---- build and serve
const outDir = mkdtempSync(join(tmpdir(), "anonscope-bench-"));
await build({ root, mode: "test", logLevel: "warn", build: { outDir, emptyOutDir: true } });

function bundleSizes(dir) {
  let js = 0;
  let css = 0;
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?js)$/.test(e)) js += gzipSync(readFileSync(p), { level: 9 }).length;
      else if (e.endsWith(".css")) css += gzipSync(readFileSync(p), { level: 9 }).length;
    }
  };
  walk(dir);
  return { js, css };
}
const sizes = bundleSizes(outDir);
/** gzip -9 size of a built file, by its URL path (null: not a file of the build) */
function gzipOf(url) {
  const path = join(outDir, new URL(url).pathname.replace(/^\/+/, ""));
  try {
    return gzipSync(readFileSync(path), { level: 9 }).length;
  } catch {
    return null;
  }
}

const server = await preview({
  root,
  mode: "test",
  logLevel: "warn",
  build: { outDir },
  preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
});
const base = server.resolvedUrls.local[0];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const browserVersion = browser.version();
const browserCdp = await browser.newBrowserCDPSession();
// the load figures' browser: no DevTools domain on but the ones the measure needs (bareChromium.mjs)
const bare = await launchBare();

/** Runs in the page from the start: records when the first settled frame is painted. */
function firstPaintProbe() {
  const after = (fn) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    ch.port2.postMessage(0);
  };
  const tick = () => {
    if (window.__anonscope?.settled()) {
      window.__benchSettledFrame = performance.now();
      after(() => (window.__benchFirstPaint = performance.now()));
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Waits until the browser is idle: its processes together used under 20 ms of CPU in each of
 * two 250 ms spells (at most 8 s). A new context opens a new headless window, which starts its
 * own browser-UI renderer (Chromium's omnibox popup, "WebUI Top Renderer"): about 1.1 s of CPU
 * in the first second. A load started at once shares this 2-core box with it and measured twice
 * as slow (bench/README.md, "Fourth pass"); a student's browser has its window open already.
 * scripts/chromium.mjs now turns those popups off; the wait stays for whatever else a new window
 * starts.
 */
async function quietBrowser(send = (m) => browserCdp.send(m)) {
  const cpu = async () =>
    (await send("SystemInfo.getProcessInfo")).processInfo.reduce((n, p) => n + p.cpuTime, 0);
  const until = Date.now() + 8000;
  let last = await cpu();
  let calm = 0;
  while (calm < 2 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await cpu();
    calm = now - last < 0.02 ? calm + 1 : 0;
    last = now;
  }
}

async function newPage() {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await quietBrowser();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.addInitScript(firstPaintProbe);
  return { ctx, page, errors };
}

async function settle(page) {
  await page.waitForFunction(() => window.__anonscope?.settled() === true, undefined, { timeout: 120_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Every position of the timeline on screen, in order (see src/state/positions.ts). */
async function positions(page) {
  const steps = await page.evaluate(async () => (await window.__anonscope.doc()).steps);
  const out = [{ step: 0, event: -1 }];
  steps.forEach((s, i) => {
    for (let e = 0; e < s.events.length - 1; e++) out.push({ step: i + 1, event: e });
    out.push({ step: i + 1, event: -1 });
  });
  return out;
}

/** `n` positions walking forward from index `from`, turning back at either end. */
function pingPong(all, from, n) {
  const out = [];
  let i = from;
  let d = 1;
  for (let k = 0; k < n; k++) {
    if (i + d < 0 || i + d >= all.length) d = -d;
    i += d;
    out.push(all[i]);
  }
  return out;
}

/**
 * One step, issued at a random phase of the frame (as a key press is): seek, then time the
 * store update (the snapshot is in the store: settled), the first animation frame after it
 * (React has committed: the frame that paints it) and the task after that frame (painted).
 * `through` (ms): keep watching the frames that long after the command, while the step's
 * transition (issue 14) plays: `anim` is how many animations the painted frame started, `animGap`
 * the longest gap between two frames after it (16.7: the transition dropped no frame).
 */
async function timeStep(page, pos, through = 0) {
  return page.evaluate(
    async ([p, through]) => {
      const b = window.__anonscope;
      const frames = [];
      let recording = true;
      const rec = (ts) => {
        frames.push(ts);
        if (recording) requestAnimationFrame(rec);
      };
      requestAnimationFrame(rec);
      await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => setTimeout(r, Math.random() * 16));
      const ch = new MessageChannel();
      const lastFrame = frames[frames.length - 1];
      const t0 = performance.now();
      b.seek(p);
      const tStore = await new Promise((res) => {
        const poll = () => (b.settled() ? res(performance.now()) : ch.port2.postMessage(0));
        ch.port1.onmessage = poll;
        poll();
      });
      let frameTs = 0;
      let anim = 0;
      const tFrame = await new Promise((res) =>
        requestAnimationFrame((ts) => {
          frameTs = ts;
          anim = document.getAnimations().filter((a) => a.playState === "running").length;
          res(performance.now());
        }),
      );
      const tPaint = await new Promise((res) => {
        ch.port1.onmessage = () => res(performance.now());
        ch.port2.postMessage(0);
      });
      await new Promise((r) => requestAnimationFrame(r));
      const during = frames.length;
      if (through > 0) await new Promise((r) => setTimeout(r, Math.max(0, t0 + through - performance.now())));
      recording = false;
      let gap = 0;
      for (let i = 1; i < during; i++) gap = Math.max(gap, frames[i] - frames[i - 1]);
      let animGap = 0;
      for (let i = frames.indexOf(frameTs) + 1; i > 0 && i < frames.length; i++)
        animGap = Math.max(animGap, frames[i] - frames[i - 1]);
      // 1: painted in the very next frame after the command
      const late = Math.max(1, Math.round((frameTs - lastFrame) / (1000 / 60)));
      return { store: tStore - t0, frame: tFrame - t0, paint: tPaint - t0, gap, late, anim, animGap };
    },
    [pos, through],
  );
}

async function stepRun(page, seq, through = 0) {
  // one warm-up pass over the first few positions (JIT, first window requests)
  for (const p of seq.slice(0, 3)) await timeStep(page, p, through);
  const res = [];
  for (const p of seq) res.push(await timeStep(page, p, through));
  const transitions = through > 0 ? res.filter((r) => r.anim > 0) : [];
  return {
    ...(through > 0
      ? {
          // steps whose painted frame started a transition, and the frames while it played
          animatedSteps: transitions.length,
          animGapMedianMs: r1(
            quantile(
              transitions.map((r) => r.animGap),
              0.5,
            ),
          ),
          animGapP95Ms: r1(
            quantile(
              transitions.map((r) => r.animGap),
              0.95,
            ),
          ),
        }
      : {}),
    storeMedianMs: r1(
      quantile(
        res.map((r) => r.store),
        0.5,
      ),
    ),
    storeP95Ms: r1(
      quantile(
        res.map((r) => r.store),
        0.95,
      ),
    ),
    medianMs: r1(
      quantile(
        res.map((r) => r.frame),
        0.5,
      ),
    ),
    p95Ms: r1(
      quantile(
        res.map((r) => r.frame),
        0.95,
      ),
    ),
    paintMedianMs: r1(
      quantile(
        res.map((r) => r.paint),
        0.5,
      ),
    ),
    paintP95Ms: r1(
      quantile(
        res.map((r) => r.paint),
        0.95,
      ),
    ),
    framesLateMedian: quantile(
      res.map((r) => r.late),
      0.5,
    ),
    framesLateP95: quantile(
      res.map((r) => r.late),
      0.95,
    ),
    gapMedianMs: r1(
      quantile(
        res.map((r) => r.gap),
        0.5,
      ),
    ),
    gapP95Ms: r1(
      quantile(
        res.map((r) => r.gap),
        0.95,
      ),
    ),
  };
}

const results = {};
const notes = [];

/**
 * One load in a fresh context (no HTTP cache, no service worker yet): the first interactive paint,
 * FCP, and the JS and CSS requested before that paint (the page's and its workers').
 */
async function timeLoad(throttle = 1) {
  const { ctx, page, errors } = await newPage();
  if (throttle !== 1) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  await page.goto(base);
  // polled every 100 ms, not every frame: the probe stamps the time itself, and a check in every
  // frame would run Playwright's script on the main thread being measured
  await page.waitForFunction(() => window.__benchFirstPaint !== undefined, undefined, {
    polling: 100,
    timeout: 60_000,
  });
  const f = await page.evaluate(loadFacts);
  return {
    ctx,
    page,
    errors,
    first: f.first,
    fcp: f.fcp,
    engineReady: f.engineReady,
    ...beforePaint(f.requested),
  };
}

/** Runs in the page from the start, beside firstPaintProbe: keeps the page's errors for the bench. */
function errorProbe() {
  window.__benchErrors = [];
  addEventListener("error", (e) => window.__benchErrors.push(String(e.message)));
  addEventListener("unhandledrejection", (e) => window.__benchErrors.push(String(e.reason)));
  const error = console.error.bind(console);
  console.error = (...a) => {
    window.__benchErrors.push(a.map(String).join(" "));
    error(...a);
  };
}

/** Runs in the page once it has painted: what timeLoad reads, from the page's own timeline. */
async function loadFacts() {
  // the app's first render waits for the scenario (src/main.tsx), so its first contentful paint
  // is that frame's, reported a moment after it
  const fcpOf = (es) => es.find((e) => e.name === "first-contentful-paint")?.startTime;
  const fcp = await new Promise((done) => {
    const now = fcpOf(performance.getEntriesByType("paint"));
    if (now !== undefined) return done(now);
    new PerformanceObserver((l) => {
      const t = fcpOf(l.getEntries());
      if (t !== undefined) done(t);
    }).observe({ type: "paint", buffered: true });
    setTimeout(() => done(Number.NaN), 5000);
  });
  const first = window.__benchFirstPaint;
  // a first visit paints the build's frame before the worker is fetched (src/state/firstFrame.ts):
  // when the worker's own reply came (NaN: a build without it, or one that waited for it anyway)
  const engineReady = await new Promise((done) => {
    const poll = () => {
      const t = performance.getEntriesByName("anonscope-engine-ready")[0]?.startTime;
      if (t !== undefined) done(t);
      else if (performance.now() > first + 5000) done(Number.NaN);
      else setTimeout(poll, 10);
    };
    poll();
  });
  // requested before the settled frame: the resource timeline holds the page's requests and its
  // dedicated workers' scripts
  const requested = performance
    .getEntriesByType("resource")
    .filter((r) => r.startTime <= window.__benchSettledFrame)
    .map((r) => r.name);
  return { first, fcp, engineReady, requested, errors: window.__benchErrors ?? [] };
}

/** The JS and CSS files among a load's requests before its first paint, and their gzip bytes. */
function beforePaint(requested) {
  const files = [...new Set(requested.filter((u) => /\.(m?js|css)(\?|$)/.test(u)))];
  return { files, bytes: files.reduce((n, u) => n + (gzipOf(u) ?? 0), 0) };
}

/**
 * timeLoad in the bare browser (bareChromium.mjs): the same load, probe and figures, without
 * Playwright's DevTools domains in the page. The load figures are these.
 */
async function timeBareLoad(throttle = 1) {
  const page = await bare.newPage({ initScript: `(${firstPaintProbe})();(${errorProbe})();` });
  await quietBrowser(bare.send);
  if (throttle !== 1) await page.throttle(throttle);
  await page.navigate(base);
  // polled every 100 ms, as timeLoad does
  await page.waitFor("window.__benchFirstPaint !== undefined", { everyMs: 100 });
  const f = await page.evaluate(`(${loadFacts})()`);
  return {
    page,
    errors: f.errors,
    first: f.first,
    fcp: f.fcp,
    engineReady: f.engineReady,
    ...beforePaint(f.requested),
  };
}

// ---- load: first interactive paint, fresh context each time (no HTTP cache)
{
  const firsts = [];
  const fcps = [];
  const readies = [];
  for (let i = 0; i < LOADS; i++) {
    const { page, errors, first, fcp, bytes, files, engineReady } = await timeBareLoad();
    firsts.push(first);
    fcps.push(fcp);
    if (!Number.isNaN(engineReady)) readies.push(engineReady);
    if (i === 0) {
      results.loadBeforePaintKB = r1(bytes / 1024);
      results.loadBeforePaintFiles = files.length;
      notes.push(
        `before the first paint: ${files.map((u) => new URL(u).pathname.split("/").pop()).join(", ")}`,
      );
    }
    if (errors.length) notes.push(`load: ${errors.join("; ")}`);
    await page.close();
  }
  results.loadInteractiveMedianMs = r1(quantile(firsts, 0.5));
  results.loadFcpMedianMs = r1(quantile(fcps, 0.5));
  if (readies.length) results.loadEngineReadyMedianMs = r1(quantile(readies, 0.5));
}
// ---- a student's laptop: the same with the CPU throttled 4×, then 30 steps of the default scenario
{
  const firsts = [];
  const readies = [];
  // the same loads driven by Playwright, alternating with the bare ones: what DevTools being
  // attached costs (bareChromium.mjs), measured in the same minutes
  const underDevtools = [];
  let last = null;
  // as many as unthrottled: a throttled load's time spreads more (1.2–1.8 s in one run here)
  const n = LOADS;
  for (let i = 0; i < n; i++) {
    const b = await timeBareLoad(4);
    firsts.push(b.first);
    if (!Number.isNaN(b.engineReady)) readies.push(b.engineReady);
    if (b.errors.length) notes.push(`throttled load: ${b.errors.join("; ")}`);
    // closed before the next load: a page left open keeps working after its load (the service
    // worker's precache, the chunks fetched when idle) and made the next load ~40% slower here
    await b.page.close();
    const l = await timeLoad(4);
    underDevtools.push(l.first);
    if (i < n - 1) await l.ctx.close();
    else last = l;
  }
  results.throttledLoadInteractiveMedianMs = r1(quantile(firsts, 0.5));
  notes.push(`throttled loads: ${firsts.map((t) => Math.round(t)).join(", ")} ms`);
  if (readies.length) results.throttledLoadEngineReadyMedianMs = r1(quantile(readies, 0.5));
  results.throttledLoadUnderDevtoolsMedianMs = r1(quantile(underDevtools, 0.5));
  notes.push(
    `throttled loads under Playwright (DevTools' Runtime domain on): ${underDevtools.map((t) => Math.round(t)).join(", ")} ms`,
  );
  // the steps run in the last Playwright page: they need its bridge calls, and create no errors
  await settle(last.page);
  const all = await positions(last.page);
  const r = await stepRun(last.page, pingPong(all, 0, STEPS));
  for (const k of ["medianMs", "p95Ms", "framesLateMedian", "framesLateP95"])
    results[`throttledStep${k[0].toUpperCase()}${k.slice(1)}`] = r[k];
  if (last.errors.length) notes.push(`throttled: ${last.errors.join("; ")}`);
  await last.ctx.close();
}
results.bundleJsGzipKB = r1(sizes.js / 1024);
results.bundleCssGzipKB = r1(sizes.css / 1024);
results.bundleGzipKB = r1((sizes.js + sizes.css) / 1024);

await bare.close();
if (loadOnly) {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
  rmSync(outDir, { recursive: true, force: true });
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(34)} ${v}`);
  for (const n of notes) console.log(`note: ${n}`);
  console.log(`load average (1 min) before ${r1(loadBefore)}, after ${r1(loadavg()[0])}`);
  process.exit(0);
}

const { ctx, page, errors } = await newPage();
await page.goto(base);
await settle(page);

// ---- default scenario: 30 steps forward from the start (back at the end)
{
  const all = await positions(page);
  // each step watched for 300 ms: its transition (240 ms) plays out, with the next step's command after it
  const r = await stepRun(page, pingPong(all, 0, STEPS), 300);
  for (const [k, v] of Object.entries(r)) results[`stepDefault${k[0].toUpperCase()}${k.slice(1)}`] = v;
  await page.emulateMedia({ reducedMotion: "reduce" });
  const still = await stepRun(page, pingPong(all, 0, STEPS), 300);
  for (const k of ["medianMs", "p95Ms", "framesLateP95", "gapP95Ms"])
    results[`stepStill${k[0].toUpperCase()}${k.slice(1)}`] = still[k];
  await page.emulateMedia({ reducedMotion: "no-preference" });
}

// ---- the large preset: 1 GiB touched, fork, child writes 1%
const large = readFileSync(join(root, "src/scenarios/presets/90-large-fork.vms"), "utf8");
{
  const t = Date.now();
  await page.evaluate((text) => window.__anonscope.load(text, "end"), large);
  await settle(page);
  results.loadLargePresetMs = Date.now() - t;
  const all = await positions(page);
  // the worker fills the scrubber's cache while idle: until it holds every other position
  // (or stops growing for 5 s: its budget)
  // (a build without it, e.g. an older commit measured for comparison, skips the wait)
  if (await page.evaluate(() => typeof window.__anonscope.scrub === "function")) {
    let n = -1;
    let since = Date.now();
    for (;;) {
      const s = await page.evaluate(() => window.__anonscope.scrub());
      if (s.count !== n) [n, since] = [s.count, Date.now()];
      if (s.count >= all.length - 1 || Date.now() - since > 5000 || Date.now() - t > 120_000) {
        results.scrubFillMs = Date.now() - t - results.loadLargePresetMs;
        results.scrubPositions = s.count;
        results.scrubOfPositions = all.length;
        results.scrubMB = r1(s.bytes / 2 ** 20);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  // from the middle of the 1 GiB write, through the fork, into the child's copies
  const start = all.findIndex((p) => p.step === 3 && p.event === 20);
  const r = await stepRun(page, pingPong(all, Math.max(0, start), STEPS));
  for (const [k, v] of Object.entries(r)) results[`stepLarge${k[0].toUpperCase()}${k.slice(1)}`] = v;
  // jumps to positions far apart (a click on the scrubber): nothing built ahead helps these
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const big = all.filter((p) => p.step >= 4);
  const jumps = Array.from({ length: STEPS }, () => big[Math.floor(rand() * big.length)]);
  const j = await stepRun(page, jumps);
  for (const [k, v] of Object.entries(j)) results[`jumpLarge${k[0].toUpperCase()}${k.slice(1)}`] = v;
  await page.evaluate((p) => window.__anonscope.seek(p), all[all.length - 1]);
  await settle(page);
}

// ---- pan and zoom the large preset for 5 s: the Anon layer, then Physical memory and a segment
// of Address spaces, each on its own zoom surface
// `wheel`: the delta of each wheel event, so that 60 of them reach single cells (d3-zoom scales
// by 2^(delta/500) per event: 110 → 9,500×, enough for 262,144 slots; 150 → 262,144×)
async function panZoom(selector, prefix, wheel) {
  const surface = page.locator(selector).first();
  // the zoomable views are loaded on first use (src/ui/panels/lazyZoom.tsx): a moment after settling
  await surface.waitFor({ timeout: 15_000 }).catch(() => {});
  if ((await surface.count()) === 0) {
    notes.push(`${prefix}: no ${selector} on screen`);
    return;
  }
  const frames = await surface.evaluate(
    async (el, [ms, wheel]) => {
      const r = el.getBoundingClientRect();
      const y = r.top + r.height / 2;
      const fire = (type, x, extra = {}) =>
        el.dispatchEvent(
          new (type === "wheel" ? WheelEvent : MouseEvent)(type, {
            bubbles: true,
            cancelable: true,
            view: window,
            clientX: x,
            clientY: y,
            ...extra,
          }),
        );
      const ts = [];
      const work = [];
      const ch = new MessageChannel();
      let started = 0;
      ch.port1.onmessage = () => work.push(performance.now() - started);
      const t0 = performance.now();
      let k = 0;
      let x = r.left + r.width / 2;
      let dragging = false;
      await new Promise((done) => {
        const frame = (now) => {
          ts.push(now);
          started = performance.now();
          if (now - t0 >= ms) {
            if (dragging)
              window.dispatchEvent(new MouseEvent("mouseup", { view: window, clientX: x, clientY: y }));
            done();
            return;
          }
          // a 240-frame cycle: zoom in (wheel, down to single slots), pan right, pan left, zoom out
          const phase = Math.floor(k / 60) % 4;
          const cx = r.left + r.width * (0.3 + 0.4 * ((k % 240) / 240));
          if (phase === 0 || phase === 3) {
            if (dragging) {
              window.dispatchEvent(new MouseEvent("mouseup", { view: window, clientX: x, clientY: y }));
              dragging = false;
            }
            fire("wheel", cx, { deltaY: phase === 0 ? -wheel : wheel, deltaMode: 0 });
          } else {
            if (!dragging) {
              fire("mousedown", x, { button: 0 });
              dragging = true;
            }
            x += phase === 1 ? 9 : -9;
            window.dispatchEvent(new MouseEvent("mousemove", { view: window, clientX: x, clientY: y }));
          }
          // runs once this frame is rendered: the frame's work, input to paint
          ch.port2.postMessage(0);
          k++;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      await new Promise((r) => setTimeout(r, 50));
      return { ts, work };
    },
    [PAN_MS, wheel],
  );
  const deltas = [];
  for (let i = 1; i < frames.ts.length; i++) deltas.push(frames.ts[i] - frames.ts[i - 1]);
  results[`${prefix}Frames`] = deltas.length;
  results[`${prefix}FrameMedianMs`] = r1(quantile(frames.work, 0.5));
  results[`${prefix}FrameP95Ms`] = r1(quantile(frames.work, 0.95));
  results[`${prefix}FrameMaxMs`] = r1(Math.max(...frames.work));
  results[`${prefix}RafDeltaMedianMs`] = r1(quantile(deltas, 0.5));
  results[`${prefix}RafDeltaP95Ms`] = r1(quantile(deltas, 0.95));
  results[`${prefix}DroppedFrames`] = deltas.filter((d) => d > 25).length;
}
await panZoom('[data-panel="anon"] [data-zoom-surface]', "panZoom", 110);
await panZoom("[data-frame-surface]", "panZoomPhys", 150);
await panZoom('[data-seg-zoom="P2/heap"]', "panZoomSeg", 130);
// the Swap panel's device strip on the large pageout preset (54,904 of 524,288 slots in use):
// 160 a wheel event reaches single slots within 60 events
{
  const t = Date.now();
  const text = readFileSync(join(root, "src/scenarios/presets/91-large-pageout.vms"), "utf8");
  await page.evaluate((s) => window.__anonscope.load(s, "end"), text);
  await settle(page);
  results.loadLargePageoutMs = Date.now() - t;
}
await panZoom("[data-slot-surface]", "panZoomSwap", 160);
if (errors.length) notes.push(`page errors: ${errors.join("; ")}`);
await ctx.close();
await browser.close();
await new Promise((r) => server.httpServer.close(r));
rmSync(outDir, { recursive: true, force: true });

const out = {
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "?",
    memGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    browser: `Chromium ${browserVersion} (headless, --disable-gpu)`,
    date: new Date().toISOString().slice(0, 10),
    // 1-minute load average before and after: other work on the box skews the tails
    load: [r1(loadBefore), r1(loadavg()[0])],
    quick,
  },
  results,
  notes,
};
const file = join(root, "bench", "browser-results.json");
// formatted as the repository's prettier check wants it
writeFileSync(file, await format(JSON.stringify(out), { parser: "json" }));
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(26)} ${v}`);
for (const n of notes) console.log(`note: ${n}`);
console.log(`(wrote ${relative(root, file)})`);
