import { useEffect } from "react";
import {
  clearSelection,
  jumpEnd,
  jumpStart,
  nextStepAction,
  present,
  prevStepAction,
  setHelp,
  stepBack,
  stepForward,
  togglePlay,
} from "../state/actions";
import { useApp } from "../state/store";

/** True when the key belongs to a text field (or another control that uses it itself). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement
  );
}

/** ←/→ event, Shift+←/→ step, Home/End, Space play/pause, ? help, Esc back out. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const view = useApp.getState().view;
      if (e.key === "Escape") {
        if (view.help) setHelp(false);
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
