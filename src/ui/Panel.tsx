import type { ReactNode } from "react";
import { present } from "../state/actions";
import { useApp, type PanelId } from "../state/store";

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
  return (
    <section
      role="region"
      aria-label={title}
      className={`panel area-${id}${onStage ? " on-stage" : ""}`}
      data-panel={id}
    >
      <header className="panel-head">
        <h2>{title}</h2>
        {sub !== undefined && <span className="sub">{sub}</span>}
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
      <div className={column ? "panel-body col" : "panel-body"}>{children}</div>
      {legend}
    </section>
  );
}
