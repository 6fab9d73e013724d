import type { ReactNode } from "react";
import { setHelp, setTheme } from "../state/view";
import { share } from "../state/edits";
import { useApp } from "../state/store";
import { OpsBar } from "./OpsBar";
import { UndoRedo } from "./UndoRedo";

import { TeachBar } from "./teach/TeachBar";
import { useCompact } from "./phone/compact";
import type { MenuGroup } from "./teach/Menu";
import { useNarrationViews } from "./panels/narration/narrationViews";

/**
 * The compact layout's top bar (phones, tablets): the name, the teaching controls and Share; the
 * Narration's views, the theme and the help go into More, the operations and Undo/Redo into the
 * Scenario tab.
 */
function CompactTopBar({ children }: { children?: ReactNode }) {
  const theme = useApp((s) => s.view.theme);
  const views = useNarrationViews();
  const extra: MenuGroup[] = [
    {
      label: "Narration",
      items: views.map((v) => ({
        label: v.label,
        note: v.note,
        checked: v.on,
        checkbox: true,
        disabled: v.disabled,
        onSelect: v.toggle,
      })),
    },
    {
      label: "This screen",
      items: [
        {
          label: theme === "dark" ? "Light theme" : "Dark theme",
          onSelect: () => setTheme(theme === "dark" ? "light" : "dark"),
        },
        { label: "Help", note: "touch and keys", onSelect: () => setHelp(true) },
      ],
    },
  ];
  return (
    <header className="topbar">
      <h1 className="brand">
        <span className="dot" aria-hidden="true" />
        <span className="brand-name">Anonscope</span>
      </h1>
      {children ?? <span className="spacer" />}
      <TeachBar extra={extra} />
      <ShareButton />
    </header>
  );
}

/** `children`: what the compact bar holds between the name and the buttons (the tabs, on a phone on its side). */
export function TopBar({ children }: { children?: ReactNode }) {
  const theme = useApp((s) => s.view.theme);
  const compact = useCompact();
  if (compact) return <CompactTopBar>{children}</CompactTopBar>;
  return (
    <header className="topbar">
      <h1 className="brand">
        <span className="dot" aria-hidden="true" />
        Anonscope
        <small>illumos anon layer</small>
      </h1>
      <OpsBar />
      <UndoRedo />
      <span className="spacer" />
      <TeachBar />
      <ShareButton />
      <button
        type="button"
        className="btn icon"
        aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
        title="Light / dark theme"
        onClick={() => setTheme(theme === "dark" ? "light" : "dark")}
      >
        {theme === "dark" ? "☀" : "☾"}
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setHelp(true)}
      >
        ?
      </button>
    </header>
  );
}

/** Share, the same on the desktop bar and the compact one. */
function ShareButton() {
  return (
    <button
      type="button"
      className="btn primary"
      aria-label="Share"
      title="Copy a link to this scenario and position"
      onClick={() => void share()}
    >
      Share
    </button>
  );
}
