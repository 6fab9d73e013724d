/**
 * Imported first by main.tsx, for its side effect: modules are evaluated in import order, so the
 * engine worker is started (early.ts) before React and the panels are evaluated.
 */
import { startEarly } from "../client/early";

startEarly();
