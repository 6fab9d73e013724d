import type { ZoomActions } from "./zoom/useZoomController";
import { ToolButton } from "./ToolButton";

/**
 * The − / + / fit buttons of a zoomable view, with where it is. `what` names the whole thing
 * the fit button shows ("the whole mapping", "all frames").
 */
export function ZoomButtons(props: {
  range: string;
  what: string;
  all: boolean;
  deepest: boolean;
  actions: ZoomActions;
  /** what the + and − buttons zoom, when a view other than the Anon layer's has them too */
  of?: string;
}) {
  const { range, what, all, deepest, actions, of } = props;
  const suffix = of ? ` ${of}` : "";
  return (
    <span className="zoom-bar">
      <span className="zoom-range" aria-live="polite">
        {range}
      </span>
      <ToolButton label={`Zoom out${suffix}`} title="Zoom out (−)" onClick={actions.zoomOut} disabled={all}>
        −
      </ToolButton>
      <ToolButton label={`Zoom in${suffix}`} title="Zoom in (+)" onClick={actions.zoomIn} disabled={deepest}>
        +
      </ToolButton>
      <ToolButton label={`Show ${what}`} title={`Show ${what} (0)`} onClick={actions.fit} disabled={all}>
        ⤒
      </ToolButton>
    </span>
  );
}
