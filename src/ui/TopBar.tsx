import { setHelp, setTheme } from "../state/actions";
import { redo, share, undo } from "../state/edits";
import { useApp } from "../state/store";
import { useUndo } from "../state/undo";
import { Icon } from "./Icon";
import { OpsBar } from "./OpsBar";
import { ToolButton } from "./ToolButton";

const MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = MAC ? "⌘" : "Ctrl+";

/** Undo and Redo of every change to the scenario (undo.ts), with their keys in the tooltips. */
function UndoRedo() {
  const past = useUndo((u) => u.past);
  const future = useUndo((u) => u.future);
  const edited = useApp((s) => s.scenario.text !== s.scenario.shownText);
  return (
    <span className="undo-redo" role="group" aria-label="Undo and Redo">
      <ToolButton
        variant="icon"
        label="Undo"
        title={`Undo the last change to the scenario (${MOD}Z)`}
        disabled={past === 0 && !edited}
        onClick={() => void undo()}
      >
        <Icon name="undo" />
      </ToolButton>
      <ToolButton
        variant="icon"
        label="Redo"
        title={`Redo (${MAC ? "⇧⌘Z" : "Ctrl+Shift+Z or Ctrl+Y"})`}
        disabled={future === 0}
        onClick={() => void redo()}
      >
        <Icon name="redo" />
      </ToolButton>
    </span>
  );
}
import { TeachBar } from "./teach/TeachBar";

export function TopBar() {
  const theme = useApp((s) => s.view.theme);
  return (
    <header className="topbar">
      <h1 className="brand">
        <span className="dot" aria-hidden="true" />
        Anonscope
        <small>illumos anon layer</small>
      </h1>
      <OpsBar />
      <UndoRedo />
      <span className="spacer" />
      <TeachBar />
      <button
        type="button"
        className="btn primary"
        aria-label="Share"
        title="Copy a link to this scenario and position"
        onClick={() => void share()}
      >
        Share
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
        title="Light / dark theme"
        onClick={() => setTheme(theme === "dark" ? "light" : "dark")}
      >
        {theme === "dark" ? "☀" : "☾"}
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setHelp(true)}
      >
        ?
      </button>
    </header>
  );
}
