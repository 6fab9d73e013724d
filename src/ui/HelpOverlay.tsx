import { setHelp } from "../state/view";
import { useApp } from "../state/store";
import { useCompact } from "./phone/compact";

const KEYS: [string, string][] = [
  ["→ / ←", "next / previous kernel event"],
  ["Shift + → / ←", "next / previous step (statement)"],
  ["Home / End", "start / end of the scenario"],
  ["Space", "play / pause"],
  ["Ctrl/⌘ + Z", "undo the last change to the scenario (the step comes back too)"],
  ["Ctrl + Shift + Z / Ctrl + Y", "redo"],
  ["?", "this help"],
  ["Esc", "close a message or this help, leave presentation mode, clear the highlight"],
];

/** On a phone or a tablet (the compact layout, src/ui/phone). */
const TOUCH: [string, string][] = [
  ["Swipe ← / →", "next / previous kernel event (on a zoomed drawing, a drag moves it instead)"],
  ["Pinch", "zoom a drawing; Fit zooms it back out"],
  ["Press and hold", "what a mouse's hover shows: the object's details, and everything linked to it lit"],
  ["Tabs", "one panel at a time; a dot marks the panels the current event touches"],
  ["Follow", "while on, each event brings up the panel it is about"],
];

export function HelpOverlay() {
  const open = useApp((s) => s.view.help);
  const compact = useCompact();
  if (!open) return null;
  return (
    <div className="modal-back" onClick={() => setHelp(false)}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        {compact && (
          <>
            <h2>Touch</h2>
            <dl className="keys">
              {TOUCH.map(([k, d]) => (
                <div key={k} style={{ display: "contents" }}>
                  <dt>{k}</dt>
                  <dd>{d}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <h2>Keyboard shortcuts</h2>
        <dl className="keys">
          {KEYS.map(([k, d]) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{d}</dd>
            </div>
          ))}
        </dl>
        <p style={{ color: "var(--muted)", fontSize: "calc(12 * var(--u))" }}>
          Keys do nothing while you type in the scenario editor. Hover or click any slot, anon, frame or swap
          slot to light up everything linked to it; click a segment to show its anon layer.
        </p>
        <button type="button" className="btn" onClick={() => setHelp(false)} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
