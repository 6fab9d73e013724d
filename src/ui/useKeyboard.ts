import { useEffect } from "react";
import { jumpEnd, jumpStart, nextStepAction, prevStepAction, stepBack, stepForward } from "../state/actions";
import { clearSelection, dismissNotice, present, setHelp } from "../state/view";
import { togglePlay } from "../state/playback";
import { redo, undo } from "../state/edits";
import { useApp } from "../state/store";

/** True when the key belongs to a text field (or another control that uses it itself). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * Ctrl/Cmd+Z undo, Ctrl+Shift+Z / Ctrl+Y redo: the scenario's Undo everywhere but in a small
 * text field (a form's, the Pages box), which keeps its own. In the scenario editor too: its
 * edits are changes to the scenario, undone the same way.
 */
function undoKey(e: KeyboardEvent): boolean {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return false;
  const k = e.key.toLowerCase();
  const isUndo = k === "z" && !e.shiftKey;
  const isRedo = (k === "z" && e.shiftKey) || (k === "y" && !e.shiftKey && !e.metaKey);
  if (!isUndo && !isRedo) return false;
  if (e.target instanceof HTMLInputElement) return false;
  e.preventDefault();
  void (isUndo ? undo() : redo());
  return true;
}

/** ←/→ event, Shift+←/→ step, Home/End, Space play/pause, ? help, Esc back out. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (undoKey(e)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const view = useApp.getState().view;
      if (e.key === "Escape") {
        if (view.help) setHelp(false);
        else if (view.notice) dismissNotice();
        else if (view.presenting) present(null);
        else clearSelection();
        return;
      }
      // the node the key went to, inside a shadow root too (the long-text editor's)
      if (isTyping(e.composedPath()[0] ?? e.target)) return;
      const onButton = e.target instanceof HTMLButtonElement;
      let done = true;
      switch (e.key) {
        case "ArrowRight":
          if (e.shiftKey) nextStepAction();
          else stepForward();
          break;
        case "ArrowLeft":
          if (e.shiftKey) prevStepAction();
          else stepBack();
          break;
        case "Home":
          jumpStart();
          break;
        case "End":
          jumpEnd();
          break;
        case " ":
          if (onButton) return;
          togglePlay();
          break;
        case "?":
          setHelp(!view.help);
          break;
        default:
          done = false;
      }
      if (done) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
