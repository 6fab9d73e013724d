import { runScenario } from "../engine/run";
import type { Scenario } from "../contract/ast";
import { emitC } from "./emit_c";
import { expectedText } from "./expected";
import { scenarioTitle } from "./title";

/** The lab's two CLI outputs (`--emit-c`, `--emit-expected`), for src/cli/sim.ts. */

export type LabEmit = "c" | "expected";

export function labOutput(kind: LabEmit, sc: Scenario, source: string, name: string): string {
  const title = scenarioTitle(source, name);
  if (kind === "expected") return expectedText(sc, title);
  const { steps } = runScenario(sc);
  return emitC(sc, { title, source, hints: steps.map((s) => ({ result: s.result, events: s.events })) });
}
