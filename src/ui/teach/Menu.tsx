import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface MenuItem {
  readonly label: string;
  /** a second, quieter line */
  readonly note?: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
  /** a menuitemradio (or, with `checkbox`, menuitemcheckbox) state */
  readonly checked?: boolean;
  readonly checkbox?: boolean;
}

export interface MenuGroup {
  readonly label?: string;
  readonly items: readonly MenuItem[];
}

interface Props {
  /** the button's accessible name */
  readonly label: string;
  readonly title?: string;
  readonly children: ReactNode;
  readonly groups: readonly MenuGroup[];
  readonly className?: string;
}

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ↓ open it on the first item, ↑/↓ move,
 * Esc or a click outside close it and give focus back to the button.
 */
export function Menu({ label, title, children, groups, className }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = () => [
    ...(root.current?.querySelectorAll<HTMLElement>("[role^=menuitem]:not(:disabled)") ?? []),
  ];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onDown = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  const onKey = (e: KeyboardEvent): void => {
    if (!open) return;
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") close();
    else if (e.key === "ArrowDown") list[(at + 1) % list.length]?.focus();
    else if (e.key === "ArrowUp") list[(at - 1 + list.length) % list.length]?.focus();
    else if (e.key === "Home") list[0]?.focus();
    else if (e.key === "End") list[list.length - 1]?.focus();
    else if (e.key === "Tab") setOpen(false);
    else return;
    // keep the app's own keys (← → Esc) out of an open menu
    e.stopPropagation();
    if (e.key !== "Tab") e.preventDefault();
  };

  return (
    <span className={`anchor teach-menu ${className ?? ""}`} ref={root} onKeyDown={onKey}>
      <button
        ref={button}
        type="button"
        className="btn"
        aria-label={label}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children}
      </button>
      {open && (
        <div className="popover menu" id={id} role="menu" aria-label={label}>
          {groups.map((g, gi) => (
            <div key={gi} role="group" aria-label={g.label}>
              {g.label && (
                <div className="menu-label" aria-hidden="true">
                  {g.label}
                </div>
              )}
              {g.items.map((it) => (
                <button
                  key={it.label}
                  type="button"
                  role={
                    it.checked === undefined ? "menuitem" : it.checkbox ? "menuitemcheckbox" : "menuitemradio"
                  }
                  aria-checked={it.checked}
                  className="menu-item"
                  disabled={it.disabled}
                  tabIndex={-1}
                  onClick={() => {
                    close();
                    it.onSelect();
                  }}
                >
                  <span>{it.label}</span>
                  {it.note && <small>{it.note}</small>}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </span>
  );
}
