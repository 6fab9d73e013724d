// first: the engine worker starts loading while the rest of the app's code is evaluated
import "./state/earlyEngine";
import { StrictMode } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { connect } from "./state/engine";
import { boot } from "./state/boot";
import { followChanges } from "./state/changes";
import { followBeside } from "./state/pair";
import { installBridge } from "./state/bridge";
import { useApp } from "./state/store";
import { markPainted } from "./state/firstFrame";
import { App } from "./ui/App";
import "./ui/app.css";

connect();
if (import.meta.env.DEV || import.meta.env.MODE === "test") installBridge();
boot();
followChanges();
followBeside();

/**
 * The first render waits for the first scenario (or a message about it), up to
 * FIRST_RENDER_WAIT_MS: drawing every panel empty and then again full costs a slow laptop's main
 * thread half a second before the scenario is on screen (the worker, started first, has it ready
 * within a few tens of ms of being asked). A scenario that takes longer shows the app meanwhile.
 */
const FIRST_RENDER_WAIT_MS = 400;
const root = createRoot(document.getElementById("root")!);
let rendered = false;
const render = (): void => {
  if (rendered) return;
  rendered = true;
  stop();
  clearTimeout(timer);
  // at once, not at React's next turn: the snapshot is painted in the frame it arrives for
  flushSync(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
  // the frame after this render is painted; a worker waiting for it may start (firstFrame.ts).
  // A hidden page paints no frame: the timer starts the worker all the same
  requestAnimationFrame(() => setTimeout(markPainted, 0));
  setTimeout(markPainted, 1000);
};
const ready = (s: ReturnType<typeof useApp.getState>): boolean =>
  s.engine.snapshot !== null || s.scenario.error !== null || s.view.notice !== null;
const stop = useApp.subscribe((s) => ready(s) && render());
const timer = setTimeout(render, FIRST_RENDER_WAIT_MS);
if (ready(useApp.getState())) render();
