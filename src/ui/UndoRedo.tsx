import { redo, undo } from "../state/edits";
import { useApp } from "../state/store";
import { useUndo } from "../state/undo";
import { Icon } from "./Icon";
import { ToolButton } from "./ToolButton";

const MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = MAC ? "⌘" : "Ctrl+";

/** Undo and Redo of every change to the scenario (undo.ts), with their keys in the tooltips. */
export function UndoRedo() {
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
