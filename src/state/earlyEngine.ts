/**
 * Imported first by main.tsx, for its side effect: modules are evaluated in import order, so the
 * engine worker is started (early.ts) before React and the panels are evaluated.
 */
import { startEarly } from "../client/early";
import { opensOnBuiltFrame } from "./firstFrame";

// a first visit paints the build's frame first and fetches the worker after it (firstFrame.ts)
if (!opensOnBuiltFrame()) startEarly();
