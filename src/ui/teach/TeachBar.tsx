import { LESSON_CATALOG } from "../../lessons/catalog";
import { notify } from "../../state/view";
import { requestDocView } from "../../state/queries";
import { useApp } from "../../state/store";
import {
  openLesson,
  closeLesson,
  openRules,
  setArch,
  setPredict,
  setTable,
  useTeach,
} from "../../state/teach";
import { labExportGroup } from "../lab/labMenu";
import { Menu, type MenuGroup } from "./Menu";
import { DIAGRAM_NAMES, type DiagramId } from "./exportNames";

/** The export code, loaded the first time an export is asked for (it is not needed to paint). */
const exporter = () => import("./exportFiles");

function stepNow(): { step: number; text: string } {
  const s = useApp.getState();
  const step = s.engine.snapshot?.pos.step ?? 0;
  return { step, text: step > 0 ? (s.engine.steps[step - 1]?.text ?? "") : "before the first step" };
}

async function exportDiagram(id: DiagramId, as: "svg" | "png"): Promise<void> {
  const { diagramSvg, download, fileStem, standaloneSvg, svgToPng } = await exporter();
  const svg = diagramSvg(id);
  const name = DIAGRAM_NAMES[id];
  if (!svg) {
    notify(
      "error",
      `${name} is not drawn as a diagram right now (a big segment is shown as density strips, or the table view is on).`,
    );
    return;
  }
  const { step, text } = stepNow();
  const f = standaloneSvg(svg, `Anonscope · ${name} · step ${step}: ${text}`);
  const stem = fileStem(name, step);
  try {
    if (as === "svg") download(`${stem}.svg`, new Blob([f.text], { type: "image/svg+xml" }));
    else download(`${stem}.png`, await svgToPng(f));
  } catch (e) {
    notify(
      "error",
      `The ${as.toUpperCase()} could not be made: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

async function exportText(which: "pmap" | "swap" | "both", copy: boolean): Promise<void> {
  const [doc, { download, fileStem, toolText }] = await Promise.all([
    requestDocView(useApp.getState().engine.snapshot?.pos, 1),
    exporter(),
  ]);
  if (!doc) return;
  const text = toolText(doc, which);
  if (!copy) {
    const stem = fileStem(
      which === "pmap" ? "pmap-x" : which === "swap" ? "swap-s" : "console",
      stepNow().step,
    );
    download(`${stem}.txt`, new Blob([text], { type: "text/plain;charset=utf-8" }));
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
    notify("info", "pmap -x and swap -s are copied.");
  } catch {
    notify("error", "The browser did not allow copying: use the text download instead.");
  }
}

function printUrl(): string {
  const { pathname, hash } = window.location;
  return `${pathname}?print${hash}`;
}

const exportGroups = (ready: boolean): MenuGroup[] => [
  {
    label: "Diagrams",
    items: (["anon", "address"] as const).flatMap((id) =>
      (["svg", "png"] as const).map((as) => ({
        label: `${DIAGRAM_NAMES[id]} (${as.toUpperCase()})`,
        onSelect: () => void exportDiagram(id, as),
        disabled: !ready,
      })),
    ),
  },
  {
    label: "Text",
    items: [
      { label: "pmap -x (.txt)", onSelect: () => void exportText("pmap", false), disabled: !ready },
      { label: "swap -s (.txt)", onSelect: () => void exportText("swap", false), disabled: !ready },
      { label: "Copy pmap -x and swap -s", onSelect: () => void exportText("both", true), disabled: !ready },
    ],
  },
  {
    items: [
      {
        label: "Printable scenario",
        note: "one step a page",
        onSelect: () => window.open(printUrl(), "_blank", "noopener"),
        disabled: !ready,
      },
    ],
  },
  labExportGroup(ready),
];

const ARCHES = [
  { arch: "x86", short: "x86 4K", long: "x86 (4 KB pages)" },
  { arch: "sparc", short: "sparc 8K", long: "sparc (8 KB pages)" },
] as const;

/**
 * The teaching controls of the top bar: lessons, predict, table view, rules, export, page size.
 * On laptop widths the last four fold into a "More" menu so the operations keep their room.
 */
export function TeachBar({ extra = [] }: { extra?: readonly MenuGroup[] } = {}) {
  const predict = useTeach((t) => t.predict);
  const table = useTeach((t) => t.table);
  const lesson = useTeach((t) => t.lesson);
  const arch = useApp((s) => s.engine.snapshot?.arch ?? "x86");
  const ready = useApp((s) => s.engine.snapshot !== null);
  const tableTitle = "The diagrams as tables (for screen readers and notes)";
  const rulesTitle = "Every rule the simulator follows, with its illumos source";
  return (
    <div className="teach-bar" role="group" aria-label="Teaching">
      <Menu
        label="Lessons"
        title="A guided walk through anonymous memory, in six lessons"
        groups={[
          {
            items: LESSON_CATALOG.map((l) => ({
              label: `${l.n}. ${l.title}`,
              onSelect: () => void openLesson(l.id),
              checked: l.id === lesson,
            })),
          },
          ...(lesson ? [{ items: [{ label: "Close the lesson", onSelect: closeLesson }] }] : []),
        ]}
      >
        Lessons ▾
      </Menu>
      <button
        type="button"
        className="btn"
        aria-pressed={predict}
        title="Predict each step before it runs: the simulator asks, you answer, then it shows and explains"
        onClick={() => setPredict(!predict)}
      >
        Predict
      </button>
      <span className="teach-wide">
        <button
          type="button"
          className="btn"
          aria-pressed={table}
          title={tableTitle}
          onClick={() => setTable(!table)}
        >
          Table
        </button>
        <button type="button" className="btn" title={rulesTitle} onClick={() => openRules()}>
          Rules
        </button>
        <Menu
          label="Export"
          title="Download the diagrams, the tools' output, a printable scenario, or the scenario as a lab for a real machine"
          groups={exportGroups(ready)}
        >
          Export ▾
        </Menu>
        <span className="teach-seg" role="group" aria-label="Page size">
          {ARCHES.map((a) => (
            <button
              key={a.arch}
              type="button"
              className="btn"
              aria-pressed={arch === a.arch}
              title={a.long}
              disabled={!ready}
              onClick={() => void setArch(a.arch)}
            >
              {a.short}
            </button>
          ))}
        </span>
      </span>
      <span className="teach-narrow">
        <Menu
          label="More"
          title={
            extra.length
              ? "Table view, rules, export, page size, theme, help"
              : "Table view, rules, export, page size"
          }
          groups={[
            // a phone's: the Narration's views, the theme and the help, first (TopBar.tsx)
            ...extra,
            {
              items: [
                {
                  label: "Table",
                  note: "the diagrams as tables",
                  checked: table,
                  checkbox: true,
                  onSelect: () => setTable(!table),
                },
                { label: "Rules", note: "with their illumos source", onSelect: () => openRules() },
              ],
            },
            ...exportGroups(ready).map((g) =>
              g.label ? { ...g, label: `Export ${g.label.toLowerCase()}` } : g,
            ),
            {
              label: "Page size",
              items: ARCHES.map((a) => ({
                label: a.long,
                checked: arch === a.arch,
                disabled: !ready,
                onSelect: () => void setArch(a.arch),
              })),
            },
          ]}
        >
          More ▾
        </Menu>
      </span>
    </div>
  );
}
