import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { formatParseError } from "../../../scenarios/parse";
import {
  loadPreset,
  loadPresets,
  PRESET_MENU,
  presetEntry,
  presetNow,
  usePresets,
} from "../../../state/presets";
import { useApp, type AppState } from "../../../state/store";
import { Panel } from "../../Panel";
import { ScenarioEditor } from "../../ScenarioEditor";
import { CutBar } from "../../EngineStatus";
import { OpsBar } from "../../OpsBar";
import { UndoRedo } from "../../UndoRedo";
import { useCompact } from "../../phone/compact";

const sel = (s: AppState) => ({
  text: s.scenario.text,
  error: s.scenario.error,
  loading: s.scenario.loading,
  presetId: s.scenario.presetId,
  steps: s.engine.steps.length,
  stale: s.scenario.text !== s.scenario.shownText,
});

export function ScenarioPanel() {
  const { error, loading, presetId, steps, stale } = useApp(useShallow(sel));
  const entry = presetId ? presetEntry(presetId) : undefined;
  // the default preset is whole from the start; the others' texts and ideas load on first use
  const all = usePresets((s) => s.all);
  const preset = presetId ? presetNow(presetId) : undefined;
  useEffect(() => {
    if (entry && !preset) void loadPresets().catch(() => {});
  }, [entry, preset]);
  const loadIdeas = (): void => void loadPresets().catch(() => {});
  const [more, setMore] = useState(false);
  // a phone's top bar has no room for the operations: they sit over the scenario they edit
  const compact = useCompact();
  const status = loading
    ? "Running…"
    : error
      ? "Not run: the diagrams show the last scenario that ran."
      : `${steps} ${steps === 1 ? "step" : "steps"}${stale ? " (edited)" : ""}`;
  return (
    <Panel id="scenario" title="Scenario">
      <div className="scenario">
        {compact && (
          <div className="phone-ops">
            <OpsBar />
            <UndoRedo />
          </div>
        )}
        <select
          aria-label="Presets"
          value={presetId ?? ""}
          onPointerEnter={loadIdeas}
          onFocus={loadIdeas}
          onChange={(e) => {
            if (e.target.value) void loadPreset(e.target.value);
          }}
        >
          {!entry && <option value="">Your scenario (choose a preset…)</option>}
          {PRESET_MENU.map((p) => (
            <option key={p.id} value={p.id} title={all?.find((q) => q.id === p.id)?.idea}>
              {p.title}
            </option>
          ))}
        </select>
        {preset && (
          <div className="idea-wrap">
            <p className={`idea${more ? "" : " clamped"}`} aria-label="What this preset shows">
              {preset.idea}
            </p>
            <button type="button" className="linkish" aria-expanded={more} onClick={() => setMore(!more)}>
              {more ? "less" : "more about this preset"}
            </button>
          </div>
        )}
        <ScenarioEditor invalid={error !== null} {...(error ? { describedBy: "parse-error" } : {})} />
        {error && (
          <div id="parse-error" className="parse-error" role="alert">
            {formatParseError(error)}
          </div>
        )}
        <CutBar />
        <div className="status-line" aria-live="polite">
          <span>{status}</span>
        </div>
      </div>
    </Panel>
  );
}
