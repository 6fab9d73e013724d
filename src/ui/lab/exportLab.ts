import { scenarioTitle } from "../../lab/title";
import { notify } from "../../state/view";
import { useApp } from "../../state/store";
import { download } from "../teach/exportFiles";
import { askLab } from "./labClient";

/**
 * Export → C program and Export → Expected output: the lab for the scenario on screen, made in
 * the compare view's worker (loaded on the first click: the C runtime and a second copy of the
 * engine are not part of the app's first load).
 */

function shown(): { text: string; title: string; stem: string } | null {
  const s = useApp.getState();
  const text = s.scenario.shownText;
  if (!text) return null;
  const title = scenarioTitle(text, s.scenario.presetId ?? "scenario");
  const name = (s.scenario.presetId ?? title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60);
  return { text, title, stem: `anonscope-lab-${name}` };
}

export async function exportCProgram(): Promise<void> {
  const s = shown();
  if (!s) return;
  const hints = useApp.getState().engine.steps.map((st) => ({ result: st.result, events: st.events }));
  const r = await askLab({ kind: "c", scenario: s.text, title: s.title, hints });
  if (r.kind === "problem") {
    notify("error", r.problem.message);
    return;
  }
  if (r.kind !== "c") return;
  download(`${s.stem}.c`, new Blob([r.text], { type: "text/x-csrc;charset=utf-8" }));
  notify(
    "info",
    `${s.stem}.c: on illumos, gcc -m64 -std=c99 -o lab ${s.stem}.c && ./lab > real.txt, then Export → Compare with a real run.`,
  );
}

export async function exportExpected(): Promise<void> {
  const s = shown();
  if (!s) return;
  const r = await askLab({ kind: "expected", scenario: s.text, title: s.title });
  if (r.kind === "expected")
    download(`${s.stem}-expected.txt`, new Blob([r.text], { type: "text/plain;charset=utf-8" }));
  else if (r.kind === "problem") notify("error", r.problem.message);
}
