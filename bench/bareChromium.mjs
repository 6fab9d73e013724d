// A Chromium driven over the DevTools protocol with nothing but the commands a measurement needs,
// for the load figures of bench/browser.mjs.
//
// Why not Playwright: it turns on the protocol's Runtime domain in every page, and with it on, V8
// records a detailed stack trace, with line and column, for every Error the page creates. React
// DOM creates two at its module's top level (its Suspense sentinels), and finding their line and
// column makes V8 parse the whole app script again (V8.CollectSourcePositions): with the CPU
// throttled 4×, React DOM's module took 210–220 ms to run under Playwright and 5–9 ms here
// (bench/README.md, "Seventh pass"). A student's browser has no DevTools attached.
//
// The browser is its own process, talked to over --remote-debugging-pipe (NUL-separated JSON on
// file descriptors 3 and 4, as Playwright does it). Runtime.evaluate works without Runtime.enable.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";

/** Starts a headless Chromium; resolves once it answers. */
export async function launchBare() {
  const dir = mkdtempSync(join(tmpdir(), "anonscope-bare-"));
  const proc = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_ARGS, "--headless", "--remote-debugging-pipe", `--user-data-dir=${dir}`, "about:blank"],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
  );
  const toBrowser = proc.stdio[3];
  const fromBrowser = proc.stdio[4];
  let nextId = 0;
  const pending = new Map();
  let buf = "";
  fromBrowser.setEncoding("utf8");
  fromBrowser.on("data", (chunk) => {
    buf += chunk;
    for (let end = buf.indexOf("\0"); end >= 0; end = buf.indexOf("\0")) {
      const msg = JSON.parse(buf.slice(0, end));
      buf = buf.slice(end + 1);
      const p = msg.id !== undefined ? pending.get(msg.id) : undefined;
      if (p) {
        pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p.resolve(msg.result);
      }
      // events (messages without an id) are not needed: the measure polls the page instead
    }
  });
  const exited = new Promise((r) => proc.once("exit", r));
  exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`${p.method}: the browser exited`));
    pending.clear();
  });
  /** One protocol command (sessionId: a page's, else the browser's). */
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  const { product } = await send("Browser.getVersion");

  /**
   * A page in a fresh browser context (no cache, no storage), 1366×768, with `initScript` run in
   * every document before the page's own scripts.
   */
  async function newPage({ width = 1366, height = 768, initScript = "" } = {}) {
    const { browserContextId } = await send("Target.createBrowserContext", { disposeOnDetach: true });
    const { targetId } = await send("Target.createTarget", { url: "about:blank", browserContextId });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    const at = (method, params) => send(method, params, sessionId);
    await at("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
    // the Page domain on (its events only, no script in the page): without it the script
    // below is not run
    await at("Page.enable");
    if (initScript) await at("Page.addScriptToEvaluateOnNewDocument", { source: initScript });
    /** The value of an expression in the page (a promise is awaited); throws what it throws. */
    const evaluate = async (expression) => {
      const r = await at("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
      if (r.exceptionDetails)
        throw new Error(
          `in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
        );
      return r.result.value;
    };
    /** Polls `expression` every `everyMs` until it is truthy; resolves to its value. */
    const waitFor = async (expression, { everyMs = 100, timeoutMs = 60_000 } = {}) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = await evaluate(expression);
        if (v) return v;
        if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
        await new Promise((r) => setTimeout(r, everyMs));
      }
    };
    return {
      send: at,
      evaluate,
      waitFor,
      throttle: (rate) => at("Emulation.setCPUThrottlingRate", { rate }),
      navigate: (url) => at("Page.navigate", { url }),
      close: () => send("Target.disposeBrowserContext", { browserContextId }).catch(() => {}),
    };
  }

  return {
    version: product,
    send,
    newPage,
    async close() {
      await send("Browser.close").catch(() => {});
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      proc.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
