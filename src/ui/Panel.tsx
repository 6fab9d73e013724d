import type { ReactNode } from "react";
import { present } from "../state/view";
import { useApp, type PanelId } from "../state/store";
import { useDiagramKeys } from "./hooks/useDiagramKeys";
import { STAGE } from "./scale/scale";
import { UnitContext, useUnit } from "./scale/useUnit";
import { useCompact } from "./phone/compact";
import { PinchView } from "./phone/PinchView";

/** Panels whose scrolling part is a tab stop: diagrams (arrow keys between objects), the console. */
const KEYED: ReadonlySet<PanelId> = new Set(["address", "anon", "physical", "swap", "console"]);
/** Panels that are drawings: on a phone, pinch zooms them (PinchView). */
const DRAWN: ReadonlySet<PanelId> = new Set(["address", "anon", "physical", "swap"]);

interface Props {
  id: PanelId;
  title: string;
  sub?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  legend?: ReactNode;
  /** lay the body out as a column (fixed header parts, then a scrolling part) */
  column?: boolean;
}

/** A named region of the screen, with an Enlarge button for presentation mode. */
export function Panel({ id, title, sub, actions, children, legend, column }: Props) {
  const presenting = useApp((s) => s.view.presenting);
  // the compact layout (phones, tablets) shows one panel at a time: no presentation mode there
  const compact = useCompact();
  const onStage = presenting === id && !compact;
  const keyed = KEYED.has(id);
  const how = id === "console" ? "scroll it" : "move between its objects";
  const keys = useDiagramKeys(keyed ? `${title}: the arrow keys ${how}` : null, column === true);
  const u = useUnit();
  const body = (
    <div className={column ? "panel-body col" : "panel-body"} {...(keyed ? keys.body : {})}>
      {children}
    </div>
  );
  return (
    <UnitContext.Provider value={onStage ? u * STAGE : u}>
      <section
        role="region"
        aria-label={title}
        id={`panel-${id}`}
        className={`panel area-${id}${onStage ? " on-stage" : ""}`}
        data-panel={id}
      >
        <header className="panel-head">
          <h2>{title}</h2>
          {sub !== undefined && (
            <span className="sub" title={typeof sub === "string" ? sub : undefined}>
              {sub}
            </span>
          )}
          <span className="grow" />
          {actions}
          {!compact && (
            <button
              type="button"
              className="btn"
              aria-label={onStage ? "Leave presentation mode" : `Enlarge ${title}`}
              title={onStage ? "Back to all panels (Esc)" : "Enlarge for the room"}
              onClick={() => present(onStage ? null : id)}
            >
              {onStage ? "✕" : "⤢"}
            </button>
          )}
        </header>
        {compact && DRAWN.has(id) ? <PinchView name={title}>{body}</PinchView> : body}
        {keyed && (
          <div className="sr-only" aria-live="polite" aria-atomic="true">
            {keys.said}
          </div>
        )}
        {legend}
      </section>
    </UnitContext.Provider>
  );
}
