import type { ReactNode } from "react";

export interface ToolButtonProps {
  /** the accessible name, whatever the button shows */
  readonly label: string;
  readonly title?: string;
  readonly disabled?: boolean;
  readonly pressed?: boolean;
  readonly expanded?: boolean;
  /** classes after `btn` ("icon" for an icon button) */
  readonly variant?: string;
  readonly onClick: () => void;
  readonly children: ReactNode;
}

/** A toolbar button (the transport's and the operations'): `.btn`, named by `label`. */
export function ToolButton(p: ToolButtonProps) {
  return (
    <button
      type="button"
      className={p.variant ? `btn ${p.variant}` : "btn"}
      aria-label={p.label}
      title={p.title}
      aria-pressed={p.pressed}
      aria-expanded={p.expanded}
      disabled={p.disabled}
      onClick={p.onClick}
    >
      {p.children}
    </button>
  );
}
