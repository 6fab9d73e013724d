/**
 * The typed test bridge `window.__anonscope`, installed in dev and test builds only: e2e tests
 * read the position and the JSON document and wait until the screen has caught up.
 */
import type { VmDoc } from "../contract/doc";
import type { Position } from "../contract/wire/protocol";
import { loadText, seek } from "./actions";
import { aheadReady, debugEngine, killEngine, scrubStats, setWatchdog } from "./engine";
import { requestDoc } from "./queries";
import { linkReady } from "./history";
import { clampPos, samePos } from "../contract/position";
import { useApp, type AppState } from "./store";
import { local } from "./local";

export interface AnonscopeBridge {
  /** true once the snapshot on screen is the one for the wanted position and no load is pending */
  settled(): boolean;
  /** the link codec is loaded (history.ts: fetched once the first scenario is on screen) */
  linkReady(): boolean;
  state(): { text: string; pos: Position; steps: number; error: string | null; gen: number };
  doc(): Promise<VmDoc | null>;
  seek(pos: Position): void;
  /** whether the next (1) or previous (−1) event's snapshot was sent ahead by the worker */
  aheadReady(dir: 1 | -1): boolean;
  /** the scrubber's cache (worker/scrub.ts): positions and bytes of snapshots kept for jumps */
  scrub(): { count: number; bytes: number };
  load(text: string, to?: Position | "end"): Promise<void>;
  /** supervision tests: kill the worker, crash it (an uncaught error), make the next step throw */
  killWorker(): void;
  crashWorker(): void;
  failNextStep(): void;
  /** liveness tests: the worker ends itself silently (self.close), or spins for ever */
  closeWorker(): void;
  hangWorker(): void;
  /** the watchdog's limit in ms (30 s normally), for the test that shows it stopping a scenario */
  setWatchdog(ms: number): void;
}

declare global {
  interface Window {
    __anonscope?: AnonscopeBridge;
  }
}

function isSettled(s: AppState): boolean {
  const snap = s.engine.snapshot;
  if (s.scenario.loading || !snap || snap.gen !== s.engine.gen) return false;
  return samePos(snap.pos, clampPos(s.engine.steps, s.engine.pos));
}

/**
 * The last document asked for, by the scenario text, generation and position it is of: a test
 * checks several views of one position against it, and a 1 GB state's document takes the worker
 * seconds to build and to send. The engine is deterministic, so the same key is the same state.
 */
const my = local((): { lastDoc: { key: string; doc: Promise<VmDoc | null> } | null } => ({ lastDoc: null }));

function docOnScreen(): Promise<VmDoc | null> {
  const s = useApp.getState();
  const key = JSON.stringify([s.scenario.text, s.engine.gen, s.engine.pos]);
  if (my.lastDoc?.key !== key) {
    const doc = requestDoc();
    my.lastDoc = { key, doc };
    // a failure is asked again next time
    const forget = () => {
      if (my.lastDoc?.doc === doc) my.lastDoc = null;
    };
    void doc.then((d) => d === null && forget(), forget);
  }
  return my.lastDoc.doc;
}

export function installBridge(): void {
  const bridge: AnonscopeBridge = {
    settled: () => isSettled(useApp.getState()),
    linkReady,
    state() {
      const s = useApp.getState();
      const e = s.scenario.error;
      return {
        text: s.scenario.text,
        pos: s.engine.pos,
        steps: s.engine.steps.length,
        error: e ? `line ${e.line}, column ${e.column}: ${e.message}` : null,
        gen: s.engine.gen,
      };
    },
    doc: docOnScreen,
    seek: (pos) => seek(pos),
    aheadReady,
    scrub: scrubStats,
    load: async (text, to = "end") => {
      await loadText(text, to, { history: "replace", fresh: true });
    },
    killWorker: killEngine,
    crashWorker: () => debugEngine("crash"),
    failNextStep: () => debugEngine("fault-next-step"),
    closeWorker: () => debugEngine("close"),
    hangWorker: () => debugEngine("hang"),
    setWatchdog,
  };
  window.__anonscope = bridge;
  // a test that opens a link with a short watchdog sets it before the page loads
  const ms = Number(globalThis.sessionStorage?.getItem("anonscope-test-watchdog-ms"));
  if (ms > 0) setWatchdog(ms);
}
