import { useId, type ReactNode } from "react";

export interface ToolButtonProps {
  /** the accessible name, whatever the button shows */
  readonly label: string;
  readonly title?: string;
  readonly disabled?: boolean;
  /**
   * Why the button cannot act now: it stays focusable (aria-disabled), its tooltip and its
   * accessible description say why, and a click does nothing.
   */
  readonly why?: string | null;
  readonly pressed?: boolean;
  readonly expanded?: boolean;
  /** classes after `btn` ("icon" for an icon button) */
  readonly variant?: string;
  readonly onClick: () => void;
  readonly children: ReactNode;
}

/** A toolbar button (the transport's and the operations'): `.btn`, named by `label`. */
export function ToolButton(p: ToolButtonProps) {
  const id = useId();
  const why = p.why ?? null;
  return (
    <button
      type="button"
      className={p.variant ? `btn ${p.variant}` : "btn"}
      aria-label={p.label}
      title={why ?? p.title}
      aria-pressed={p.pressed}
      aria-expanded={p.expanded}
      aria-disabled={why ? true : undefined}
      aria-describedby={why ? id : undefined}
      disabled={p.disabled}
      onClick={why ? undefined : p.onClick}
    >
      {p.children}
      {why && (
        <span id={id} hidden>
          {why}
        </span>
      )}
    </button>
  );
}
