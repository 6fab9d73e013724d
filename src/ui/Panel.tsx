import type { ReactNode } from "react";
import { present } from "../state/actions";
import { useApp, type PanelId } from "../state/store";
import { useDiagramKeys } from "./hooks/useDiagramKeys";
import { STAGE } from "./scale/scale";
import { UnitContext, useUnit } from "./scale/useUnit";

/** Panels whose scrolling part is a tab stop: diagrams (arrow keys between objects), the console. */
const KEYED: ReadonlySet<PanelId> = new Set(["address", "anon", "physical", "swap", "console"]);

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
  const onStage = presenting === id;
  const keyed = KEYED.has(id);
  const how = id === "console" ? "scroll it" : "move between its objects";
  const keys = useDiagramKeys(keyed ? `${title}: the arrow keys ${how}` : null, column === true);
  const u = useUnit();
  return (
    <UnitContext.Provider value={onStage ? u * STAGE : u}>
      <section
        role="region"
        aria-label={title}
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
          <button
            type="button"
            className="btn"
            aria-label={onStage ? "Leave presentation mode" : `Enlarge ${title}`}
            title={onStage ? "Back to all panels (Esc)" : "Enlarge for the room"}
            onClick={() => present(onStage ? null : id)}
          >
            {onStage ? "✕" : "⤢"}
          </button>
        </header>
        <div className={column ? "panel-body col" : "panel-body"} {...(keyed ? keys.body : {})}>
          {children}
        </div>
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
