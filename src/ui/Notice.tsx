import { useEffect, useState } from "react";
import { dismissNotice } from "../state/view";
import { useApp } from "../state/store";

/** How long a message stays: news fades after a while; a problem stays until it is closed. */
const INFO_MS = 6000;
const ACTION_MS = 10000;
/** the fade at the end (none with reduced motion: the CSS turns transitions off) */
const FADE_MS = 600;

/**
 * One message at a time: a link that could not be opened, a copied link, what an operation did
 * (with Undo). Esc or ✕ closes it; an information fades after a few seconds, unless the pointer
 * or the keyboard focus is on it.
 */
export function Notice() {
  const notice = useApp((s) => s.view.notice);
  const [held, setHeld] = useState(false);
  const [fading, setFading] = useState(false);
  const [seen, setSeen] = useState(notice);
  if (seen !== notice) {
    setSeen(notice);
    setFading(false);
  }
  useEffect(() => {
    if (!notice || notice.kind === "error" || held) return;
    const ms = notice.action ? ACTION_MS : INFO_MS;
    const fade = setTimeout(() => setFading(true), ms - FADE_MS);
    const gone = setTimeout(() => {
      if (useApp.getState().view.notice === notice) dismissNotice();
    }, ms);
    return () => {
      clearTimeout(fade);
      clearTimeout(gone);
    };
  }, [notice, held]);
  const hold = (on: boolean): void => {
    setHeld(on);
    setFading(false);
  };
  if (!notice) return null;
  return (
    <div
      className={`notice ${notice.kind}${fading ? " fading" : ""}`}
      role={notice.kind === "error" ? "alert" : "status"}
      onMouseEnter={() => hold(true)}
      onMouseLeave={() => hold(false)}
      onFocus={() => hold(true)}
      onBlur={() => hold(false)}
    >
      <span>{notice.text}</span>
      {notice.action && (
        <button
          type="button"
          className="btn"
          aria-label={notice.action.name}
          onClick={() => {
            const run = notice.action!.run;
            dismissNotice();
            run();
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button
        type="button"
        className="btn"
        aria-label="Dismiss message"
        title="Close (Esc)"
        onClick={dismissNotice}
      >
        ✕
      </button>
    </div>
  );
}
