import { EngineClient } from "../client/client";
import { defaultEndpoint, deferredEndpoint, type Endpoint } from "../client/endpoints";
import type { SupervisorEvent } from "../client/supervision";
import type { DebugAction } from "../contract/wire/debug";
import type { Position, Snapshot } from "../contract/wire/protocol";
import { clampPos, nextEvent, prevEvent } from "../contract/position";
import { setBusy, setCut, setProgress } from "./engineStatus";
import { isPainted, opensOnBuiltFrame, whenPainted } from "./firstFrame";
import { local } from "./local";
import { setSlice, useApp } from "./store";
import { notify } from "./view";
import { keepWindows, movingViews } from "./zoomViews";
const get = () => useApp.getState();

// The connection to the engine: one client for the page, its supervisor's news told to the user,
// and the test bridge's hooks into it.
const my = local(
  () => ({ client: null as EngineClient | null }),
  (m) => m.client?.dispose(),
);
/**
 * The page's engine: a worker, started after the first paint when that paint needs none
 * (firstFrame.ts), at once otherwise; a restart makes a new one at once.
 */
const pageEndpoint = (): Endpoint =>
  opensOnBuiltFrame() && !isPainted() ? deferredEndpoint(defaultEndpoint, whenPainted()) : defaultEndpoint();

/** `ep`: an endpoint, or a factory of them (the default), which lets a dead engine be restarted. */
export function connect(ep: Endpoint | (() => Endpoint) = pageEndpoint): void {
  my.client?.dispose();
  my.client = new EngineClient(ep, {
    onEvent: onSupervisor,
    onStatus: (e) => (e.kind === "busy" ? setBusy(e.busy) : setProgress(e.step, e.of)),
    views: movingViews,
  });
}

/** The engine died or hung: say so; once the new one has replayed the scenario, show it. */
function onSupervisor(e: SupervisorEvent): void {
  if (e.kind === "died") {
    notify(
      "error",
      e.restarting
        ? `The simulator stopped (${e.why}). Restarting it and replaying your scenario…`
        : `The simulator keeps stopping (${e.why}). Reload the page; your scenario is in the editor and the link.`,
    );
    return;
  }
  if (e.kind === "resumed") {
    notify("info", `The simulator stopped (${e.why}) and was restarted; your scenario ran again.`);
    return;
  }
  const r = e.reply;
  keepWindows(r.views, r.snapshot);
  setSlice("engine", { gen: r.gen, steps: r.steps, snapshot: r.snapshot, pos: r.snapshot.pos, fault: null });
  setCut(r.cut ?? null);
  if (e.lost) {
    const back =
      "The last scenario that ran is back on screen, at the same step; your text is in the editor.";
    notify("error", `${e.lost} ${back}`);
  } else {
    notify(
      "info",
      `The simulator stopped (${e.why}) and was restarted: your scenario is back at the same step.`,
    );
  }
}

/** Test hooks for the e2e suite (the bridge): crash the worker, kill it, make a step throw. */
export const debugEngine = (action: DebugAction): void => engine().debug(action);
export const killEngine = (): void => engine().kill();
/** Test bridge: the watchdog's limit, in ms (30 s normally). */
export const setWatchdog = (ms: number): void => engine().setHangMs(ms);
/** Test bridge: whether the next (1) or previous (−1) event's snapshot is already here. */
export function aheadReady(dir: 1 | -1): boolean {
  const e = get().engine;
  const p = clampPos(e.steps, e.pos);
  return engine().hasAhead(e.gen, dir === 1 ? nextEvent(e.steps, p) : prevEvent(e.steps, p));
}

/**
 * The snapshot at pos if the engine sent it ahead, with a window for every zoomed view that
 * travels with moves (kept here, so both are drawn in one frame); null: ask the engine.
 */
export function aheadAt(gen: number, pos: Position): Snapshot | null {
  const hit = engine().takeAheadWith(gen, pos);
  if (hit) keepWindows(hit.views, hit.snapshot);
  return hit?.snapshot ?? null;
}

/** Test bridge and bench: what the scrubber's cache holds. */
export const scrubStats = (): { count: number; bytes: number } => engine().scrubStats();

export function engine(): EngineClient {
  if (!my.client) connect();
  return my.client!;
}
