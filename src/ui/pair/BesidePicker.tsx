import { useEffect, useState } from "react";
import { flipShare } from "../../scenarios/flipShare";
import { MAX_BESIDE_CHARS } from "../../scenarios/linkView";
import { openBeside, openFlipped, titleFor } from "../../state/pair";
import { loadPresets, PRESET_MENU, presetById } from "../../state/presets";
import { useApp } from "../../state/store";
import { Dialog } from "../teach/Dialog";
import { closePicker } from "./picker";
import "./pair.css";

const fmt = (n: number): string => n.toLocaleString("en-US");

/**
 * Which second scenario to open beside the one on screen: the same steps with MAP_PRIVATE and
 * MAP_SHARED swapped, a preset, or a text of one's own (the editor's scenario to start from). B
 * runs in its own engine and is stepped with the first, step for step.
 */
export function BesidePicker() {
  const shown = useApp((s) => s.scenario.shownText);
  const flipped = flipShare(shown);
  const [preset, setPreset] = useState(PRESET_MENU[0]?.id ?? "");
  // the presets' texts (loaded on first use): here before one is opened, and B named after it
  useEffect(() => {
    loadPresets().catch(() => {});
  }, []);
  const [text, setText] = useState(() => shown.slice(0, MAX_BESIDE_CHARS));
  const open = (t: string): void => {
    closePicker();
    void openBeside(t, titleFor(t, shown));
  };
  return (
    <Dialog label="Open a second scenario beside this one" onClose={closePicker} className="beside-picker">
      <div className="teach-dialog-head">
        <h2>Side by side</h2>
        <button type="button" className="btn" onClick={closePicker}>
          Close
        </button>
      </div>
      <p>
        A second scenario, B, runs in its own simulator in the place of Address spaces and steps with this
        one: the same step, the same event. The first step where the kernel takes another path is marked.
      </p>
      <div className="beside-choice">
        <button
          type="button"
          className="btn primary"
          data-autofocus
          disabled={flipped === null}
          onClick={() => {
            closePicker();
            openFlipped(shown);
          }}
        >
          The same steps, MAP_PRIVATE and MAP_SHARED swapped
        </button>
        {flipped === null && (
          <span className="beside-note">This scenario has no mmap statement to swap.</span>
        )}
      </div>
      <div className="beside-choice">
        <label>
          A preset{" "}
          <select
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
            aria-label="Preset to open beside"
          >
            {PRESET_MENU.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          onClick={() => {
            void presetById(preset).then(
              (p) => p && open(p.text),
              () => {}, // offline and not cached: the menu stays open
            );
          }}
        >
          Open the preset beside
        </button>
      </div>
      <div className="beside-choice beside-own">
        <label htmlFor="beside-text">
          Your own (this scenario to start from; up to {fmt(MAX_BESIDE_CHARS)} characters, so a link can carry
          it)
        </label>
        <textarea
          id="beside-text"
          className="mono"
          rows={8}
          spellCheck={false}
          maxLength={MAX_BESIDE_CHARS}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="button" className="btn" disabled={text.trim() === ""} onClick={() => open(text)}>
          Open this beside
        </button>
      </div>
    </Dialog>
  );
}
