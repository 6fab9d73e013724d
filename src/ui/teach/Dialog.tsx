import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

interface Props {
  readonly label: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly className?: string;
}

/**
 * A modal dialog: focus moves in when it opens and back to where it was when it closes; Esc, the
 * backdrop and the Close button close it; Tab stays inside.
 */
export function Dialog({ label, onClose, children, className }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => before?.focus?.();
  }, []);
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !box.current) return;
    const all = [
      ...box.current.querySelectorAll<HTMLElement>("a[href], button:not(:disabled), input, select, textarea"),
    ];
    const first = all[0];
    const last = all[all.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };
  return (
    <div className="modal-back" onClick={onClose}>
      <div
        ref={box}
        className={`modal teach-dialog ${className ?? ""}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKey}
      >
        {children}
      </div>
    </div>
  );
}
